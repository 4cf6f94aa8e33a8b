import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { GcPauses, ProbeAnswer, ProbeRequest, ThreadHeap } from './memory-probe';

const MB = 1024 * 1024;
/** A memory reading answers at once; heap snapshots of large heaps on a busy machine may take minutes. */
const MEMORY_LIMIT_MS = 30_000;

export interface AppMemory {
  rssMb: number;
  /** Every thread's heap together: the main thread's and each worker thread's. */
  heapUsedMb: number;
  heapTotalMb: number;
  /** Every thread's external memory together (outside the heaps, held by JavaScript objects). */
  externalMb: number;
  /** Heap used per thread (`main`, and each worker by its script name), MB. */
  threadsMb: Record<string, number>;
}

/**
 * The app process's memory, read from outside it: the RSS from GET /metrics (prom-client's
 * process_resident_memory_bytes) when the app serves it, otherwise VmRSS from /proc/<pid>/status;
 * the heaps of its threads from the preloaded probe (memory-probe.ts) over the IPC channel
 * (/metrics has the main thread's only, and the projection, saga and store writer threads have
 * heaps of their own).
 */
export class AppMemoryReader {
  private metrics: boolean | undefined;

  constructor(
    private readonly base: string,
    private readonly child: ChildProcess,
  ) {}

  /** Where the RSS comes from, once `read` has run. */
  get source(): string {
    return this.metrics ? 'RSS from GET /metrics' : `RSS from /proc/${this.child.pid}/status`;
  }

  async read(): Promise<AppMemory> {
    const { threads } = (await this.ask({ kind: 'memory' })) as Extract<ProbeAnswer, { kind: 'memory' }>;
    const rssMb = (await this.rssFromMetrics()) ?? vmRssMb(this.child.pid!);
    const sum = (pick: (heap: ThreadHeap) => number) => threads.reduce((total, heap) => total + pick(heap), 0) / MB;
    const threadsMb: Record<string, number> = {};
    for (const heap of threads) threadsMb[heap.thread] = (threadsMb[heap.thread] ?? 0) + heap.heapUsed / MB;
    return { rssMb, heapUsedMb: sum((heap) => heap.heapUsed), heapTotalMb: sum((heap) => heap.heapTotal), externalMb: sum((heap) => heap.external), threadsMb };
  }

  /**
   * The longest the app's main event loop was held since the previous call, in ms, and the garbage
   * collections meanwhile (the first call starts the watch and answers nothing).
   */
  async loopDelay(): Promise<{ maxMs: number; gc: GcPauses }> {
    const { maxMs, gc } = (await this.ask({ kind: 'loop-delay' })) as Extract<ProbeAnswer, { kind: 'loop-delay' }>;
    return { maxMs, gc };
  }

  /** Has every thread of the app run a full garbage collection; answers how long that took. */
  async collectGarbage(): Promise<number> {
    return ((await this.ask({ kind: 'collect-garbage' })) as Extract<ProbeAnswer, { kind: 'collect-garbage' }>).seconds;
  }

  /** Has the app write a heap snapshot of each of its threads beside `file` (it pauses while it does). */
  async heapSnapshots(file: string): Promise<{ files: string[]; seconds: number }> {
    return (await this.ask({ kind: 'heap-snapshot', file })) as Extract<ProbeAnswer, { kind: 'heap-snapshot' }>;
  }

  private async rssFromMetrics(): Promise<number | undefined> {
    if (this.metrics === false) return undefined;
    const response = await fetch(`${this.base}/metrics`).catch(() => undefined);
    const text = response?.ok ? await response.text() : '';
    const match = /^process_resident_memory_bytes(?:\{[^}]*\})? ([0-9.e+]+)/m.exec(text);
    this.metrics = match !== null;
    return match === null ? undefined : Number(match[1]) / MB;
  }

  private ask(request: ProbeRequest): Promise<ProbeAnswer> {
    return new Promise((resolve, reject) => {
      const timer =
        request.kind !== 'heap-snapshot' ? setTimeout(() => done(new Error(`the app's memory probe did not answer within ${MEMORY_LIMIT_MS} ms`)), MEMORY_LIMIT_MS) : undefined;
      const onMessage = (message: ProbeAnswer) => {
        if (message.kind === request.kind) done(undefined, message);
      };
      const done = (error?: Error, message?: ProbeAnswer) => {
        clearTimeout(timer);
        this.child.off('message', onMessage);
        if (error) reject(error);
        else resolve(message!);
      };
      this.child.on('message', onMessage);
      this.child.send(request);
    });
  }
}

/** Resident set size of a process on Linux, from the kernel's own account. */
export function vmRssMb(pid: number): number {
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (kb === null) throw new Error(`/proc/${pid}/status has no VmRSS line`);
  return Number(kb[1]) / 1024;
}
