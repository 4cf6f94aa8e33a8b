import { readFileSync, writeFileSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** The highest niceness Linux has: the least CPU share. */
const MAX_NICENESS = 19;
/** Linux keeps at most 15 characters of a thread's name. */
const MAX_NAME_LENGTH = 15;

/**
 * Called on a back-office worker thread (projections, sagas, ERP delivery) as it starts: names the thread
 * (what `top -H` and `ps -L` show) and lowers its own priority by `niceness` below the process's,
 * so that on a machine short of CPU the request loop and the store's writer get the cores first
 * and the back office falls behind (its lag shows in GET /projections and GET /ops/sagas) instead of slowing
 * capture. Linux only: there a thread's id is a valid target of setpriority and its niceness is its
 * own; the calls run synchronously, on this thread, so /proc/thread-self is this thread.
 * Elsewhere (a developer's macOS) the thread runs as the rest of the service, without a word.
 * Answers why the priority could not be lowered on Linux, else undefined.
 */
export function runAsBackOffice(name: string, niceness: number): string | undefined {
  if (process.platform !== 'linux') return undefined;
  const unnamed = nameThisThread(name);
  if (unnamed !== undefined || niceness === 0) return unnamed;
  try {
    // Its first field is the thread's id as the kernel knows it.
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const threadId = Number(stat.slice(0, stat.indexOf(' ')));
    setPriority(threadId, Math.min(MAX_NICENESS, getPriority(threadId) + niceness));
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Names the calling thread on Linux, as `top -H`, `ps -L` and the commands benchmark's CPU per
 * thread show it; elsewhere does nothing. Answers why it could not, else undefined.
 */
export function nameThisThread(name: string): string | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    writeFileSync('/proc/thread-self/comm', name.slice(0, MAX_NAME_LENGTH));
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
