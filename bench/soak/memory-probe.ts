import { closeSync, openSync, writeSync } from 'node:fs';
import { Session } from 'node:inspector';
import { basename } from 'node:path';
import { type IntervalHistogram, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { writeHeapSnapshot } from 'node:v8';

/**
 * Preloaded into the app's process by the soak benchmark (`node --require .../memory-probe.js
 * dist/src/main.js`): answers on the IPC channel with the heap of every thread (the main one, and
 * the worker threads through the inspector's NodeWorker domain, since each thread has a heap of
 * its own that only it can read) and writes heap snapshots of them on request, answering once
 * the files are complete (a --heapsnapshot-signal covers the main thread only and gives no such
 * word), and, once asked, how long the main thread's event loop was held (the fuzz benchmark
 * measures the app's loop apart from its own). Nothing else: the app runs as `npm start` runs it.
 */
export type ProbeRequest = { kind: 'memory' } | { kind: 'heap-snapshot'; file: string } | { kind: 'loop-delay' } | { kind: 'collect-garbage' };
/** Heap figures of one thread, in bytes; `thread` is `main` or the worker's script name. */
export interface ThreadHeap {
  thread: string;
  heapUsed: number;
  heapTotal: number;
  /** Memory of C++ objects the thread's JavaScript holds (Buffers, ArrayBuffers, native addons' objects), outside its heap. */
  external: number;
}
export type ProbeAnswer =
  | { kind: 'memory'; usage: NodeJS.MemoryUsage; threads: ThreadHeap[] }
  | { kind: 'heap-snapshot'; files: string[]; seconds: number }
  /** Every thread has run a full collection (the inspector's HeapProfiler.collectGarbage), which took this long. */
  | { kind: 'collect-garbage'; seconds: number }
  /** The longest the main thread's event loop was held since the previous `loop-delay` request (the first starts the watch). */
  | { kind: 'loop-delay'; maxMs: number; gc: GcPauses };

/** The garbage collections of the main thread over the same span: how many, their total and longest pause. */
export interface GcPauses {
  count: number;
  totalMs: number;
  maxMs: number;
  /** The longest pause's kind (V8's: 1 minor, 2 major, 4 incremental, 8 weak callbacks). */
  maxKind: number;
}

interface Worker {
  sessionId: string;
  thread: string;
}

/** The worker threads, each reached by messages through the main thread's inspector session. */
class Workers {
  private readonly session = new Session();
  private readonly attached = new Map<string, Worker>();
  private readonly pending = new Map<number, (result: any) => void>();
  private readonly chunks = new Map<string, (chunk: string) => void>();
  private lastId = 0;

  constructor() {
    this.session.connect();
    this.session.on('NodeWorker.attachedToWorker', ({ params }: any) => {
      this.attached.set(params.sessionId, { sessionId: params.sessionId, thread: basename(params.workerInfo.url).replace(/\.js$/, '') });
    });
    this.session.on('NodeWorker.detachedFromWorker', ({ params }: any) => this.attached.delete(params.sessionId));
    this.session.on('NodeWorker.receivedMessageFromWorker', ({ params }: any) => {
      const message = JSON.parse(params.message);
      if (message.method === 'HeapProfiler.addHeapSnapshotChunk') this.chunks.get(params.sessionId)?.(message.params.chunk);
      else if (message.id !== undefined) this.pending.get(message.id)?.(message.result ?? { error: message.error });
    });
    this.session.post('NodeWorker.enable', { waitForDebuggerOnStart: false });
  }

  get all(): Worker[] {
    return [...this.attached.values()];
  }

  call(worker: Worker, method: string, params: object = {}): Promise<any> {
    const id = ++this.lastId;
    return new Promise((resolve) => {
      this.pending.set(id, (result) => {
        this.pending.delete(id);
        resolve(result);
      });
      this.session.post('NodeWorker.sendMessageToWorker', { sessionId: worker.sessionId, message: JSON.stringify({ id, method, params }) });
    });
  }

  async heap(worker: Worker): Promise<ThreadHeap | undefined> {
    const answer = await this.call(worker, 'Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true });
    if (typeof answer?.result?.value !== 'string') return undefined;
    const usage = JSON.parse(answer.result.value) as NodeJS.MemoryUsage;
    return { thread: worker.thread, heapUsed: usage.heapUsed, heapTotal: usage.heapTotal, external: usage.external };
  }

  /** A full collection on this thread (the main one when `worker` is undefined), as DevTools' "Collect garbage" button. */
  async collectGarbage(worker?: Worker): Promise<void> {
    if (worker) await this.call(worker, 'HeapProfiler.collectGarbage');
    else await new Promise<void>((resolve) => this.session.post('HeapProfiler.collectGarbage', () => resolve()));
  }

  /** Written synchronously, chunk by chunk: the libuv thread pool the app shares may be busy. */
  async snapshot(worker: Worker, file: string): Promise<void> {
    const out = openSync(file, 'w');
    this.chunks.set(worker.sessionId, (chunk) => writeSync(out, chunk));
    try {
      await this.call(worker, 'HeapProfiler.enable');
      await this.call(worker, 'HeapProfiler.takeHeapSnapshot', { reportProgress: false });
      await this.call(worker, 'HeapProfiler.disable');
    } finally {
      this.chunks.delete(worker.sessionId);
      closeSync(out);
    }
  }
}

if (process.send !== undefined) {
  const workers = new Workers();
  process.on('message', (request: ProbeRequest) => {
    if (request.kind === 'memory') void memory(workers).then(answer);
    else if (request.kind === 'heap-snapshot') void snapshots(workers, request.file).then(answer);
    else if (request.kind === 'loop-delay') answer(loopDelay());
    else if (request.kind === 'collect-garbage') void collectGarbage(workers).then(answer);
  });
  // The channel must not keep the app alive once it has stopped on SIGTERM.
  process.channel?.unref();
}

let loop: IntervalHistogram | undefined;
let gc: GcPauses = { count: 0, totalMs: 0, maxMs: 0, maxKind: 0 };

function loopDelay(): ProbeAnswer {
  const maxMs = loop ? loop.max / 1e6 : 0;
  if (loop) loop.reset();
  else {
    loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        gc.count++;
        gc.totalMs += entry.duration;
        if (entry.duration > gc.maxMs) gc = { ...gc, maxMs: entry.duration, maxKind: (entry as { detail?: { kind?: number } }).detail?.kind ?? 0 };
      }
    }).observe({ entryTypes: ['gc'] });
  }
  const answer: ProbeAnswer = { kind: 'loop-delay', maxMs, gc };
  gc = { count: 0, totalMs: 0, maxMs: 0, maxKind: 0 };
  return answer;
}

