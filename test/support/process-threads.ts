import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessThread {
  id: number;
  name: string;
  niceness: number;
}

/** A process's threads as `ps -L` shows them: id, name and niceness, from /proc/<pid>/task/<tid>/stat (Linux). */
function threadsOf(pid: number): ProcessThread[] {
  return readdirSync(`/proc/${pid}/task`).map((id) => {
    const stat = readFileSync(`/proc/${pid}/task/${id}/stat`, 'utf8');
    // The name is in parentheses and may hold spaces; counted from the state after it (field 3), nice is field 19.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { id: Number(id), name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), niceness: Number(fields[19 - 3]) };
  });
}

/** The process's threads, its main thread, and the niceness a back-office thread runs at (`niceness` below the main thread). */
export function backOfficeNiceness(pid: number, niceness: number): { expected: number; main: ProcessThread; threads: ProcessThread[] } {
  const threads = threadsOf(pid);
  const main = threads.find((thread) => thread.id === pid)!;
  return { expected: Math.min(19, main.niceness + niceness), main, threads };
}
