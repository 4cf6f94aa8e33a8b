import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fulfillmentSaga } from '../../../sagas/fulfillment/fulfillment.saga';
import { VirtualClock } from '../../../sagas/runtime/saga-clock';
import { SagaRuntime } from '../../../sagas/runtime/saga-runtime';
import { SqliteEventStore } from '../../../src/event-store/embedded/sqlite-event-store';
import type { EventStore, RecordedEvent } from '../../../src/event-store/event-store.port';
import { orderAggregate } from '../../../src/order/order.aggregate';
import type { OrderCommand } from '../../../src/order/order.commands';
import { promotionAggregate } from '../../../src/promotion/promotion.aggregate';
import { CommandDispatcher } from '../../../src/runtime/command-dispatcher';
import { Lease } from '../../../src/runtime/lease/lease';
import { SingleActiveWorker } from '../../../src/runtime/lease/single-active-worker';
import { eventually } from '../../esdb-protocol/endpoint-fixture';
import { workedExample } from '../../order/order.fixtures';
import { tempDir } from '../../support/temp-dir';
import { sagaRecords } from '../../support/saga-records';

const HOUR = 3_600_000;
const LEASE_TIMEOUT = 60_000;
const saga = fulfillmentSaga({ defaultLocationId: 'wh-main', paymentTimeoutMs: HOUR, pickupTimeoutMs: 24 * HOUR });
const dispatcherOptions = { mailboxCapacity: 1000, maxWarmActors: 1000, idleEvictionMs: 60_000, maxConflictRetries: 5, followOtherWriters: true };
const at = '2026-11-27T10:05:00Z';

/**
 * The store as one saga node sees it, which can be frozen the way a process is when it is
 * killed or paused: commands to aggregates still reach the store, but the node's own records (its
 * saga steps, checkpoint, index, lease renewals) hang until thawed, as if the node stopped right
 * after dispatching a step's commands and before recording the step.
 */
class FreezableStore {
  private frozen = false;
  private waiting: Array<() => void> = [];

  constructor(private readonly store: EventStore) {}

  freeze(): void {
    this.frozen = true;
  }

  thaw(): void {
    this.frozen = false;
    for (const go of this.waiting.splice(0)) go();
  }

  view(): EventStore {
    return new Proxy(this.store, {
      get: (target, property, receiver) => {
        if (property !== 'appendToStream') return Reflect.get(target, property, receiver);
        return async (...args: Parameters<EventStore['appendToStream']>) => {
          if (this.frozen && !args[0].startsWith('order-')) await new Promise<void>((go) => this.waiting.push(go));
          return target.appendToStream(...args);
        };
      },
    });
  }
}

/** One saga node: its own actors and saga runtime, running the fulfillment saga only while it holds the lease. */
function sagaNode(holder: string, store: EventStore, now: () => number) {
  const dispatcher = new CommandDispatcher(store, dispatcherOptions);
  let runtime: SagaRuntime<any, any> | undefined;
  const worker = new SingleActiveWorker(
    new Lease(store, { name: 'sagas', timeoutMs: LEASE_TIMEOUT, holder, now }),
    {
      start: async () => {
        runtime = new SagaRuntime(saga, {
          store,
          dispatcher,
          aggregates: [orderAggregate, promotionAggregate],
          clock: new VirtualClock(Date.parse(at)),
          retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
          // While both nodes run (the old one not yet aware it lost the lease), their checkpoint saves conflict: expected here.
          onError: () => undefined,
        });
        await runtime.start();
      },
      stop: async () => {
        await runtime?.stop();
        runtime = undefined;
      },
    },
    { now, onError: () => undefined },
  );
  return {
    worker,
    get runtime() {
      return runtime;
    },
    async close() {
      await worker.stop();
      dispatcher.stop();
    },
  };
}

