import assert from 'node:assert/strict';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { after, before, describe, it } from 'node:test';
import type { EventStore } from '../../../src/event-store/event-store.port';
import { orderAggregate } from '../../../src/order/order.aggregate';
import type { OrderCommand } from '../../../src/order/order.commands';
import { CommandDispatcher } from '../../../src/runtime/command-dispatcher';
import { SagaHost } from '../../../sagas/host/saga-host';
import { type OrderApp, startOrderApp } from '../../support/order-app';
import { shopifyFixture, shopifyFixtureBytes } from '../../support/shopify-fixtures';
import { tempDir } from '../../support/temp-dir';
import { deliverShopifyWebhook, oneLineRefund, shopifyShops } from './shopify-refund-delivery';

const SHOP = { domain: 'ledgerbridge-test.myshopify.com', secret: 'shpss_0123456789abcdef0123' };
const ORDER_ID = '3001';
const LINE = '866550311766439020';

/** What a refund delivery answers besides the state of its order now (which moves on as the sagas work). */
const recordedAs = (answer: any) => ({ status: answer.status, orderId: answer.orderId, refundId: answer.refundId });

describe('Shopify refunds through the running service: the refund saga applies them', () => {
  const dir = tempDir('shopify-refunds');
  let edge: OrderApp;
  let app: NestFastifyApplication;
  let base: string;
  let store: EventStore;

  const deliver = (raw: Buffer, topic: string, webhookId: string) => deliverShopifyWebhook(base, SHOP, topic, webhookId, raw);
  const refundBody = () => oneLineRefund(Number(ORDER_ID), { lineItemId: LINE });
  const step = (commandId: string, command: OrderCommand, orderId = ORDER_ID) =>
    app.get(CommandDispatcher).dispatch(orderAggregate, { commandId, streamId: `order-shopify-${orderId}`, command, metadata: { channel: 'shopify' } });
  const orderBody = (orderId: string) => Buffer.from(shopifyFixtureBytes('orders-create.json').toString('utf8').replace('820982911946154508', orderId));
  const head = async () => (await store.readAll({ direction: 'backwards', maxCount: 1 }))[0]?.globalPosition;
  /** Until both sagas handled everything in the log, including what the other one just wrote. */
  const sagasSettled = async () => {
    for (;;) {
      const before = await head();
      for (const saga of app.get(SagaHost).sagas.values()) await saga.settled();
      if ((await head()) === before) return;
    }
  };

  before(async () => {
    edge = await startOrderApp(dir.path, { sagas: true, env: { LOG_LEVEL: 'warn', SHOPIFY_SHOPS: shopifyShops(SHOP) } });
    ({ app, base, store } = edge);
  });
  after(async () => {
    await edge?.close();
    dir.remove();
  });

  it('one that arrives before its order is kept, waits for the order to be placed, paid and shipped, then is returned and refunded once, without the payment provider', async () => {
    const early = await deliver(refundBody(), 'refunds/create', 'wh-early-refund');
    assert.equal(early.status, 200);
    assert.deepEqual(recordedAs(await early.json()), { status: 'recorded', orderId: `shopify-${ORDER_ID}`, refundId: String(shopifyFixture('refund.json').refund.id) });
    await sagasSettled();
    assert.equal((await app.get(SagaHost).sagas.get('refund')?.view(`shopify-${ORDER_ID}`))?.state, 'awaiting-order');

    assert.equal(((await (await deliver(orderBody(ORDER_ID), 'orders/create', 'wh-order')).json()) as { status: string }).status, 'accepted');
    // Shopify authorizes and captures (its transactions); the fulfillment saga never captures a Shopify order.
    await step('auth-3001', { kind: 'AuthorizePayment', authorizationId: 'a1', amountMinor: 40300, currency: 'USD', at: '2026-11-27T10:00:00Z' });
    await step('capture-3001', { kind: 'CapturePayment', captureId: 'c1', amountMinor: 40300, currency: 'USD', at: '2026-11-27T10:00:01Z' });
    await sagasSettled();
    await step('ship-3001', {
      kind: 'ConfirmShipment',
      shipmentId: 's1',
      shippedAt: '2026-11-27T11:00:00Z',
      lines: [
        { lineId: LINE, quantity: 1 },
        { lineId: '141249953214522974', quantity: 1 },
      ],
    });
    await sagasSettled();
    // Shopify resends the refund under another delivery id once the order exists: the first path holds.
    await deliver(refundBody(), 'refunds/create', 'wh-early-refund-resend');
    await sagasSettled();

    const events = await store.readStream(`order-shopify-${ORDER_ID}`);
    const byRefundSaga = events.filter((e) => e.metadata.channel === 'saga:refund').map((e) => e.type);
    assert.deepEqual(byRefundSaga, ['ReturnRequested', 'ReturnReceived', 'RefundIssued']);
    const refunds = events.filter((e) => e.type === 'RefundIssued');
    assert.equal(refunds.length, 1);
    assert.deepEqual((refunds[0].data as { amountMinor: number; returnId: string }).amountMinor, 19900);
    assert.equal((await app.get(SagaHost).sagas.get('refund')?.view(`shopify-${ORDER_ID}`))?.state, 'refunded');
    assert.deepEqual(await app.get(SagaHost).sagas.get('refund')?.parked(), [], 'no provider was needed (PAYMENT_PROVIDER=none would have parked it)');
  });

  it('a later refund of that order, which the saga follows since its placement, is applied by the saga, and a resend under another delivery id is the same refund, not a refusal', async () => {
    const other = () => oneLineRefund(Number(ORDER_ID), { lineItemId: '141249953214522974', refundId: 5005 });
    const recorded = { status: 'recorded', orderId: `shopify-${ORDER_ID}`, refundId: '5005' };
    assert.deepEqual(recordedAs(await (await deliver(other(), 'refunds/create', 'wh-known-refund')).json()), recorded);
    assert.deepEqual(
      recordedAs(await (await deliver(other(), 'refunds/create', 'wh-known-refund-resend')).json()),
      recorded,
      'the same answer, nothing on the business-error queue',
    );
    await sagasSettled();

    const events = await store.readStream(`order-shopify-${ORDER_ID}`);
    const ofThisRefund = events.filter((e) => (e.data as { returnId?: string }).returnId === 'shopify-refund-5005');
    assert.deepEqual(
      ofThisRefund.map((e) => e.type),
      ['ReturnRequested', 'ReturnReceived', 'RefundIssued'],
    );
    assert.ok(ofThisRefund.every((e) => e.metadata.channel === 'saga:refund'));
  });

  it('a refund of an order placed, paid and shipped before it came is applied to the order exactly once, by the refund saga, however often and under whichever webhook id it is delivered', async () => {
    const orderId = '3002';
    assert.equal(((await (await deliver(orderBody(orderId), 'orders/create', 'wh-order-3002')).json()) as { status: string }).status, 'accepted');
    await step('auth-3002', { kind: 'AuthorizePayment', authorizationId: 'a1', amountMinor: 40300, currency: 'USD', at: '2026-11-27T10:00:00Z' }, orderId);
    await step('capture-3002', { kind: 'CapturePayment', captureId: 'c1', amountMinor: 40300, currency: 'USD', at: '2026-11-27T10:00:01Z' }, orderId);
    await sagasSettled();
    await step(
      'ship-3002',
      {
        kind: 'ConfirmShipment',
        shipmentId: 's1',
        shippedAt: '2026-11-27T11:00:00Z',
        lines: [
          { lineId: LINE, quantity: 1 },
          { lineId: '141249953214522974', quantity: 1 },
        ],
      },
      orderId,
    );
    await sagasSettled();
    assert.equal(await app.get(SagaHost).sagas.get('refund')?.view(`shopify-${orderId}`), undefined, 'the refund saga never followed this order');

    const refund = () => oneLineRefund(Number(orderId), { lineItemId: LINE, refundId: 6006 });
    const answers = await Promise.all([deliver(refund(), 'refunds/create', 'wh-refund-6006'), deliver(refund(), 'refunds/create', 'wh-refund-6006')]);
    answers.push(await deliver(refund(), 'refunds/create', 'wh-refund-6006-resend'));
    for (const answer of answers) assert.deepEqual(recordedAs(await answer.json()), { status: 'recorded', orderId: `shopify-${orderId}`, refundId: '6006' });
    await sagasSettled();

    const [fact, ...more] = await store.readStream(`channel-refund-${SHOP.domain}-6006`);
    assert.deepEqual(more, [], 'one fact');
    const events = await store.readStream(`order-shopify-${orderId}`);
    const ofThisRefund = events.filter((e) => (e.data as { returnId?: string }).returnId === 'shopify-refund-6006');
    assert.deepEqual(
      ofThisRefund.map((e) => e.type),
      ['ReturnRequested', 'ReturnReceived', 'RefundIssued'],
      'each once',
    );
    const [requested, received, refunded] = ofThisRefund;
    for (const event of ofThisRefund) assert.equal(event.metadata.channel, 'saga:refund', `${event.type} was recorded by the refund saga, not the webhook`);
    assert.equal(requested.metadata.causationId, fact.eventId, 'the return was caused by the recorded fact');
    assert.equal(received.metadata.causationId, fact.eventId);
    assert.equal(refunded.metadata.causationId, received.eventId, 'the refund by the receipt, as for any return');
    assert.equal((refunded.data as { amountMinor: number }).amountMinor, 19900);
    assert.equal((await app.get(SagaHost).sagas.get('refund')?.view(`shopify-${orderId}`))?.state, 'refunded');
    assert.deepEqual(await app.get(SagaHost).sagas.get('refund')?.parked(), []);
  });
});
