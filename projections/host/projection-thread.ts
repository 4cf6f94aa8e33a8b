import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { GlobalPosition, RecordedEvent } from '../../src/event-store/event-store.port';
import { ReadModelNotReadyError } from '../../src/errors/read-model-not-ready.error';
import type { SkippedClose } from '../posting-batches/batch-closer';
import type { Day } from '../posting-batches/batch-size-watcher';
import type { ProjectionHalt } from '../runner/projection-halt';
import type { RebuildReport } from '../runner/projection-rebuild';
import { assertUniqueNames, type RunnerControl } from './projection-runners';
import type { ProjectionStatusView } from './projection-status.view';
import { carried, type ProjectionThreadInit, rethrown, type RunnerMethod, type ThreadMessage, type ToProjectionThread } from './projection-thread.messages';

/** The projection thread's script, beside this file once compiled. */
export const PROJECTION_THREAD_ENTRY = join(__dirname, 'projection-thread.worker.js');
/** A thread that ran this long before it crashed was healthy: it is restarted at once, as after a first crash. */
const HEALTHY_AFTER_MS = 60_000;
/** Crashes in a row wait 1 s, 2 s, 4 s ... before the next restart, up to this. */
const MAX_RESTART_DELAY_MS = 30_000;

type Answer<M extends RunnerMethod> = Awaited<ReturnType<RunnerControl[M]>>;

/**
 * The projections' runners on a thread of their own (projection-thread.worker.ts), seen from
 * the service's main thread: each call is a message, answered when the runners have done it,
 * so the main thread only waits asynchronously while projections apply events, catch up,
 * rebuild or count their lag.
 *
 * A crash of the thread (an uncaught error, its heap exhausted) fails the calls waiting on it
 * and later ones with ReadModelNotReadyError (503) naming the exit, is logged, and restarts the
 * thread: at once, then after 1 s, 2 s ... up to 30 s while it keeps crashing. The runners
 * resume from their committed checkpoints, so nothing is lost or applied twice. An operator's
 * restart of any projection restarts the thread at once.
 */
export class ProjectionThread implements RunnerControl {
  readonly names: readonly string[];
  private readonly logger = new Logger('ProjectionHost');
  private worker: Worker | undefined;
  private readonly waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private lastCallId = 0;
  private stopped = true;
  /** Why the thread is not running, between a crash and its restart. */
  private down: string | undefined;
  private crashesInARow = 0;
  private launchedAt = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private threadError: Error | undefined;
  private batchWatch: { maxEntries: number; close(days: Day[]): Promise<{ skipped: SkippedClose[] }> } | undefined;

  constructor(
    private readonly init: ProjectionThreadInit,
    private readonly spawn: (init: ProjectionThreadInit) => Worker = (data) => new Worker(PROJECTION_THREAD_ENTRY, { workerData: data }),
  ) {
    this.names = [...init.projections];
    assertUniqueNames(this.names);
  }

  /** The thread the runners and their connections live on, while it runs. */
  get threadId(): number | undefined {
    return this.worker?.threadId;
  }

  start(): Promise<void> {
    this.stopped = false;
    return this.launch();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    const worker = this.worker;
    if (!worker) return;
    await this.call('stop').catch(() => undefined);
    this.worker = undefined;
    await worker.terminate();
    // Waits no stopped runner will answer (a batch close waiting for the journal during shutdown).
    this.failWaiting(new ReadModelNotReadyError('the projection thread has stopped'));
  }

  /** Restarts the thread first if it is down, without waiting for its next scheduled restart. */
  async restart(name: string): Promise<ProjectionStatusView | undefined> {
    if (!this.names.includes(name)) return undefined;
    if (!this.worker && !this.stopped) await this.launch();
    return this.call('restart', name);
  }

  rebuild(name: string): Promise<RebuildReport | undefined> {
    return this.call('rebuild', name);
  }

  waitFor(name: string, position: GlobalPosition): Promise<void> {
    return this.call('waitFor', name, position);
  }

  caughtUp(names?: readonly string[]): Promise<void> {
    return this.call('caughtUp', names);
  }

  status(): Promise<ProjectionStatusView[]> {
    return this.call('status');
  }

  halt(name: string): Promise<ProjectionHalt | undefined> {
    return this.call('halt', name);
  }

  cannotApply(name: string, event: RecordedEvent): Promise<string | undefined> {
    return this.call('cannotApply', name, event);
  }