/** The saga's commands' effects on an order: one entry per command id, and no event id twice. */
function commandEffects(events: RecordedEvent[]): Map<string, string[]> {
  const ids = events.map((event) => event.eventId);
  assert.equal(new Set(ids).size, ids.length, 'no event recorded twice in the order stream');
  const byCommand = new Map<string, string[]>();
  for (const event of events) {
    if (event.metadata.channel !== 'saga:fulfillment') continue;
    const commandId = String(event.metadata.commandId);
    byCommand.set(commandId, [...(byCommand.get(commandId) ?? []), `${event.type}@${event.revision}`]);
  }
  return byCommand;
}

describe('saga runner take-over (two saga nodes, one lease, one store)', () => {
  const dir = tempDir('saga-take-over');
  after(() => dir.remove());

  it('a node stopped between dispatching a step and recording it: the standby takes over and the command takes effect once; the old node waking up adds nothing', async () => {
    const store = new SqliteEventStore({ file: join(dir.path, 'events.sqlite'), durability: 'normal' });
    let now = 0;
    const clock = () => now;
    const frozenA = new FreezableStore(store);
    const a = sagaNode('node-a', frozenA.view(), clock);
    const b = sagaNode('node-b', store, clock);
    const channel = new CommandDispatcher(store, dispatcherOptions);
    let n = 0;
    const send = (command: OrderCommand) => channel.dispatch(orderAggregate, { commandId: `channel-${++n}`, streamId: 'order-t-1', command, metadata: { channel: 'web' } });
    const orderEvents = () => store.readStream('order-t-1');
    try {
      await a.worker.start();
      await b.worker.start();
      assert.deepEqual([a.worker.role, b.worker.role], ['active', 'standby']);

      // Node A reserves stock for the order, and stops before it records that it did.
      frozenA.freeze();
      await send(workedExample({ orderId: 't-1' }));
      await eventually(async () => (await orderEvents()).some((event) => event.type === 'InventoryReserved'), 'node A reserving the stock');
      const issuedByA = [...commandEffects(await orderEvents()).keys()];
      await assert.rejects(store.readStream('saga-fulfillment-t-1'), /not found/, 'node A recorded nothing of its step');

      // It renews no more: once the lease timed out, node B takes over and replays the step.
      now += LEASE_TIMEOUT;
      await b.worker.check();
      assert.equal(b.worker.role, 'active');
      await b.runtime!.settled();
      const sagaStream = sagaRecords(await store.readStream('saga-fulfillment-t-1')).map((event) => event.type);
      assert.ok(sagaStream.includes('CommandIssued'), 'node B recorded the step');
      const afterTakeOver = commandEffects(await orderEvents());
      assert.deepEqual([...afterTakeOver.keys()], issuedByA, 'node B issued the same command id, which the order answered from its first outcome');
      assert.deepEqual([...afterTakeOver.values()], [['InventoryReserved@1']]);

      // Node A wakes up (a pause, not a crash) and carries on until its next lease check: both act on the next step.
      frozenA.thaw();
      await a.runtime!.settled();
      await send({ kind: 'AuthorizePayment', authorizationId: 'auth-1', amountMinor: 10519, currency: 'USD', at });
      await eventually(async () => (await orderEvents()).some((event) => event.type === 'PaymentCaptured'), 'the capture');
      await Promise.all([a.runtime!.settled(), b.runtime!.settled()]);
      await a.worker.check();
      assert.deepEqual([a.worker.role, b.worker.role], ['standby', 'active'], 'node A found its lease gone and stopped');

      const effects = commandEffects(await orderEvents());
      assert.deepEqual(
        [...effects.values()].map((types) => types.map((type) => type.split('@')[0])),
        [['InventoryReserved'], ['PaymentCaptured']],
        'each command took effect once',
      );
      assert.deepEqual(
        (await orderEvents()).filter((event) => event.type === 'PaymentCaptured').map((event) => (event.data as { amountMinor: number }).amountMinor),
        [10519],
      );
      const issued = sagaRecords(await store.readStream('saga-fulfillment-t-1'))
        .filter((event) => event.type === 'CommandIssued')
        .map((event) => (event.data as { commandId: string }).commandId);
      assert.deepEqual(issued, [...effects.keys()], 'the saga recorded each command once, in order');
    } finally {
      frozenA.thaw();
      await a.close();
      await b.close();
      channel.stop();
      await store.close();
    }
  });
});