async function memory(workers: Workers): Promise<ProbeAnswer> {
  const usage = process.memoryUsage();
  const threads: ThreadHeap[] = [{ thread: 'main', heapUsed: usage.heapUsed, heapTotal: usage.heapTotal, external: usage.external }];
  for (const worker of workers.all) {
    const heap = await workers.heap(worker);
    if (heap) threads.push(heap);
  }
  return { kind: 'memory', usage, threads };
}

async function collectGarbage(workers: Workers): Promise<ProbeAnswer> {
  const start = process.hrtime.bigint();
  await workers.collectGarbage();
  for (const worker of workers.all) await workers.collectGarbage(worker);
  return { kind: 'collect-garbage', seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

/** `file` for the main thread; `<file without .heapsnapshot>.<worker script>.heapsnapshot` for each worker. */
async function snapshots(workers: Workers, file: string): Promise<ProbeAnswer> {
  const start = process.hrtime.bigint();
  const files = [writeHeapSnapshot(file)];
  for (const worker of workers.all) {
    const workerFile = file.replace(/(\.heapsnapshot)?$/, `.${worker.thread}.heapsnapshot`);
    await workers.snapshot(worker, workerFile);
    files.push(workerFile);
  }
  return { kind: 'heap-snapshot', files, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

/** A bench that went away meanwhile is no reason for the app to fail. */
function answer(message: ProbeAnswer): void {
  process.send?.(message, undefined, undefined, () => undefined);
}
