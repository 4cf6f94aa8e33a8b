import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { FulfillmentState } from '../../../sagas/fulfillment/fulfillment.events';
import { fulfillmentSaga } from '../../../sagas/fulfillment/fulfillment.saga';
import { VirtualClock } from '../../../sagas/runtime/saga-clock';
import { SagaRuntime } from '../../../sagas/runtime/saga-runtime';
import { SqliteEventStore } from '../../../src/event-store/embedded/sqlite-event-store';
import { CommandDispatcher } from '../../../src/runtime/command-dispatcher';
import { orderAggregate } from '../../../src/order/order.aggregate';
import { promotionAggregate } from '../../../src/promotion/promotion.aggregate';
import type { PromotionCommand } from '../../../src/promotion/promotion.commands';
import { defineSave10 } from '../../promotion/promotion.fixtures';
import type { OrderCommand } from '../../../src/order/order.commands';
import { workedExample } from '../../order/order.fixtures';
import { tempDir } from '../../support/temp-dir';
import { sagaRecords } from '../../support/saga-records';

const HOUR = 3_600_000;
const saga = fulfillmentSaga({ defaultLocationId: 'wh-main', paymentTimeoutMs: HOUR, pickupTimeoutMs: 24 * HOUR });
const dir = tempDir('sagas');
after(() => dir.remove());

/** A store, a dispatcher and a running saga over one SQLite file; `restart` keeps the file. */
async function node(file: string, clock: VirtualClock, start = true, definition = saga) {
  const store = new SqliteEventStore({ file, durability: 'normal' });
  const dispatcher = new CommandDispatcher(store, { mailboxCapacity: 1000, maxWarmActors: 1000, idleEvictionMs: 60_000, maxConflictRetries: 5 });
  const runtime = new SagaRuntime(definition, {
    store,
    dispatcher,
    aggregates: [orderAggregate, promotionAggregate],
    clock,
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
  });
  if (start) await runtime.start();
  let n = 0;
  return {
    store,
    runtime,
    /** What a channel does: its own command ids, outside the saga. */
    channel: (orderId: string, command: OrderCommand) =>
      dispatcher.dispatch(orderAggregate, { commandId: `channel-${orderId}-${command.kind}-${++n}`, streamId: `order-${orderId}`, command, metadata: { channel: 'web' } }),
    promotion: (command: PromotionCommand & { promotionId: string }) =>
      dispatcher.dispatch(promotionAggregate, {
        commandId: `marketing-${command.promotionId}-${++n}`,
        streamId: `promotion-${command.promotionId}`,
        command,
        metadata: { channel: 'admin' },
      }),
    stop: async () => {
      await runtime.stop();
      dispatcher.stop();
      await store.close();
    },
  };
}

let files = 0;
const freshFile = () => join(dir.path, `events-${++files}.sqlite`);
const at = '2026-11-27T10:05:00Z';
const place = (orderId: string, overrides = {}): OrderCommand => ({ ...workedExample({ orderId, ...overrides }) });
const authorize = (amountMinor = 10519): OrderCommand => ({ kind: 'AuthorizePayment', authorizationId: 'auth-1', amountMinor, currency: 'USD', at });
const ship = (shipmentId: string, lines: Array<[string, number]>): OrderCommand => ({
  kind: 'ConfirmShipment',
  shipmentId,
  lines: lines.map(([lineId, quantity]) => ({ lineId, quantity })),
  shippedAt: at,
});

/** The saga's commands as the order recorded them: [kind of first event, command id], once per command. */
async function sagaCommands(store: SqliteEventStore, orderId: string): Promise<string[]> {
  const events = await store.readStream(`order-${orderId}`);
  const byCommand = new Map<string, string>();
  for (const event of events) if (event.metadata.channel === 'saga:fulfillment') byCommand.set(String(event.metadata.commandId), event.type);
  return [...byCommand.values()];
}

