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

describe('a Shopify refund that arrives before its order, through the running service', () => {
  const dir = tempDir('refund-before-sale');
  let edge: OrderApp;
  let app: NestFastifyApplication;
  let base: string;
  let store: EventStore;

  const deliver = (raw: Buffer, topic: string, webhookId: string) => deliverShopifyWebhook(base, SHOP, topic, webhookId, raw);
  const refundBody = () => oneLineRefund(Number(ORDER_ID), { lineItemId: LINE });
  const step = (commandId: string, command: OrderCommand) =>
    app.get(CommandDispatcher).dispatch(orderAggregate, { commandId, streamId: `order-shopify-${ORDER_ID}`, command, metadata: { channel: 'shopify' } });
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

  it('is kept, waits for the order to be placed, paid and shipped, then is returned and refunded once, without the payment provider', async () => {
    const early = await deliver(refundBody(), 'refunds/create', 'wh-early-refund');
    assert.equal(early.status, 200);
    assert.deepEqual(await early.json(), { status: 'awaiting-order', orderId: `shopify-${ORDER_ID}`, refundId: String(shopifyFixture('refund.json').refund.id) });
    await sagasSettled();
    assert.equal(app.get(SagaHost).sagas.get('refund')?.view(`shopify-${ORDER_ID}`)?.state, 'awaiting-order');

    const order = shopifyFixtureBytes('orders-create.json').toString('utf8').replace('820982911946154508', ORDER_ID);
    assert.equal(((await (await deliver(Buffer.from(order), 'orders/create', 'wh-order')).json()) as { status: string }).status, 'accepted');
    await step('auth-3001', { kind: 'AuthorizePayment', authorizationId: 'a1', amountMinor: 40300, currency: 'USD', at: '2026-11-27T10:00:00Z' });
    await sagasSettled();
    await step('ship-3001', {
      kind: 'ConfirmShipment', shipmentId: 's1', shippedAt: '2026-11-27T11:00:00Z',
      lines: [{ lineId: LINE, quantity: 1 }, { lineId: '141249953214522974', quantity: 1 }],
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
    assert.equal(app.get(SagaHost).sagas.get('refund')?.view(`shopify-${ORDER_ID}`)?.state, 'refunded');
    assert.deepEqual(app.get(SagaHost).sagas.get('refund')?.parked(), [], 'no provider was needed (PAYMENT_PROVIDER=none would have parked it)');
  });

  it('a refund of the now known order is applied at the edge, and a resend under another delivery id is the same refund, not a refusal', async () => {
    const other = () => oneLineRefund(Number(ORDER_ID), { lineItemId: '141249953214522974', refundId: 5005 });
    const first = (await (await deliver(other(), 'refunds/create', 'wh-known-refund')).json()) as { status: string; duplicate: boolean };
    assert.deepEqual([first.status, first.duplicate], ['accepted', false]);
    const resent = (await (await deliver(other(), 'refunds/create', 'wh-known-refund-resend')).json()) as { status: string; duplicate: boolean };
    assert.deepEqual([resent.status, resent.duplicate], ['accepted', true], 'answered with the first outcome, nothing on the business-error queue');
    await sagasSettled();

    const events = await store.readStream(`order-shopify-${ORDER_ID}`);
    const ofThisRefund = events.filter((e) => (e.data as { returnId?: string }).returnId === 'shopify-refund-5005').map((e) => e.type);
    assert.deepEqual(ofThisRefund, ['ReturnRequested', 'ReturnReceived', 'RefundIssued']);
  });
});
