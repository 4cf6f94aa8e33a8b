import type { Logger } from '@nestjs/common';
import type { Worker } from 'node:worker_threads';
import { ReadModelNotReadyError } from '../errors/read-model-not-ready.error';
import { answered, type Args, type ErrorCarrier, isCallOrAnswer, type Method, PendingCalls, type Result, type ThreadAnswer, type ThreadCall } from './thread-calls';

/** A thread that ran this long before it crashed was healthy: it is restarted at once, as after a first crash. */
const HEALTHY_AFTER_MS = 60_000;
/** Crashes in a row wait 1 s, 2 s, 4 s ... before the next restart, up to this. */
const MAX_RESTART_DELAY_MS = 30_000;

export interface Supervision<Asks, Own, E> {
  /** The thread as log lines and errors name it: "the projection thread". */
  name: string;
  /** What a restarted thread resumes from, as the log says it: "the committed checkpoints". */
  resumesFrom: string;
  logger: Logger;
  spawn(): Worker;
  errors: ErrorCarrier<E>;
  /**
   * Whether a call waiting for its answer holds the process open. The thread is referenced only
   * then, never otherwise: what runs on it keeps it busy for good.
   */
  heldOpenByCalls: boolean;
  /** What the thread may ask of this one, done here. */
  asks: Asks & object;
  /** The thread's other messages: its reports and log lines. */
  heard(message: Own): void;
  /** Launches the thread again after a crash, as the host starts it. */
  relaunch(): Promise<void>;
  /** Drops what the host holds of the thread's state when it goes down. */
  lost?(): void;
}

/**
 * A worker thread seen from the main thread, kept running: calls to it by id, each waiting for
 * its answer; its calls answered here. A crash of the thread (an uncaught error, its heap
 * exhausted) fails the calls waiting on it and later ones with ReadModelNotReadyError (503)
 * naming the exit, is logged, and restarts it: at once, then after 1 s, 2 s ... up to 30 s while
 * it keeps crashing. The host says what the thread starts with and what it resumes from.
 */
export class SupervisedThread<Api extends { stop(): Promise<unknown> }, Asks, Own extends { kind: string }, E> {
  private worker: Worker | undefined;
  private readonly calls = new PendingCalls();
  /** Stopped, or not started yet: not restarted when it ends. */
  private isStopped = true;
  /** Why the thread is not running, between a crash and its restart. */
  private down: string | undefined;
  private crashesInARow = 0;
  private launchedAt = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private threadError: Error | undefined;

  constructor(private readonly supervision: Supervision<Asks, Own, E>) {}

  /** The thread's id, while it runs. */
  get threadId(): number | undefined {
    return this.worker?.threadId;
  }

  /** Since `stop`, until the next launch. */
  get stopped(): boolean {
    return this.isStopped;
  }

  /** Why the thread is not running; undefined while it runs. */
  get unavailable(): string | undefined {
    return this.worker ? undefined : (this.down ?? `${this.supervision.name} is not running`);
  }

  /** A new thread, restarted whenever it ends by itself until `stop`; the host then calls its start. */
  launch(): Worker {
    this.isStopped = false;
    clearTimeout(this.restartTimer);
    this.down = undefined;
    this.threadError = undefined;
    const worker = this.supervision.spawn();
    this.worker = worker;
    this.launchedAt = Date.now();
    worker.on('message', (message: ThreadCall | ThreadAnswer<E> | Own) => this.receive(worker, message));
    worker.on('error', (error) => {
      this.threadError = error;
    });
    worker.on('exit', (code) => this.exited(worker, code));
    // After the listeners: adding one references the worker again.
    worker.unref();
    return worker;
  }

  /** Launches the thread at once if it is down, without waiting for its next scheduled restart. */
  async relaunchIfDown(): Promise<void> {
    if (!this.worker && !this.isStopped) await this.supervision.relaunch();
  }

  /** Rejects with ReadModelNotReadyError, saying why, while the thread is down. */
  call<M extends Method<Api>>(method: M, ...args: Args<Api, M>): Promise<Result<Api, M>> {
    return this.post(method, args) as Promise<Result<Api, M>>;
  }

  async stop(): Promise<void> {
    this.isStopped = true;
    clearTimeout(this.restartTimer);
    const worker = this.worker;
    if (!worker) return;
    await this.post('stop', []).catch(() => undefined);
    this.worker = undefined;
    await worker.terminate();
    // Calls no stopped thread will answer (a batch close waiting for the journal during shutdown).
    this.calls.failAll(new ReadModelNotReadyError(`${this.supervision.name} has stopped`));
  }

  /**
   * Ends a thread whose start failed, so the next launch starts afresh: not reported, not restarted.
   * False if it had ended by itself meanwhile (a crash, reported and restarting).
   */
  async discard(worker: Worker): Promise<boolean> {
    if (worker !== this.worker) return false;
    this.worker = undefined;
    await worker.terminate();
    return true;
  }

  /** Reports why the thread went down, fails what waits on it, and relaunches it after the delay its crashes in a row call for. */
  crashed(what: string): void {
    this.supervision.lost?.();
    this.crashesInARow = Date.now() - this.launchedAt >= HEALTHY_AFTER_MS ? 1 : this.crashesInARow + 1;
    const delay = this.crashesInARow === 1 ? 0 : Math.min(MAX_RESTART_DELAY_MS, 1000 * 2 ** (this.crashesInARow - 2));
    const restart = this.isStopped ? '' : `; restarting it ${delay === 0 ? 'now' : `in ${delay / 1000} s`} from ${this.supervision.resumesFrom}`;
    this.down = `${what}${restart}`;
    this.supervision.logger.error(this.down);
    this.calls.failAll(new ReadModelNotReadyError(this.down));
    if (this.isStopped) return;
    this.restartTimer = setTimeout(() => void this.supervision.relaunch(), delay);
    this.restartTimer.unref();
  }

  private post(method: string, args: unknown[]): Promise<unknown> {
    const worker = this.worker;
    if (!worker) return Promise.reject(new ReadModelNotReadyError(this.unavailable));
    return this.calls.add((id) => {
      if (this.supervision.heldOpenByCalls) worker.ref();
      worker.postMessage({ kind: 'call', id, method, args } satisfies ThreadCall);
    });
  }

  private receive(worker: Worker, message: ThreadCall | ThreadAnswer<E> | Own): void {
    if (!isCallOrAnswer<E>(message)) return this.supervision.heard(message);
    if (message.kind === 'call') return void this.answer(worker, message);
    this.calls.settle(message, this.supervision.errors);
    if (this.calls.size === 0) worker.unref();
  }

  private async answer(worker: Worker, call: ThreadCall): Promise<void> {
    const answer = await answered(call, this.supervision.asks, this.supervision.errors);
    // A thread that crashed meanwhile asks again after its restart.
    if (worker === this.worker) worker.postMessage(answer);
  }

  private exited(worker: Worker, code: number): void {
    if (worker !== this.worker) return;
    this.worker = undefined;
    const cause = this.threadError ? `: ${this.threadError.message}` : '';
    this.crashed(`${this.supervision.name} exited with code ${code}${cause}`);
  }
}