async function sagaStream(store: SqliteEventStore, orderId: string): Promise<string[]> {
  return (await store.readStream(`saga-fulfillment-${orderId}`)).map((event) => event.type);
}

describe('fulfillment saga on the runtime (SQLite store, virtual clock)', () => {
  it('happy path with a split shipment: reserve, capture, ship twice, complete, each command once', async () => {
    const { store, runtime, channel, stop } = await node(freshFile(), new VirtualClock(Date.parse('2026-11-27T10:00:00Z')));
    await channel('o-1', place('o-1'));
    await channel('o-1', authorize());
    await runtime.settled();
    await channel('o-1', ship('s-1', [['L1', 2]]));
    await channel('o-1', ship('s-2', [['L2', 1]]));
    await runtime.settled();
    assert.deepEqual(await sagaCommands(store, 'o-1'), ['InventoryReserved', 'PaymentCaptured']);
    assert.equal((await sagaStream(store, 'o-1')).filter((type) => type === 'SagaCompleted').length, 1);
    assert.equal((await runtime.instance('o-1')).completed, true);
    await stop();
  });

  it('a duplicated OrderPlaced and a replay of the whole log issue nothing new', async () => {
    const file = freshFile();
    const clock = new VirtualClock(Date.parse('2026-11-27T10:00:00Z'));
    const first = await node(file, clock);
    await first.channel('o-2', place('o-2'));
    await first.runtime.settled();
    const before = await sagaStream(first.store, 'o-2');
    await first.stop();

    // As if the checkpoint had never been written: every input is delivered again.
    const store = new SqliteEventStore({ file, durability: 'normal' });
    const dispatcher = new CommandDispatcher(store, { mailboxCapacity: 100, maxWarmActors: 100, idleEvictionMs: 60_000, maxConflictRetries: 5 });
    const replay = new SagaRuntime(saga, { store, dispatcher, aggregates: [orderAggregate, promotionAggregate], clock, replayFrom: 0n });
    await replay.start();
    await replay.settled();
    assert.deepEqual(await sagaStream(store, 'o-2'), before, 'the replayed inputs were recognised and left no trace');
    assert.deepEqual(await sagaCommands(store, 'o-2'), ['InventoryReserved']);
    await replay.stop();
    dispatcher.stop();
    await store.close();
  });

  it('carries on an instance recorded before a step was one event: its records fold as they did, and its next steps are one event each', async () => {
    const clock = new VirtualClock(Date.parse('2026-11-27T10:00:00Z'));
    // Labelled as the service registers it, so the old records include a status.
    const labelled = { ...saga, status: (state: FulfillmentState) => (state.phase === 'not-started' ? undefined : state.phase) };
    const { store, runtime, channel, stop } = await node(freshFile(), clock, false, labelled);
    await channel('o-old', place('o-old'));
    const [placed] = await store.readStream('order-o-old');
    // The step that took OrderPlaced as the runtime recorded it then: each part an event of its own.
    const now = new Date(clock.now()).toISOString();
    const decision = saga.decide(saga.initialState(), { kind: 'event', inputId: placed.eventId, type: placed.type, streamId: placed.streamId, data: placed.data }, now);
    const dueAt = new Date(clock.now() + HOUR).toISOString();
    const legacy = [
      { type: 'InputHandled', data: { inputId: placed.eventId, at: now } },
      ...decision.events!,
      { type: 'CommandIssued', data: { commandId: 'legacy-reserve', aggregate: 'order', streamId: 'order-o-old', kind: 'ReserveInventory' } },
      { type: 'TimerScheduled', data: { timerId: 'payment-deadline', dueAt } },
      { type: 'SagaStatusChanged', data: { status: 'awaiting-payment' } },
    ];
    await store.appendToStream(
      'saga-fulfillment-o-old',
      legacy.map((event, i) => ({ eventId: `00000000-0000-4000-8000-00000000000${i}`, ...event })),
      { expectedRevision: 'no_stream' },
    );
    await channel('o-old', decision.commands![0].command as unknown as OrderCommand);

    await runtime.start();
    await runtime.settled();
    assert.deepEqual(
      runtime.view('o-old'),
      { instanceId: 'o-old', state: 'awaiting-payment', timers: [{ timerId: 'payment-deadline', dueAt }], lastStepAt: now },
      'the index folded the old records',
    );
    await channel('o-old', authorize());
    await runtime.settled();
    clock.advance(2 * HOUR);
    await runtime.settled();
    assert.deepEqual(await sagaCommands(store, 'o-old'), ['PaymentCaptured'], 'OrderPlaced was not taken again; the capture was made once and cancelled the old deadline');
    assert.equal(runtime.view('o-old')?.state, 'awaiting-fulfillment');
    assert.deepEqual(runtime.view('o-old')?.timers, []);
    const types = (await store.readStream('saga-fulfillment-o-old')).map((event) => event.type);
    assert.deepEqual(types.slice(legacy.length), ['SagaStepTaken', 'SagaStepTaken', 'SagaStepTaken'], 'reserved, authorized, captured: one event a step');
    await stop();
  });

  it('a payment recorded before a deadline that passed while the saga was down is taken before the deadline fires', async () => {
    const file = freshFile();
    const clock = new VirtualClock(Date.parse('2026-11-27T10:00:00Z'));
    const up = await node(file, clock);
    await up.channel('o-20', place('o-20'));
    await up.runtime.settled();
    await up.stop();

    // While the service is down the channel's authorization is recorded, then the deadline passes.
    const down = await node(file, clock, false);
    await down.channel('o-20', authorize());
    clock.advance(HOUR + 1);
    await down.runtime.start();
    await down.runtime.settled();
    assert.deepEqual(await sagaCommands(down.store, 'o-20'), ['InventoryReserved', 'PaymentCaptured'], 'captured, not cancelled');
    assert.deepEqual(down.runtime.parked(), []);
    await down.stop();
  });

  it('payment not fully captured in time: after advance() it releases the stock, cancels and refunds the partial capture, in order', async () => {
    const clock = new VirtualClock(Date.parse('2026-11-27T10:00:00Z'));
    const { store, runtime, channel, stop } = await node(freshFile(), clock);
    // Authorized for less than the total: the capture never covers the order.
    await channel('o-3', place('o-3'));
    await channel('o-3', authorize(5000));
    await runtime.settled();
    clock.advance(HOUR - 1);
    await runtime.settled();
    assert.deepEqual(await sagaCommands(store, 'o-3'), ['InventoryReserved', 'PaymentCaptured'], 'nothing happens before the deadline');
    clock.advance(1);
    await runtime.settled();
    assert.deepEqual(await sagaCommands(store, 'o-3'), ['InventoryReserved', 'PaymentCaptured', 'InventoryReleased', 'OrderCancelled', 'RefundIssued']);
    await stop();
  });

  it('compensation gives the promotion its usage back once, and passes over a discount with no promotion defined here', async () => {
    const clock = new VirtualClock(Date.parse('2026-11-27T10:00:00Z'));
    const { store, runtime, channel, promotion, stop } = await node(freshFile(), clock);
    // SAVE10 is managed here and held by the order; VEND5 (promo-vend5) is only a channel discount.
    await promotion({ ...defineSave10, promotionId: 'promo-save10' });
    await promotion({ kind: 'ActivatePromotion', promotionId: 'promo-save10', at: '2026-11-27T09:00:00Z' });
    await promotion({ kind: 'RecordApplication', promotionId: 'promo-save10', orderId: 'o-8', amount: { amountMinor: 1000, currency: 'USD' }, at: '2026-11-27T10:00:00Z' });
    await channel('o-8', place('o-8'));
    await runtime.settled();
    clock.advance(HOUR);
    await runtime.settled();
    assert.deepEqual(await sagaCommands(store, 'o-8'), ['InventoryReserved', 'InventoryReleased', 'OrderCancelled'], 'the order side comes first');
    const released = (await store.readStream('promotion-promo-save10')).filter((event) => event.type === 'PromotionApplicationReleased');
    assert.equal(released.length, 1);
    assert.equal(released[0].metadata.channel, 'saga:fulfillment');
    assert.deepEqual((released[0].data as { amountMinor: number; orderId: string }).amountMinor, 1000);
    const issued = sagaRecords(await store.readStream('saga-fulfillment-o-8'))
      .filter((event) => event.type === 'CommandIssued')
      .map((event) => event.data as { kind: string; refused?: string });
    assert.deepEqual(
      issued.filter((c) => c.kind === 'ReleaseApplication').map((c) => c.refused ?? 'released'),
      ['released', 'PROMOTION_NOT_FOUND'],
    );
    assert.deepEqual(runtime.parked(), [], 'the unknown promotion did not park the compensation');
    await stop();
  });

  it('a restart in the middle resumes from the stored checkpoint and timers, and completes exactly once', async () => {
    const file = freshFile();
    const clock = new VirtualClock(Date.parse('2026-11-27T10:00:00Z'));
    const first = await node(file, clock);
    await first.channel('o-4', place('o-4'));
    await first.channel('o-5', place('o-5'));
    await first.runtime.settled();
    await first.stop();

    const second = await node(file, clock);
    // While the saga was down the channel authorized o-4; o-5 is never paid.
    await second.channel('o-4', authorize());
    await second.runtime.settled();
    await second.channel(
      'o-4',
      ship('s-1', [
        ['L1', 2],
        ['L2', 1],
      ]),
    );
    await second.runtime.settled();
    await second.stop();

    const third = await node(file, clock);
    clock.advance(HOUR);
    await third.runtime.settled();
    assert.deepEqual(await sagaCommands(third.store, 'o-4'), ['InventoryReserved', 'PaymentCaptured']);
    assert.deepEqual(await sagaCommands(third.store, 'o-5'), ['InventoryReserved', 'InventoryReleased', 'OrderCancelled'], 'the payment deadline set before the restarts fired');
    for (const orderId of ['o-4', 'o-5']) {
      assert.equal((await sagaStream(third.store, orderId)).filter((type) => type === 'SagaCompleted').length, 1, `${orderId} completed once`);
    }
    await third.stop();
  });

  it('a failing instance is parked with its reason while others proceed, and retry resumes it', async () => {
    const clock = new VirtualClock(Date.parse('2026-11-27T10:00:00Z'));
    const { store, runtime, channel, stop } = await node(freshFile(), clock, false);
    // Someone else reserved o-7's stock before the saga saw the order: its own reservation is refused.
    await channel('o-7', place('o-7'));
    await channel('o-7', { kind: 'ReserveInventory', locationId: 'wh-main', lines: [{ lineId: 'L1', quantity: 2 }], at });
    await channel('o-6', place('o-6'));
    await runtime.start();
    await runtime.settled();
    await channel('o-6', authorize());
    await runtime.settled();

    const parked = runtime.parked();
    assert.deepEqual(
      parked.map((p) => p.instanceId),
      ['o-7'],
    );
    assert.match(parked[0].reason, /RESERVE_QUANTITY_EXCEEDS_REMAINING/);
    assert.deepEqual(await sagaCommands(store, 'o-6'), ['InventoryReserved', 'PaymentCaptured'], 'o-6 went on');

    await channel('o-7', { kind: 'ReleaseInventory', locationId: 'wh-main', lines: [{ lineId: 'L1', quantity: 2 }], at });
    assert.equal(await runtime.retry('o-7'), 'resumed', 'the failed OrderPlaced went through this time');
    assert.equal(await runtime.retry('o-6'), 'not-parked', 'an instance that never parked has nothing to retry');
    assert.equal(await runtime.retry('o-404'), 'not-found');
    await runtime.settled();
    assert.deepEqual(runtime.parked(), []);
    assert.deepEqual(await sagaCommands(store, 'o-7'), ['InventoryReserved']);
    await stop();
  });
});
