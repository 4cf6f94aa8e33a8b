import { Logger, type LoggerService } from '@nestjs/common';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { threadId as mainThreadId, Worker } from 'node:worker_threads';
import { SAGA_THREAD_ENTRY, sagaServices, SagaThread } from '../../../sagas/host/saga-thread';
import { SqliteEventStore } from '../../../src/event-store/embedded/sqlite-event-store';
import type { RecordedEvent } from '../../../src/event-store/event-store.port';
import { ReadModelNotReadyError } from '../../../src/errors/read-model-not-ready.error';
import { CommandDispatcher } from '../../../src/runtime/command-dispatcher';
import { eventually } from '../../esdb-protocol/endpoint-fixture';
import { tempDir } from '../../support/temp-dir';
import { placeOrder, sagaThreadInit, stockReserved } from './saga-thread-fixture';
import { sagaRecords } from '../../support/saga-records';

/** Error lines as the service's logger receives them. */
class CapturedLog implements LoggerService {
  readonly errors: string[] = [];
  log(): void {}
  warn(): void {}
  error(message: unknown): void {
    this.errors.push(String(message));
  }
}

/** The fulfillment saga's commands as they took effect on an order: event types by command id. */
function sagaEffects(events: RecordedEvent[]): Map<string, string[]> {
  const byCommand = new Map<string, string[]>();
  for (const event of events) {
    if (event.metadata.channel !== 'saga:fulfillment') continue;
    const commandId = String(event.metadata.commandId);
    byCommand.set(commandId, [...(byCommand.get(commandId) ?? []), event.type]);
  }
  return byCommand;
}

describe('the saga thread', () => {
  const dir = tempDir('saga-thread');
  const file = join(dir.path, 'events.sqlite');
  const log = new CapturedLog();
  const threads: Worker[] = [];
  let store: SqliteEventStore;
  let dispatcher: CommandDispatcher;
  let sagas: SagaThread;
  const place = (orderId: string) => placeOrder(dispatcher, orderId);
  const reserved = (orderId: string) => stockReserved(store, orderId);

  before(async () => {
    Logger.overrideLogger(log);
    store = new SqliteEventStore({ file, durability: 'normal' });
    dispatcher = new CommandDispatcher(store, { mailboxCapacity: 1000, maxWarmActors: 1000, idleEvictionMs: 60_000, maxConflictRetries: 5 });
    sagas = new SagaThread(sagaThreadInit(file), sagaServices(store, dispatcher, []), (init) => {
      const worker = new Worker(SAGA_THREAD_ENTRY, { workerData: init });
      threads.push(worker);
      return worker;
    });
  });
  after(async () => {
    await sagas.stop();
    dispatcher.stop();
    await store.close();
    Logger.overrideLogger(false);
    dir.remove();
  });

  it('runs every registered saga off the main thread; their commands come back through the main thread’s actors', async () => {
    assert.deepEqual(await sagas.start(), ['fulfillment', 'refund', 'channel-order']);
    assert.ok(sagas.threadId !== undefined && sagas.threadId !== mainThreadId, `sagas on thread ${sagas.threadId}, the actors on thread ${mainThreadId}`);
    await place('t-1');
    await eventually(() => reserved('t-1'), 'the fulfillment saga reserving the stock of t-1');
    await sagas.sagas.get('fulfillment')!.settled();
    assert.equal((await sagas.sagas.get('fulfillment')!.view('t-1'))?.state, 'awaiting-payment');
    assert.deepEqual((await sagas.sagas.get('fulfillment')!.counts())['awaiting-payment'], 1);
    const recorded = sagaRecords(await store.readStream('saga-fulfillment-t-1')).map((event) => event.type);
    assert.ok(recorded.includes('CommandIssued') && recorded.includes('TimerScheduled'), `the step recorded through the main thread's store: ${recorded.join(', ')}`);
  });

  it('a crash fails what waits on it with READ_MODEL_NOT_READY, is logged, and restarts the sagas from their checkpoints; nothing is done twice', async () => {
    const before = sagas.sagas.get('fulfillment')!;
    const thread = threads.at(-1)!;
    const exited = new Promise((resolve) => thread.once('exit', resolve));
    await thread.terminate();
    await exited;
    await assert.rejects(before.counts(), ReadModelNotReadyError);
    assert.ok(
      log.errors.some((line) => /the saga thread exited with code \d+; restarting it now from the sagas' checkpoints/.test(line)),
      log.errors.join('\n'),
    );

    await place('t-2');
    await eventually(async () => sagas.sagas.has('fulfillment'), 'the sagas started again');
    await eventually(() => reserved('t-2'), 'the restarted fulfillment saga reserving the stock of t-2');
    await sagas.sagas.get('fulfillment')!.settled();
    assert.equal(threads.length, 2);
    assert.deepEqual([...sagaEffects(await store.readStream('order-t-1')).values()], [['InventoryReserved']], 't-1 reserved once');
    assert.deepEqual([...sagaEffects(await store.readStream('order-t-2')).values()], [['InventoryReserved']], 't-2 reserved once');
    assert.equal((await sagas.sagas.get('fulfillment')!.counts())['awaiting-payment'], 2);
  });
});
