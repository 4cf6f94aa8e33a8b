/**
 * The saga thread: every registered saga's runtime (its log subscription, instance actors,
 * index, timers and checkpoint) with a connection of its own to the log, the embedded store
 * read-only (woken by the store's writer thread after each group commit) or its own
 * EventStoreDB client, so following the log and deciding never hold the service's request
 * loop. Commands and effects go to the main thread by message (SagaThread); so do the sagas'
 * own records on the embedded store, whose one writer the main thread feeds.
 */
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { openEventStoreReader } from '../../src/event-store/event-store-source';
import type { EventStore } from '../../src/event-store/event-store.port';
import { SystemClock } from '../runtime/saga-clock';
import type { SagaEffect } from '../runtime/saga-effect';
import type { SagaCommandSink, SagaLog } from '../runtime/saga-instance';
import { SagaRuntime } from '../runtime/saga-runtime';
import { REGISTERED_SAGAS } from './registered-sagas';
import {
  carried,
  type FromSagaThread,
  type MainThreadServices,
  rethrown,
  type SagaMethod,
  type SagaThreadInit,
  type ServiceMethod,
  type ToSagaThread,
} from './saga-thread.messages';

/** The embedded log as the saga thread uses it: read through its own connection, written through the main thread's store. */
class WrittenByMainThread implements EventStore {
  constructor(
    private readonly reader: EventStore,
    private readonly writer: Required<Pick<EventStore, 'appendToStream' | 'truncateStream'>>,
  ) {}

  appendToStream(...args: Parameters<EventStore['appendToStream']>) {
    return this.writer.appendToStream(...args);
  }

  truncateStream(...args: Parameters<Required<EventStore>['truncateStream']>) {
    return this.writer.truncateStream(...args);
  }

  readStream(...args: Parameters<EventStore['readStream']>) {
    return this.reader.readStream(...args);
  }

  readAll(...args: Parameters<EventStore['readAll']>) {
    return this.reader.readAll(...args);
  }

  subscribeToAll(...args: Parameters<EventStore['subscribeToAll']>) {
    return this.reader.subscribeToAll(...args);
  }

  ping() {
    return this.reader.ping();
  }

  close() {
    return this.reader.close();
  }
}

function serve(port: MessagePort, init: SagaThreadInit): void {
  const send = (message: FromSagaThread) => port.postMessage(message);
  const reader = openEventStoreReader(init.store);

  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let lastAsk = 0;
  const ask = <M extends ServiceMethod>(method: M, ...args: Parameters<MainThreadServices[M]>): Promise<Awaited<ReturnType<MainThreadServices[M]>>> =>
    new Promise((resolve, reject) => {
      const id = ++lastAsk;
      waiting.set(id, { resolve, reject });
      send({ kind: 'ask', id, method, args });
    });

  // EventStoreDB takes appends from any client; the embedded store's file has one writer, fed by the main thread.
  const store: EventStore =
    init.store.kind === 'esdb'
      ? reader
      : new WrittenByMainThread(reader, {
          appendToStream: (streamId, events, { expectedRevision }) => ask('append', streamId, events, expectedRevision),
          truncateStream: (streamId, beforeRevision) => ask('truncate', streamId, beforeRevision),
        });
  const dispatcher: SagaCommandSink = { dispatch: (aggregate, envelope) => ask('dispatch', aggregate.category, envelope) };
  // The service's logger lives on the main thread: lines cross with their fields.
  const log: SagaLog = {
    log: (fields, message) => send({ kind: 'log', level: 'log', fields, message }),
    warn: (fields, message) => send({ kind: 'log', level: 'warn', fields, message }),
  };

  const runtimes = new Map<string, SagaRuntime<unknown, any>>();
  let starting: Promise<string[]> | undefined;
  const start = async (): Promise<string[]> => {
    const clock = new SystemClock(init.timerCheckIntervalMs);
    for (const [index, registered] of REGISTERED_SAGAS.entries()) {
      const definition = registered.definition(init.settings);
      const effects = init.effectTargets[index].map((target): SagaEffect => ({ target, execute: (commandId, command) => ask('effect', target, commandId, command) }));
      const runtime = new SagaRuntime(definition, {
        store,
        dispatcher,
        aggregates: registered.aggregates,
        effects,
        clock,
        onError: (error) => send({ kind: 'report', message: `saga ${definition.name}: ${(error as Error)?.stack ?? String(error)}` }),
        log,
      });
      await runtime.start();
      runtimes.set(definition.name, runtime);
    }
    return [...runtimes.keys()];
  };
  const stop = async (): Promise<void> => {
    await starting?.catch(() => undefined);
    for (const runtime of runtimes.values()) await runtime.stop();
    runtimes.clear();
    await reader.close();
  };
  const call = (saga: string, method: SagaMethod, args: unknown[]): Promise<unknown> => {
    const runtime = runtimes.get(saga);
    if (!runtime) return Promise.reject(new Error(`saga ${saga} is not running`));
    return (async () => (runtime[method] as (...parameters: unknown[]) => unknown).apply(runtime, args))();
  };

  const answer = (id: number, work: Promise<unknown>) =>
    work.then(
      (value) => send({ kind: 'answer', id, value }),
      (error: unknown) => send({ kind: 'failed', id, error: carried(error) }),
    );
  port.on('message', (message: ToSagaThread) => {
    switch (message.kind) {
      case 'start':
        starting = start();
        return void answer(message.id, starting);
      case 'stop':
        return void answer(message.id, stop());
      case 'call':
        return void answer(message.id, call(message.saga, message.method, message.args));
      default: {
        const asked = waiting.get(message.id);
        if (!asked) return;
        waiting.delete(message.id);
        if (message.kind === 'answer') asked.resolve(message.value);
        else asked.reject(rethrown(message.error));
      }
    }
  });
}

if (parentPort) serve(parentPort, workerData as SagaThreadInit);
