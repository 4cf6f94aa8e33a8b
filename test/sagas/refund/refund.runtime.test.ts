import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { SqliteEventStore } from '../../../src/event-store/embedded/sqlite-event-store';
import { orderAggregate } from '../../../src/order/order.aggregate';
import type { OrderCommand } from '../../../src/order/order.commands';
import { RecordingPaymentProvider } from '../../../src/payments/recording-payment-provider';
import { promotionAggregate } from '../../../src/promotion/promotion.aggregate';
import type { PromotionCommand } from '../../../src/promotion/promotion.commands';
import { CommandDispatcher } from '../../../src/runtime/command-dispatcher';
import { providerRefundEffect } from '../../../sagas/refund/provider-refund';
import { refundSaga } from '../../../sagas/refund/refund.saga';
import { VirtualClock } from '../../../sagas/runtime/saga-clock';
import { SagaRuntime } from '../../../sagas/runtime/saga-runtime';
import { workedExample } from '../../order/order.fixtures';
import { defineSave10, defineVend5 } from '../../promotion/promotion.fixtures';
import { tempDir } from '../../support/temp-dir';
import { recordChannelRefund, recordLegacyChannelRefund, shopifyRefundFact } from '../../channels/channel-refund.fixtures';
import type { ChannelRefundReceivedData } from '../../../src/channels/channel-refund.events';
import { sagaRecords } from '../../support/saga-records';

const DAY = 86_400_000;
const saga = refundSaga({ orderWaitMs: DAY });
const dir = tempDir('refund-saga');
after(() => dir.remove());
let files = 0;
const freshFile = () => join(dir.path, `events-${++files}.sqlite`);
const at = '2026-11-27T10:05:00Z';

/** A store, a dispatcher and the refund saga over one SQLite file, paying through a recording provider. */
async function node(file: string, clock: VirtualClock, provider: RecordingPaymentProvider, options: { replayFrom?: bigint } = {}) {
  const store = new SqliteEventStore({ file, durability: 'normal' });
  const dispatcher = new CommandDispatcher(store, { mailboxCapacity: 1000, maxWarmActors: 1000, idleEvictionMs: 60_000, maxConflictRetries: 5 });
  const runtime = new SagaRuntime(saga, {
    store,
    dispatcher,
    aggregates: [orderAggregate, promotionAggregate],
    effects: [providerRefundEffect(provider)],
    clock,
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
    ...(options.replayFrom !== undefined ? { replayFrom: options.replayFrom } : {}),
  });
  await runtime.start();
  let n = 0;
  return {
    store,
    runtime,
    order: (orderId: string, command: OrderCommand) =>
      dispatcher.dispatch(orderAggregate, { commandId: `web-${orderId}-${command.kind}-${++n}`, streamId: `order-${orderId}`, command, metadata: { channel: 'web' } }),
    channelRefund: (fact: ChannelRefundReceivedData) => recordChannelRefund(dispatcher, fact),
    promotion: (command: PromotionCommand & { promotionId: string }) =>
      dispatcher.dispatch(promotionAggregate, {
        commandId: `admin-${command.promotionId}-${command.kind}-${++n}`,
        streamId: `promotion-${command.promotionId}`,
        command,
        metadata: { channel: 'admin' },
      }),
    async stop() {
      await runtime.stop();
      dispatcher.stop();
      await store.close();
    },
  };
}

type Node = Awaited<ReturnType<typeof node>>;

/** The worked example placed, paid in full and shipped: everything returnable. */
async function paidAndShipped({ order }: Node, orderId: string) {
  await order(orderId, workedExample({ orderId, channel: orderId.startsWith('shopify-') ? 'shopify' : 'web' }));
  await order(orderId, { kind: 'AuthorizePayment', authorizationId: 'auth-1', amountMinor: 10519, currency: 'USD', at });
  await order(orderId, { kind: 'CapturePayment', captureId: 'cap-1', amountMinor: 10519, currency: 'USD', at });
  await order(orderId, {
    kind: 'ConfirmShipment',
    shipmentId: 's-1',
    lines: [
      { lineId: 'L1', quantity: 2 },
      { lineId: 'L2', quantity: 1 },
    ],
    shippedAt: at,
  });
}

async function returnTwoUnits({ order }: Node, orderId: string, returnId = 'r-1') {
  await order(orderId, {
    kind: 'RequestReturn',
    returnId,
    lines: [
      { lineId: 'L1', quantity: 1 },
      { lineId: 'L2', quantity: 1 },
    ],
    at,
  });
  await order(orderId, { kind: 'ReceiveReturn', returnId, at });
}

