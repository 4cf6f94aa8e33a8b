import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ReadModelNotReadyError } from '../../src/errors/read-model-not-ready.error';
import type { EventStore } from '../../src/event-store/event-store.port';
import type { CommandDispatcher } from '../../src/runtime/command-dispatcher';
import type { SagaEffect } from '../runtime/saga-effect';
import { REGISTERED_SAGAS } from './registered-sagas';
import {
  carried,
  type FromSagaThread,
  type MainThreadServices,
  rethrown,
  type RunningSaga,
  type SagaMethod,
  type SagaThreadInit,
  type ServiceMethod,
  type ToSagaThread,
} from './saga-thread.messages';

/** The saga thread's script, beside this file once compiled. */
export const SAGA_THREAD_ENTRY = join(__dirname, 'saga-thread.worker.js');
/** A thread that ran this long before it crashed was healthy: it is restarted at once, as after a first crash. */
const HEALTHY_AFTER_MS = 60_000;
/** Crashes in a row wait 1 s, 2 s, 4 s ... before the next restart, up to this. */
const MAX_RESTART_DELAY_MS = 30_000;

/**
 * The saga runtimes on a thread of their own (saga-thread.worker.ts), seen from the service's
 * main thread, as the projection thread is: following the log, routing events to instances,
 * deciding and timers happen there, and each call from here is a message. What the sagas do
 * comes back here by message too: their commands go through this thread's actors (the one
 * command path), their effects to the providers here, and on the embedded store their records
 * to the store that writes.
 *
 * A crash of the thread fails the calls waiting on it (ReadModelNotReadyError, 503), is logged
 * and restarts it: at once, then after 1 s, 2 s ... up to 30 s while it keeps crashing. The
 * runtimes start again from their stored checkpoints, as after a restart of the service: an
 * input taken again decides the same command ids, which the actors answer with their first outcome.
 */
export class SagaThread {
  private readonly logger = new Logger('Sagas');
  private worker: Worker | undefined;
  private readonly waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private lastCallId = 0;
  private stopped = true;
  private down: string | undefined;
  private crashesInARow = 0;
  private launchedAt = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private threadError: Error | undefined;
  private running = new Map<string, RunningSaga>();

  constructor(
    private readonly init: SagaThreadInit,
    private readonly services: MainThreadServices,
    private readonly spawn: (init: SagaThreadInit) => Worker = (data) => new Worker(SAGA_THREAD_ENTRY, { workerData: data }),
  ) {}

  /** The thread the sagas run on, while it runs. */
  get threadId(): number | undefined {
    return this.worker?.threadId;
  }

  /** The sagas running, by name; none while the thread is down or stopped. */
  get sagas(): ReadonlyMap<string, RunningSaga> {
    return this.running;
  }

  /**
   * Resolves once every saga has started (checkpoint and index loaded, following the log), with
   * their names; rejects if they could not start (the thread is ended then, not restarted).
   */
  async start(): Promise<string[]> {
    this.stopped = false;
    const outcome = await this.launch();
    if ('failed' in outcome) throw outcome.failed;
    return outcome.names;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    this.running = new Map();
    const worker = this.worker;
    if (!worker) return;
    await this.call(worker, { kind: 'stop' }).catch(() => undefined);
    this.worker = undefined;
    await worker.terminate();
    this.failWaiting(new ReadModelNotReadyError('the saga thread has stopped'));
  }

  /**
   * A thread, and its sagas started on it. A thread whose sagas could not start is ended, so the
   * next launch starts every saga afresh; `exited` says whether the thread ended by itself
   * (a crash, which `exited()` has reported and scheduled a restart for).
   */
  private async launch(): Promise<{ names: string[] } | { failed: Error; exited: boolean }> {
    clearTimeout(this.restartTimer);
    this.down = undefined;
    this.threadError = undefined;
    const worker = this.spawn(this.init);
    this.worker = worker;
    this.launchedAt = Date.now();
    worker.on('message', (message: FromSagaThread) => this.receive(worker, message));
    worker.on('error', (error) => {
      this.threadError = error;
    });
    worker.on('exit', (code) => this.exited(worker, code));
    // Timers and the log subscription keep the thread busy for good: it holds the process open only while a call waits for its answer.
    // After the listeners: adding one references the worker again.
    worker.unref();
    try {
      const names = (await this.call(worker, { kind: 'start' })) as string[];
      this.running = new Map(names.map((name) => [name, this.runningSaga(name)]));
      return { names };
    } catch (error) {
      if (this.worker !== worker) return { failed: error as Error, exited: true };
      this.worker = undefined;
      await worker.terminate();
      return { failed: error as Error, exited: false };
    }
  }

