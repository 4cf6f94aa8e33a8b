import { readdirSync, readFileSync } from 'node:fs';

/** Nanoseconds each thread of a process has spent on a CPU so far, by thread id (the main thread's id is the pid). */
export type ThreadCpu = Map<number, number>;

/**
 * Read from /proc/<pid>/task/<tid>/schedstat (its first field: time on a CPU, in ns), so a
 * thread's share is measured however busy the rest of the machine is. Node gives its threads
 * no names, so they are told apart by id: the main thread is the pid, the rest are listed by
 * what they used.
 */
export function threadCpu(pid: number): ThreadCpu {
  const cpu: ThreadCpu = new Map();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      cpu.set(Number(tid), Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]));
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return cpu;
}

/** CPU used between two readings, per thread (threads that started in between count from 0). */
export function cpuBetween(before: ThreadCpu, after: ThreadCpu): ThreadCpu {
  const used: ThreadCpu = new Map();
  for (const [tid, ns] of after) used.set(tid, ns - (before.get(tid) ?? 0));
  return used;
}

export function addCpu(a: ThreadCpu, b: ThreadCpu): ThreadCpu {
  const sum: ThreadCpu = new Map(a);
  for (const [tid, ns] of b) sum.set(tid, (sum.get(tid) ?? 0) + ns);
  return sum;
}