/** SAVE10 (retailer) and VEND5 (vendor Acme) managed here, both held by the order. */
async function promotionsHeldBy({ promotion }: Node, orderId: string) {
  for (const [definition, amountMinor] of [
    [{ ...defineSave10, promotionId: 'promo-save10' }, 1000],
    [{ ...defineVend5, promotionId: 'promo-vend5' }, 500],
  ] as const) {
    await promotion(definition);
    await promotion({ kind: 'ActivatePromotion', promotionId: definition.promotionId, at: '2026-11-27T09:00:00Z' });
    await promotion({ kind: 'RecordApplication', promotionId: definition.promotionId, orderId, amount: { amountMinor, currency: 'USD' }, at: '2026-11-27T10:00:00Z' });
  }
}

const eventsOf = async (store: SqliteEventStore, streamId: string, type: string) => sagaRecords(await store.readStream(streamId)).filter((e) => e.type === type);

describe('refund saga on the runtime (SQLite store, virtual clock)', () => {
  it('partial return with two promotions: the provider pays once under the step id, each promotion claws back its share, the refund is recorded with its return', async () => {
    const provider = new RecordingPaymentProvider();
    const n = await node(freshFile(), new VirtualClock(Date.parse('2026-11-28T12:00:00Z')), provider);
    await promotionsHeldBy(n, 'o-1');
    await paidAndShipped(n, 'o-1');
    await returnTwoUnits(n, 'o-1');
    await n.runtime.settled();

    const refundMinor = 3000 - 286 + 217 + 4500 - 429 - 500 + 286;
    const issued = (await eventsOf(n.store, 'saga-refund-o-1', 'CommandIssued')).map((e) => e.data as { commandId: string; kind: string });
    assert.deepEqual(
      issued.map((c) => c.kind),
      ['RefundPayment', 'RecordClawback', 'RecordClawback', 'IssueRefund'],
    );
    assert.deepEqual(provider.refunds(), [{ idempotencyKey: issued[0].commandId, orderId: 'o-1', returnId: 'r-1', amountMinor: refundMinor, currency: 'USD' }]);

    const clawedBack = async (promotionId: string) =>
      (await eventsOf(n.store, `promotion-${promotionId}`, 'PromotionClawedBack')).map((e) => {
        const { amountMinor, funding, returnId } = e.data as { amountMinor: number; funding: unknown; returnId: string };
        return { amountMinor, funding, returnId };
      });
    assert.deepEqual(await clawedBack('promo-save10'), [{ amountMinor: 715, funding: { retailerMinor: 715, vendorMinor: 0 }, returnId: 'r-1' }]);
    assert.deepEqual(
      await clawedBack('promo-vend5'),
      [{ amountMinor: 500, funding: { retailerMinor: 0, vendorMinor: 500 }, returnId: 'r-1' }],
      'the vendor-funded claim is reversed',
    );

    const refunds = await eventsOf(n.store, 'order-o-1', 'RefundIssued');
    assert.deepEqual(
      refunds.map((e) => e.data),
      [{ refundId: 'r-1', amountMinor: refundMinor, currency: 'USD', at: '2026-11-28T12:00:00.000Z', returnId: 'r-1' }],
    );
    assert.equal(n.runtime.view('o-1')?.state, 'refunded');
    await n.stop();
  });

  it('provider failure: retried with backoff under the same idempotency key, then paid once; past the limit parked with the reason, and retry pays once', async () => {
    const provider = new RecordingPaymentProvider();
    const n = await node(freshFile(), new VirtualClock(Date.parse('2026-11-28T12:00:00Z')), provider);
    await paidAndShipped(n, 'o-2');
    provider.failNext(2);
    await returnTwoUnits(n, 'o-2');
    await n.runtime.settled();
    assert.equal(provider.calls.length, 3);
    assert.equal(new Set(provider.calls.map((c) => c.idempotencyKey)).size, 1, 'every try carried the same key');
    assert.equal(provider.refunds().length, 1);
    assert.equal((await eventsOf(n.store, 'order-o-2', 'RefundIssued')).length, 1);

    await paidAndShipped(n, 'o-3');
    provider.failNext(3);
    await returnTwoUnits(n, 'o-3');
    await n.runtime.settled();
    const parked = n.runtime.parked();
    assert.deepEqual(
      parked.map((p) => p.instanceId),
      ['o-3'],
    );
    assert.match(parked[0].reason, /payment provider unavailable/);
    assert.equal((await eventsOf(n.store, 'order-o-3', 'RefundIssued')).length, 0, 'no refund is recorded that the provider did not pay');

    await n.runtime.retry('o-3');
    await n.runtime.settled();
    assert.deepEqual(n.runtime.parked(), []);
    assert.equal(provider.refunds().filter((r) => r.orderId === 'o-3').length, 1);
    assert.equal((await eventsOf(n.store, 'order-o-3', 'RefundIssued')).length, 1);
    await n.stop();
  });

  it('refund before sale: waits while the order is unknown, then is applied exactly once without the provider, across a restart and a full replay', async () => {
    const file = freshFile();
    const clock = new VirtualClock(Date.parse('2026-11-28T12:00:00Z'));
    const provider = new RecordingPaymentProvider();
    const first = await node(file, clock, provider);
    await first.channelRefund(shopifyRefundFact('shopify-1'));
    await first.runtime.settled();
    assert.equal(first.runtime.view('shopify-1')?.state, 'awaiting-order');
    assert.deepEqual(first.runtime.parked(), [], 'waiting is not a failure');
    await first.stop();

    const second = await node(file, clock, provider);
    await paidAndShipped(second, 'shopify-1');
    await second.channelRefund(shopifyRefundFact('shopify-1', { sourceRef: 'channel-delivery-shopify-wh-2' }));
    await second.runtime.settled();
    await second.stop();

    const replay = await node(file, clock, provider, { replayFrom: 0n });
    await replay.runtime.settled();
    const orderEvents = (await replay.store.readStream('order-shopify-1')).map((e) => e.type);
    assert.deepEqual(orderEvents.slice(-3), ['ReturnRequested', 'ReturnReceived', 'RefundIssued']);
    assert.equal(orderEvents.filter((t) => t === 'RefundIssued').length, 1);
    const [refund] = await eventsOf(replay.store, 'order-shopify-1', 'RefundIssued');
    assert.deepEqual(refund.data, { refundId: 'shopify-refund-9001', amountMinor: 2931, currency: 'USD', at: '2026-11-28T09:30:00.000Z', returnId: 'shopify-refund-9001' });
    assert.equal((await eventsOf(replay.store, 'channel-refund-acme.myshopify.com-9001', 'ChannelRefundReceived')).length, 1, 'the second delivery was the same fact');
    assert.deepEqual(provider.calls, [], 'the channel already paid');
    assert.equal(replay.runtime.view('shopify-1')?.state, 'refunded');
    await replay.stop();
  });

  it('order never arrives: after REFUND_ORDER_WAIT the instance is stuck and listed as such, with nothing written to any order', async () => {
    const file = freshFile();
    const clock = new VirtualClock(Date.parse('2026-11-28T12:00:00Z'));
    const provider = new RecordingPaymentProvider();
    const first = await node(file, clock, provider);
    await first.channelRefund(shopifyRefundFact('shopify-404'));
    await first.runtime.settled();
    await first.stop();

    // The wait timer was set before the restart and fires after it.
    const second = await node(file, clock, provider);
    clock.advance(DAY - 1);
    await second.runtime.settled();
    assert.equal(second.runtime.view('shopify-404')?.state, 'awaiting-order');
    clock.advance(1);
    await second.runtime.settled();
    assert.equal(second.runtime.view('shopify-404')?.state, 'stuck');
    assert.deepEqual(
      second.runtime.list('stuck', { limit: 10 }).instances.map((i) => i.instanceId),
      ['shopify-404'],
    );
    assert.deepEqual(second.runtime.parked(), []);
    assert.equal(
      (await second.store.readAll()).some((e) => e.streamId === 'order-shopify-404'),
      false,
    );
    await second.stop();
  });

  it('a fact the previous version recorded as applied at the edge is not applied again: the saga only claws back, and the refund is recorded once', async () => {
    const n = await node(freshFile(), new VirtualClock(Date.parse('2026-11-28T12:00:00Z')), new RecordingPaymentProvider());
    await promotionsHeldBy(n, 'shopify-8');
    await paidAndShipped(n, 'shopify-8');
    // As that version's webhook did: the fact first, then return, receipt and refund on the order itself.
    const fact = shopifyRefundFact('shopify-8', { refundId: '9008', returnId: 'shopify-refund-9008' });
    await recordLegacyChannelRefund(n.store, { ...fact, appliedAtEdge: true });
    await n.order('shopify-8', { kind: 'RequestReturn', returnId: fact.returnId, lines: fact.lines, at: fact.at });
    await n.order('shopify-8', { kind: 'ReceiveReturn', returnId: fact.returnId, at: fact.at });
    await n.order('shopify-8', { kind: 'IssueRefund', refundId: fact.returnId, amountMinor: fact.refundedMinor, currency: 'USD', at: fact.at, returnId: fact.returnId });
    await n.runtime.settled();

    const issued = (await eventsOf(n.store, 'saga-refund-shopify-8', 'CommandIssued')).map((e) => (e.data as { kind: string }).kind);
    assert.deepEqual(issued, ['RecordClawback'], 'no return, receipt or refund asked for again');
    assert.deepEqual(n.runtime.parked(), []);
    const orderTypes = (await n.store.readStream('order-shopify-8')).map((e) => e.type);
    assert.deepEqual(orderTypes.slice(-3), ['ReturnRequested', 'ReturnReceived', 'RefundIssued']);
    assert.equal(orderTypes.filter((t) => t === 'RefundIssued').length, 1);
    assert.equal((await eventsOf(n.store, 'promotion-promo-save10', 'PromotionClawedBack')).length, 1);
    assert.equal(n.runtime.view('shopify-8')?.state, 'refunded');
    await n.stop();
  });
});
