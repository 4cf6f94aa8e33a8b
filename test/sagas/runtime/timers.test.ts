import assert from 'node:assert/strict';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fulfillmentSaga } from '../../../sagas/fulfillment/fulfillment.saga';
import { VirtualClock } from '../../../sagas/runtime/saga-clock';
import { SagaRuntime } from '../../../sagas/runtime/saga-runtime';
import { SqliteEventStore } from '../../../src/event-store/embedded/sqlite-event-store';
import type { EventStore, ReadAllOptions } from '../../../src/event-store/event-store.port';
import { orderAggregate } from '../../../src/order/order.aggregate';
import { promotionAggregate } from '../../../src/promotion/promotion.aggregate';
import { CommandDispatcher } from '../../../src/runtime/command-dispatcher';
import { workedExample } from '../../order/order.fixtures';
import { EsdbEventStore } from '../../../src/event-store/esdb/esdb-event-store';
import { type Endpoint, startEndpoint } from '../../esdb-protocol/endpoint-fixture';
import { tempDir } from '../../support/temp-dir';

const HOUR = 3_600_000;
const saga = fulfillmentSaga({ defaultLocationId: 'wh-main', paymentTimeoutMs: HOUR, pickupTimeoutMs: 24 * HOUR });
const dir = tempDir('saga-timers');
after(() => dir.remove());
let files = 0;
const freshFile = () => join(dir.path, `events-${++files}.sqlite`);

/** The store, counting the saga-stream events start-up reads through `readAll` with a stream-name filter. */
function countingStore(store: EventStore): { store: EventStore; sagaEventsRead: () => number } {
  let read = 0;
  const counting: EventStore = {
    appendToStream: (streamId, events, options) => store.appendToStream(streamId, events, options),
    readStream: (streamId, options) => store.readStream(streamId, options),
    subscribeToAll: (options) => store.subscribeToAll(options),
    ping: () => store.ping(),
    close: () => store.close(),
    async readAll(options?: ReadAllOptions) {
      const events = await store.readAll(options);
      if (options?.filter?.on === 'streamName') read += events.length;
      return events;
    },
  };
  return { store: counting, sagaEventsRead: () => read };
}

async function node(file: string, clock: VirtualClock, indexSnapshotEvery = 1000) {
  return nodeOn(new SqliteEventStore({ file, durability: 'normal' }), clock, indexSnapshotEvery);
}

async function nodeOn(backing: EventStore, clock: VirtualClock, indexSnapshotEvery = 1000) {
  const { store, sagaEventsRead } = countingStore(backing);
  const dispatcher = new CommandDispatcher(backing, { mailboxCapacity: 1000, maxWarmActors: 1000, idleEvictionMs: 60_000, maxConflictRetries: 5 });
  const runtime = new SagaRuntime(saga, { store, dispatcher, aggregates: [orderAggregate, promotionAggregate], clock, indexSnapshotEvery });
  await runtime.start();
  let n = 0;
  return {
    backing,
    runtime,
    sagaEventsRead,
    place: (orderId: string) =>
      dispatcher.dispatch(orderAggregate, {
        commandId: `place-${orderId}-${++n}`,
        streamId: `order-${orderId}`,
        command: workedExample({ orderId }),
        metadata: { channel: 'web' },
      }),
    async stop() {
      await runtime.stop();
      dispatcher.stop();
      await backing.close();
    },
  };
}

async function orderEvents(store: EventStore, orderId: string): Promise<string[]> {
  return (await store.readStream(`order-${orderId}`)).map((event) => event.type);
}