  private runningSaga(name: string): RunningSaga {
    const ask =
      (method: SagaMethod) =>
      (...args: unknown[]): Promise<any> => {
        const worker = this.worker;
        if (!worker) return Promise.reject(new ReadModelNotReadyError(this.down ?? 'the saga thread is not running'));
        return this.call(worker, { kind: 'call', saga: name, method, args });
      };
    return {
      name,
      counts: ask('counts'),
      list: ask('list'),
      completed: ask('completed'),
      overdue: ask('overdue'),
      parked: ask('parked'),
      view: ask('view'),
      instance: ask('instance'),
      retry: ask('retry'),
      timersDue: ask('timersDue'),
      settled: ask('settled'),
    };
  }

  private call(worker: Worker, message: { kind: 'start' } | { kind: 'stop' } | Omit<Extract<ToSagaThread, { kind: 'call' }>, 'id'>): Promise<unknown> {
    const id = ++this.lastCallId;
    return new Promise<unknown>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ ...message, id });
    });
  }

  private receive(worker: Worker, message: FromSagaThread): void {
    switch (message.kind) {
      case 'report':
        this.logger.error(message.message);
        return;
      case 'log':
        this.logger[message.level](message.fields, message.message);
        return;
      case 'ask':
        void this.answer(worker, message.id, message.method, message.args);
        return;
      default: {
        const call = this.waiting.get(message.id);
        if (!call) return;
        this.waiting.delete(message.id);
        if (this.waiting.size === 0) worker.unref();
        if (message.kind === 'answer') call.resolve(message.value);
        else call.reject(rethrown(message.error));
      }
    }
  }

  /** A command, an effect or a record the sagas asked for, done here and answered. */
  private async answer(worker: Worker, id: number, method: ServiceMethod, args: unknown[]): Promise<void> {
    let answer: ToSagaThread;
    try {
      const value = await (this.services[method] as (...parameters: unknown[]) => Promise<unknown>)(...args);
      answer = { kind: 'answer', id, value };
    } catch (error) {
      answer = { kind: 'failed', id, error: carried(error) };
    }
    // A thread that crashed meanwhile takes the input again after its restart.
    if (worker === this.worker) worker.postMessage(answer);
  }

  private exited(worker: Worker, code: number): void {
    if (worker !== this.worker) return;
    this.worker = undefined;
    const cause = this.threadError ? `: ${this.threadError.message}` : '';
    this.crashed(`the saga thread exited with code ${code}${cause}`);
  }

  /** Reports why the sagas stopped, fails what waits on them, and starts them again after the delay their crashes in a row call for. */
  private crashed(what: string): void {
    this.running = new Map();
    this.crashesInARow = Date.now() - this.launchedAt >= HEALTHY_AFTER_MS ? 1 : this.crashesInARow + 1;
    const delay = this.crashesInARow === 1 ? 0 : Math.min(MAX_RESTART_DELAY_MS, 1000 * 2 ** (this.crashesInARow - 2));
    const restart = this.stopped ? '' : `; restarting it ${delay === 0 ? 'now' : `in ${delay / 1000} s`} from the sagas' checkpoints`;
    this.down = `${what}${restart}`;
    this.logger.error(this.down);
    this.failWaiting(new ReadModelNotReadyError(this.down));
    if (this.stopped) return;
    this.restartTimer = setTimeout(async () => {
      const outcome = await this.launch();
      if ('failed' in outcome && !outcome.exited && !this.stopped) this.crashed(`the sagas did not start on the saga thread: ${outcome.failed.message}`);
    }, delay);
    this.restartTimer.unref();
  }

  private failWaiting(error: Error): void {
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    for (const call of waiting) call.reject(error);
  }
}

/**
 * What the saga thread asks of the main thread, done with the main thread's store, actors and
 * effects: commands to the aggregates the registered sagas address, effects by target, and the
 * sagas' own records (the embedded store's one writer is fed from here).
 */
export function sagaServices(store: EventStore, dispatcher: CommandDispatcher, effects: SagaEffect[]): MainThreadServices {
  const aggregates = new Map(REGISTERED_SAGAS.flatMap((registered) => registered.aggregates).map((aggregate) => [aggregate.category, aggregate]));
  const targets = new Map(effects.map((effect) => [effect.target, effect]));
  return {
    dispatch: async (category, envelope) => {
      const aggregate = aggregates.get(category);
      if (!aggregate) throw new Error(`no saga commands go to aggregate ${category}`);
      await dispatcher.dispatch(aggregate, envelope);
    },
    effect: (target, commandId, command) => {
      const effect = targets.get(target);
      if (!effect) return Promise.reject(new Error(`no saga effect ${target}`));
      return effect.execute(commandId, command);
    },
    append: (streamId, events, expectedRevision) => store.appendToStream(streamId, events, { expectedRevision }),
    truncate: async (streamId, beforeRevision) => {
      await store.truncateStream?.(streamId, beforeRevision);
    },
  };
}
