import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ErpReadBack } from '../../src/erp/connector/erp-read-back';
import type { ConfirmationAnswer, LaneLiveState } from '../../src/erp/delivery/delivery-runner';
import { ReadModelNotReadyError } from '../../src/errors/read-model-not-ready.error';
import { carried, type DeliveryLogApi, type DeliveryMethod, type DeliveryThreadApi, type DeliveryThreadInit, type FromThread, rethrown, type ToThread } from './delivery-thread.messages';

/** The delivery thread's script, beside this file once compiled. */
export const DELIVERY_THREAD_ENTRY = join(__dirname, 'delivery-thread.worker.js');
/** A thread that ran this long before it crashed was healthy: it is restarted at once, as after a first crash. */
const HEALTHY_AFTER_MS = 60_000;
/** Crashes in a row wait 1 s, 2 s, 4 s ... before the next restart, up to this. */
const MAX_RESTART_DELAY_MS = 30_000;

type Answer<M extends DeliveryMethod> = Awaited<ReturnType<DeliveryThreadApi[M]>>;

/**
 * The delivery runner on a thread of its own (delivery-thread.worker.ts), seen from the service's
 * main thread, as the projection thread is: each call is a message. The thread builds the ERP
 * payloads and talks to the ERPs; what it records goes through `log` here (the main thread's
 * actors, the one command path), asked for by message.
 *
 * A crash of the thread fails the calls waiting on it (ReadModelNotReadyError, 503), is logged and
 * restarts it: at once, then after 1 s, 2 s ... up to 30 s while it keeps crashing. Nothing is
 * lost: the log holds every attempt, and the restarted runner resends those without an outcome
 * under the same ERP keys.
 */
export class DeliveryThread implements DeliveryThreadApi {
  private readonly logger = new Logger('ErpDelivery');
  private worker: Worker | undefined;
  private readonly waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private lastCallId = 0;
  private stopped = true;
  private down: string | undefined;
  private crashesInARow = 0;
  private launchedAt = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private threadError: Error | undefined;

  constructor(
    private readonly init: DeliveryThreadInit,
    private readonly log: DeliveryLogApi,
    private readonly spawn: (init: DeliveryThreadInit) => Worker = (data) => new Worker(DELIVERY_THREAD_ENTRY, { workerData: data }),
  ) {}

  /** Why the thread is not running, between a crash and its restart; undefined while it runs. */
  get unavailable(): string | undefined {
    return this.worker ? undefined : (this.down ?? 'the delivery thread is not running');
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
    this.failWaiting(new ReadModelNotReadyError('the delivery thread has stopped'));
  }

  wake(companyCode?: string, target?: string): Promise<void> {
    return this.call('wake', companyCode, target);
  }

  status(): Promise<LaneLiveState[]> {
    return this.call('status');
  }

  confirmation(authorization: string | undefined, body: string): Promise<ConfirmationAnswer> {
    return this.call('confirmation', authorization, body);
  }

  readBack(target: string, companyCode: string, from: string, to: string, documents: string[]): Promise<ErpReadBack> {
    return this.call('readBack', target, companyCode, from, to, documents);
  }

  /** Never rejects: a thread that cannot start is logged and restarted, and the service goes on taking orders. */
  private launch(): Promise<void> {
    clearTimeout(this.restartTimer);
    this.down = undefined;
    this.threadError = undefined;
    const worker = this.spawn(this.init);
    this.worker = worker;
    this.launchedAt = Date.now();
    worker.on('message', (message: FromThread) => this.receive(worker, message));
    worker.on('error', (error) => {
      this.threadError = error;
    });
    worker.on('exit', (code) => this.exited(worker, code));
    // The runner's loops keep the thread busy for good: it must never hold the process open.
    worker.unref();
    return this.call('start').catch((error: Error) => this.logger.error(`the delivery thread did not start: ${error.message}`));
  }

  private call<M extends DeliveryMethod>(method: M, ...args: Parameters<DeliveryThreadApi[M]>): Promise<Answer<M>> {
    const worker = this.worker;
    if (!worker) return Promise.reject(new ReadModelNotReadyError(this.unavailable));
    const id = ++this.lastCallId;
    return new Promise<Answer<M>>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ kind: 'call', id, method, args } satisfies ToThread);
    });
  }

  private receive(worker: Worker, message: FromThread): void {
    switch (message.kind) {
      case 'report':
        this.logger[message.level === 'info' ? 'log' : message.level](message.message);
        return;
      case 'log':
        void this.answerLog(worker, message.id, message.method, message.args);
        return;
      default: {
        const call = this.waiting.get(message.id);
        if (!call) return;
        this.waiting.delete(message.id);
        if (message.kind === 'answer') call.resolve(message.value);
        else call.reject(rethrown(message.error));
      }
    }
  }

  /** The thread's reads and records of the delivery log, through this thread's actors. */
  private async answerLog(worker: Worker, id: number, method: keyof DeliveryLogApi, args: unknown[]): Promise<void> {
    let answer: ToThread;
    try {
      const value = await (this.log[method] as (...parameters: unknown[]) => Promise<unknown>).apply(this.log, args);
      answer = { kind: 'log-answer', id, value };
    } catch (error) {
      answer = { kind: 'log-failed', id, error: carried(error) };
    }
    if (worker === this.worker) worker.postMessage(answer);
  }

  private exited(worker: Worker, code: number): void {
    if (worker !== this.worker) return;
    this.worker = undefined;
    this.crashesInARow = Date.now() - this.launchedAt >= HEALTHY_AFTER_MS ? 1 : this.crashesInARow + 1;
    const delay = this.crashesInARow === 1 ? 0 : Math.min(MAX_RESTART_DELAY_MS, 1000 * 2 ** (this.crashesInARow - 2));
    const cause = this.threadError ? `: ${this.threadError.message}` : '';
    const restart = this.stopped ? '' : `; restarting it ${delay === 0 ? 'now' : `in ${delay / 1000} s`} from the delivery log`;
    this.down = `the delivery thread exited with code ${code}${cause}${restart}`;
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