describe('saga timers index', () => {
  it('a payment deadline scheduled before a restart fires after it, on the virtual clock', async () => {
    const file = freshFile();
    const clock = new VirtualClock(Date.parse('2026-11-27T10:00:00Z'));
    const first = await node(file, clock);
    await first.place('t-1');
    await first.runtime.settled();
    assert.deepEqual(first.runtime.view('t-1')?.timers, [{ timerId: 'payment-deadline', dueAt: '2026-11-27T11:00:00.000Z' }]);
    await first.stop();

    const second = await node(file, clock);
    assert.deepEqual(second.runtime.view('t-1')?.timers, [{ timerId: 'payment-deadline', dueAt: '2026-11-27T11:00:00.000Z' }], 'the restarted index knows the timer');
    clock.advance(HOUR);
    await second.runtime.settled();
    assert.deepEqual(await orderEvents(second.backing, 't-1'), ['OrderPlaced', 'InventoryReserved', 'InventoryReleased', 'OrderCancelled']);
    assert.equal(second.runtime.view('t-1'), undefined, 'a completed instance leaves the index');
    assert.equal(second.runtime.counts().completed, 1);
    await second.stop();
  });

  it('start-up reads the last index snapshot and what followed it, not the streams of finished instances', async () => {
    const file = freshFile();
    const clock = new VirtualClock(Date.parse('2026-11-27T10:00:00Z'));
    const first = await node(file, clock, 50);
    // 120 orders never paid: each is reserved, then released and cancelled at its deadline, and completes.
    for (let i = 0; i < 120; i++) await first.place(`done-${i}`);
    await first.runtime.settled();
    clock.advance(HOUR);
    await first.runtime.settled();
    // Two more still waiting for payment, with their deadline an hour from now.
    await first.place('open-1');
    await first.place('open-2');
    await first.runtime.settled();
    const sagaEvents = (await first.backing.readAll({ filter: { on: 'streamName', prefixes: ['saga-fulfillment-'] } })).length;
    await first.stop();

    const second = await node(file, clock, 50);
    assert.ok(sagaEvents >= 4 * 120, `the finished instances left ${sagaEvents} saga events (their steps and completions)`);
    assert.equal(second.sagaEventsRead(), 0, 'start-up read no saga stream: the snapshot saved at stop covered them');
    assert.deepEqual(second.runtime.counts(), { completed: 120, active: 2 });
    clock.advance(HOUR);
    await second.runtime.settled();
    assert.deepEqual(await orderEvents(second.backing, 'open-2'), ['OrderPlaced', 'InventoryReserved', 'InventoryReleased', 'OrderCancelled']);
    assert.deepEqual(second.runtime.counts(), { completed: 122 });
    await second.stop();
  });

  it('without a stop (no final snapshot), start-up folds only the saga events after the last periodic snapshot', async () => {
    const file = freshFile();
    const clock = new VirtualClock(Date.parse('2026-11-27T10:00:00Z'));
    const first = await node(file, clock, 50);
    for (let i = 0; i < 60; i++) await first.place(`p-${i}`);
    await first.runtime.settled();
    clock.advance(HOUR);
    await first.runtime.settled();
    await first.place('late');
    await first.runtime.settled();
    const sagaEvents = (await first.backing.readAll({ filter: { on: 'streamName', prefixes: ['saga-fulfillment-'] } })).length;
    // A crash image: the files as they are now, before stop() could save a final snapshot.
    const image = freshFile();
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(file + suffix)) copyFileSync(file + suffix, image + suffix);
    await first.stop();
    const second = await node(image, clock, 50);
    assert.ok(second.sagaEventsRead() > 0 && second.sagaEventsRead() < 100, `read ${second.sagaEventsRead()} of ${sagaEvents} saga events`);
    assert.deepEqual(second.runtime.counts(), { completed: 60, active: 1 });
    clock.advance(HOUR);
    await second.runtime.settled();
    assert.deepEqual(await orderEvents(second.backing, 'late'), ['OrderPlaced', 'InventoryReserved', 'InventoryReleased', 'OrderCancelled']);
    await second.stop();
  });

  describe('on the EventStoreDB adapter (the embedded store served over the EventStoreDB protocol)', () => {
    let endpoint: Endpoint;
    after(async () => endpoint?.close());

    it('restores the index from its snapshot, reads only what followed, and fires a deadline set before the restart', async () => {
      endpoint = await startEndpoint();
      const clock = new VirtualClock(Date.parse('2026-11-27T10:00:00Z'));
      const first = await nodeOn(new EsdbEventStore(endpoint.url), clock, 20);
      for (let i = 0; i < 10; i++) await first.place(`e-${i}`);
      await first.runtime.settled();
      clock.advance(HOUR);
      await first.runtime.settled();
      await first.place('e-open');
      await first.runtime.settled();
      await first.stop();

      const second = await nodeOn(new EsdbEventStore(endpoint.url), clock, 20);
      assert.equal(second.sagaEventsRead(), 0, 'the snapshot saved at stop covered every saga event');
      assert.deepEqual(second.runtime.counts(), { completed: 10, active: 1 });
      clock.advance(HOUR);
      await second.runtime.settled();
      assert.deepEqual(await orderEvents(second.backing, 'e-open'), ['OrderPlaced', 'InventoryReserved', 'InventoryReleased', 'OrderCancelled']);
      await second.stop();
    });
  });
});
