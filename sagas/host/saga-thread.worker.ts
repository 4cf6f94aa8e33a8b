/**
 * The saga thread: every registered saga's runtime (its log subscription, instance actors,
 * index, timers and checkpoint) with a connection of its own to the log, the embedded store
 * read-only (woken by the store's writer thread after each group commit) or its own
 * EventStoreDB client, so following the log and deciding never hold the service's request
 * loop. Commands and effects go to the main thread by message (SagaThread); so do the sagas'
 * own records on the embedded store, whose one writer the main thread feeds. Like the rest of
 * the back office it runs BACK_OFFICE_NICENESS below the service: on a machine short of CPU,
 * capture gets the cores first and the sagas fall behind (lag in GET /ops/sagas), then catch up.
 */
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { openEventStoreReader } from '../../src/event-store/event-store-source';
import type { EventStore } from '../../src/event-store/event-store.port';
import type { DomainEvent } from '../../src/runtime/decider';
import { runAsBackOffice } from '../../src/runtime/back-office-thread';
import { MainThreadCalls } from '../../src/runtime/thread-calls';
import { SystemClock } from '../runtime/saga-clock';
import type { SagaEffect } from '../runtime/saga-effect';
import type { SagaCommandSink, SagaLog } from '../runtime/saga-instance';
import { SagaRuntime } from '../runtime/saga-runtime';
import { REGISTERED_SAGAS } from './registered-sagas';
import { type CarriedError, type MainThreadServices, SAGA_THREAD_ERRORS, type SagaThreadApi, type SagaThreadInit, type SagaThreadReport } from './saga-thread.messages';

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

  /** The embedded store counts without reading (a saga's lag). */
  countAll(...args: Parameters<Required<EventStore>['countAll']>) {
    return this.reader.countAll!(...args);
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
  const send = (message: SagaThreadReport) => port.postMessage(message);
  const refused = runAsBackOffice('lb-sagas', init.niceness);
  if (refused) send({ kind: 'log', level: 'warn', fields: {}, message: `the saga thread runs at the service's priority: ${refused}` });
  const reader = openEventStoreReader(init.store);
  const mainThread = new MainThreadCalls<SagaThreadApi, MainThreadServices, CarriedError>(port, SAGA_THREAD_ERRORS);

  // EventStoreDB takes appends from any client; the embedded store's file has one writer, fed by the main thread.
  const store: EventStore =
    init.store.kind === 'esdb'
      ? reader
      : new WrittenByMainThread(reader, {
          appendToStream: (streamId, events, { expectedRevision }) => mainThread.ask('append', streamId, events, expectedRevision),
          truncateStream: (streamId, beforeRevision) => mainThread.ask('truncate', streamId, beforeRevision),
        });
  const dispatcher: SagaCommandSink = { dispatch: (aggregate, envelope) => mainThread.ask('dispatch', aggregate.category, envelope) };
  // The service's logger lives on the main thread: lines cross with their fields.
  const log: SagaLog = {
    ...(init.infoLines ? { log: (fields: object, message: string) => send({ kind: 'log', level: 'log', fields, message }) } : {}),
    warn: (fields, message) => send({ kind: 'log', level: 'warn', fields, message }),
  };

  const runtimes = new Map<string, SagaRuntime<unknown, DomainEvent>>();
  let starting: Promise<string[]> | undefined;
  const start = async (): Promise<string[]> => {
    const clock = new SystemClock(init.timerCheckIntervalMs);
    for (const [index, registered] of REGISTERED_SAGAS.entries()) {
      const definition = registered.definition(init.settings);
      const effects = init.effectTargets[index].map((target): SagaEffect => ({ target, execute: (commandId, command) => mainThread.ask('effect', target, commandId, command) }));
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

  mainThread.answerWith({
    start: () => (starting = start()),
    stop,
    callSaga: async (saga, method, args) => {
      const runtime = runtimes.get(saga);
      if (!runtime) throw new Error(`saga ${saga} is not running`);
      return (runtime[method] as (...parameters: unknown[]) => unknown).apply(runtime, args);
    },
  });
}

if (parentPort) serve(parentPort, workerData as SagaThreadInit);
