import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EventStore } from '../../src/event-store/event-store.port';
import type { CommandDispatcher } from '../../src/runtime/command-dispatcher';
import { SupervisedThread } from '../../src/runtime/supervised-thread';
import type { SagaEffect } from '../runtime/saga-effect';
import { REGISTERED_SAGAS } from './registered-sagas';
import {
  type CarriedError,
  type MainThreadServices,
  type RunningSaga,
  SAGA_THREAD_ERRORS,
  type SagaMethod,
  type SagaThreadApi,
  type SagaThreadInit,
  type SagaThreadReport,
} from './saga-thread.messages';

/** The saga thread's script, beside this file once compiled. */
export const SAGA_THREAD_ENTRY = join(__dirname, 'saga-thread.worker.js');

/**
 * The saga runtimes on a thread of their own (saga-thread.worker.ts), seen from the service's
 * main thread, as the projection thread is: following the log, routing events to instances,
 * deciding and timers happen there, and each call from here is a message. What the sagas do
 * comes back here by message too: their commands go through this thread's actors (the one
 * command path), their effects to the providers here, and on the embedded store their records
 * to the store that writes.
 *
 * A crash of the thread is reported and restarted as SupervisedThread says. The runtimes start
 * again from their stored checkpoints, as after a restart of the service: an input taken again
 * decides the same command ids, which the actors answer with their first outcome.
 */
export class SagaThread {
  private readonly logger = new Logger('Sagas');
  private readonly thread: SupervisedThread<SagaThreadApi, MainThreadServices, SagaThreadReport, CarriedError>;
  private running = new Map<string, RunningSaga>();

  constructor(init: SagaThreadInit, services: MainThreadServices, spawn: (init: SagaThreadInit) => Worker = (data) => new Worker(SAGA_THREAD_ENTRY, { workerData: data })) {
    this.thread = new SupervisedThread({
      name: 'the saga thread',
      resumesFrom: "the sagas' checkpoints",
      logger: this.logger,
      spawn: () => spawn(init),
      errors: SAGA_THREAD_ERRORS,
      // Timers and the log subscription keep the thread busy for good: it holds the process open only while a call waits for its answer.
      heldOpenByCalls: true,
      asks: services,
      heard: (report) => {
        if (report.kind === 'report') this.logger.error(report.message);
        else this.logger[report.level](report.fields, report.message);
      },
      relaunch: async () => {
        const outcome = await this.launch();
        if ('failed' in outcome && !outcome.exited && !this.thread.stopped) this.thread.crashed(`the sagas did not start on the saga thread: ${outcome.failed.message}`);
      },
      lost: () => {
        this.running = new Map();
      },
    });
  }

  /** The thread the sagas run on, while it runs. */
  get threadId(): number | undefined {
    return this.thread.threadId;
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
    const outcome = await this.launch();
    if ('failed' in outcome) throw outcome.failed;
    return outcome.names;
  }

  stop(): Promise<void> {
    this.running = new Map();
    return this.thread.stop();
  }

  /**
   * A thread, and its sagas started on it. A thread whose sagas could not start is ended, so the
   * next launch starts every saga afresh; `exited` says whether the thread ended by itself
   * (a crash, which SupervisedThread has reported and scheduled a restart for).
   */
  private async launch(): Promise<{ names: string[] } | { failed: Error; exited: boolean }> {
    const worker = this.thread.launch();
    try {
      const names = await this.thread.call('start');
      this.running = new Map(names.map((name) => [name, this.runningSaga(name)]));
      return { names };
    } catch (error) {
      return { failed: error as Error, exited: !(await this.thread.discard(worker)) };
    }
  }

  private runningSaga(name: string): RunningSaga {
    const ask = <M extends SagaMethod>(method: M) => ((...args: Parameters<RunningSaga[M]>) => this.thread.call('callSaga', name, method, args)) as RunningSaga[M];
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
      lag: ask('lag'),
      settled: ask('settled'),
    };
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
