import { readdirSync, readFileSync } from 'node:fs';

/** CPU seconds by thread name: the main thread as `main`, the service's own threads by their `lb-` names, the rest (V8's GC and compiler helpers, libuv) as `other`. */
export type ThreadCpu = Map<string, number>;

/**
 * The CPU time each thread of process `pid` has run so far (Linux: /proc/<pid>/task/<tid>/schedstat,
 * nanoseconds on a CPU). A thread that ended between the listing and the read is left out.
 */
export function threadCpu(pid: number): ThreadCpu {
  const byName: ThreadCpu = new Map();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const comm = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
      const onCpuNs = Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      const name = Number(tid) === pid ? 'main' : comm.startsWith('lb-') ? comm : 'other';
      byName.set(name, (byName.get(name) ?? 0) + onCpuNs / 1e9);
    } catch {
      continue;
    }
  }
  return byName;
}

/** CPU used between two readings, by thread (threads that started in between count from 0). */
export function cpuBetween(before: ThreadCpu, after: ThreadCpu): ThreadCpu {
  const used: ThreadCpu = new Map();
  for (const [name, seconds] of after) used.set(name, seconds - (before.get(name) ?? 0));
  return used;
}

export function addCpu(a: ThreadCpu, b: ThreadCpu): ThreadCpu {
  const sum: ThreadCpu = new Map(a);
  for (const [name, seconds] of b) sum.set(name, (sum.get(name) ?? 0) + seconds);
  return sum;
}

/**
 * Milliseconds of CPU per unit of work between two readings, by thread, plus the load generator's
 * own (`loadGenerator`, this process) and the sum (`total`): where an order's CPU goes on a
 * machine the load generator shares.
 */
export function cpuMsPer(units: number, before: ThreadCpu, after: ThreadCpu, loadGeneratorSeconds: number): Record<string, number> {
  const perUnit = (seconds: number) => Math.round((seconds * 1e6) / units) / 1000;
  const spent: Record<string, number> = {};
  let total = loadGeneratorSeconds;
  for (const [name, used] of [...cpuBetween(before, after)].sort(([a], [b]) => (a === 'main' ? -1 : b === 'main' ? 1 : a.localeCompare(b)))) {
    spent[name] = perUnit(used);
    total += used;
  }
  spent.loadGenerator = perUnit(loadGeneratorSeconds);
  spent.total = perUnit(total);
  return spent;
}