  /**
   * Size-triggered batch closing beside the journal: the watcher follows the journal's events on
   * the projection thread and asks `close` (this thread's closer) only for days holding
   * `maxEntries` open entries, so orders cost this thread nothing for it. Started again with
   * the thread after a crash.
   */
  async watchBatchSizes(maxEntries: number, close: (days: Day[]) => Promise<{ skipped: SkippedClose[] }>): Promise<void> {
    this.batchWatch = { maxEntries, close };
    if (this.worker) await this.request((id) => ({ kind: 'watch-batch-sizes', id, maxEntries }));
  }

  /** Never rejects: a thread that cannot start is reported by status() and restarted, and the service goes on taking orders. */
  private launch(): Promise<void> {
    clearTimeout(this.restartTimer);
    this.down = undefined;
    this.threadError = undefined;
    const worker = this.spawn(this.init);
    this.worker = worker;
    this.launchedAt = Date.now();
    worker.on('message', (message: ThreadMessage) => this.receive(message));
    worker.on('error', (error) => {
      this.threadError = error;
    });
    worker.on('exit', (code) => this.exited(worker, code));
    // Referenced only while a call waits for its answer, so the thread never holds the process open.
    // After the listeners: adding one references the worker again.
    worker.unref();
    return this.call('start').then(
      async () => {
        const watch = this.batchWatch;
        if (watch) await this.request((id) => ({ kind: 'watch-batch-sizes', id, maxEntries: watch.maxEntries }));
      },
      () => undefined,
    ).catch((error: Error) => this.logger.error(`size-triggered batch closing did not start: ${error.message}`));
  }

  private call<M extends RunnerMethod>(method: M, ...args: Parameters<RunnerControl[M]>): Promise<Answer<M>> {
    return this.request((id) => ({ id, method, args })) as Promise<Answer<M>>;
  }

  private request(message: (id: number) => ToProjectionThread): Promise<unknown> {
    const worker = this.worker;
    if (!worker) return Promise.reject(new ReadModelNotReadyError(this.down ?? 'the projection thread is not running'));
    const id = ++this.lastCallId;
    return new Promise<unknown>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage(message(id));
    });
  }

  private receive(message: ThreadMessage): void {
    if (message.kind === 'report') {
      if (message.level === 'warn') this.logger.warn(message.message);
      else this.logger.error(message.message);
      return;
    }
    if (message.kind === 'close-full-days') {
      void this.closeFullDays(message.id, message.days);
      return;
    }
    const call = this.waiting.get(message.id);
    if (!call) return;
    this.waiting.delete(message.id);
    if (this.waiting.size === 0) this.worker?.unref();
    if (message.kind === 'answer') call.resolve(message.value);
    else call.reject(rethrown(message.error));
  }

  /** The size watcher found full days: closed here, through the service's closer and actors. */
  private async closeFullDays(id: number, days: Day[]): Promise<void> {
    const worker = this.worker;
    let answer: ToProjectionThread;
    try {
      answer = { kind: 'closed', id, skipped: (await this.batchWatch!.close(days)).skipped };
    } catch (error) {
      answer = { kind: 'close-failed', id, error: carried(error) };
    }
    if (worker && worker === this.worker) worker.postMessage(answer);
  }

  private exited(worker: Worker, code: number): void {
    if (worker !== this.worker) return;
    this.worker = undefined;
    this.crashesInARow = Date.now() - this.launchedAt >= HEALTHY_AFTER_MS ? 1 : this.crashesInARow + 1;
    const delay = this.crashesInARow === 1 ? 0 : Math.min(MAX_RESTART_DELAY_MS, 1000 * 2 ** (this.crashesInARow - 2));
    const cause = this.threadError ? `: ${this.threadError.message}` : '';
    const restart = this.stopped ? '' : `; restarting it ${delay === 0 ? 'now' : `in ${delay / 1000} s`} from the committed checkpoints`;
    this.down = `the projection thread exited with code ${code}${cause}${restart}`;
    this.logger.error(this.down);
    this.failWaiting(new ReadModelNotReadyError(this.down));
    if (this.stopped) return;
    this.restartTimer = setTimeout(() => void this.launch(), delay);
    this.restartTimer.unref();
  }

  private failWaiting(error: Error): void {
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    for (const call of waiting) call.reject(error);
  }
}
