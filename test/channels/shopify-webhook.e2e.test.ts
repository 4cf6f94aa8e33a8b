import assert from 'node:assert/strict';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { parseChannelPayload } from '../../src/channels/channel-payload';
import type { EventStore } from '../../src/event-store/event-store.port';
import { orderAggregate } from '../../src/order/order.aggregate';
import type { OrderCommand } from '../../src/order/order.commands';
import { CommandDispatcher } from '../../src/runtime/command-dispatcher';
import { tempDir } from '../support/temp-dir';
import { shopifyFixture, shopifyFixtureBytes } from '../support/shopify-fixtures';
import { startTestApp } from '../support/test-app';
import { StreamNotFoundError } from '../../src/event-store/event-store.errors';
import { recordLegacyChannelRefund } from './channel-refund.fixtures';

const fixtureText = shopifyFixtureBytes('orders-create.json').toString('utf8');
const SHOP = 'ledgerbridge-test.myshopify.com';
const SECRET = 'shpss_0123456789abcdef0123';

/** The fixture with its order id replaced, as raw bytes; `edit` changes the parsed payload (big ids become strings). */
function body(orderId: string, edit?: (payload: Record<string, any>) => void): Buffer {
  const text = fixtureText.replace('820982911946154508', orderId);
  if (!edit) return Buffer.from(text);
  const payload = parseChannelPayload(text) as Record<string, any>;
  edit(payload);
  return Buffer.from(JSON.stringify(payload));
}

describe('Shopify webhooks, end to end', () => {
  const dir = tempDir('shopify');
  let app: NestFastifyApplication;
  let base: string;
  let store: EventStore;

  const deliver = (raw: Buffer, webhookId: string, headers: Record<string, string> = {}) =>
    fetch(`${base}/channels/shopify/webhooks`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': 'orders/create',
        'x-shopify-shop-domain': SHOP,
        'x-shopify-webhook-id': webhookId,
        'x-shopify-hmac-sha256': createHmac('sha256', SECRET).update(raw).digest('base64'),
        ...headers,
      },
      body: raw,
    });
  const logLength = async () => (await store.readAll()).length;

  before(async () => {
    // Sagas stay off (the default here): the fulfillment saga would add its commands to the order streams.
    ({ app, base, store } = await startTestApp({
      dataDir: dir.path,
      env: { LOG_LEVEL: 'warn', SHOPIFY_SHOPS: JSON.stringify({ [SHOP]: { secret: SECRET, companyCode: 'US01' } }) },
    }));
  });
  after(async () => {
    await app.close();
    dir.remove();
  });

  it('places the order, keeping the raw payload byte for byte as its lineage source', async () => {
    const raw = body('1001');
    const response = await deliver(raw, 'wh-1001');
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'accepted', orderId: 'shopify-1001', revision: 0, duplicate: false });
    const [placed] = await store.readStream('order-shopify-1001');
    const data = placed.data as { sourceRef: string; totals: { totalMinor: number } };
    assert.equal(data.totals.totalMinor, 40300);
    assert.equal(data.sourceRef, 'channel-delivery-shopify-wh-1001');
    const [received] = await store.readStream(data.sourceRef);
    assert.equal((received.data as { rawBody: string }).rawBody, raw.toString('utf8'));
  });

  it('turns the same delivery sent twice at once into one order', async () => {
    const raw = body('1002');
    const answers = await Promise.all([deliver(raw, 'wh-1002'), deliver(raw, 'wh-1002')]);
    assert.deepEqual(answers.map((a) => a.status), [200, 200]);
    const orders = await store.readStream('order-shopify-1002');
    assert.deepEqual(orders.map((e) => e.type), ['OrderPlaced']);
    assert.equal((await store.readStream('channel-delivery-shopify-wh-1002')).length, 1);
    const resend = await deliver(raw, 'wh-1002-resent-from-admin');
    assert.deepEqual(await resend.json(), { status: 'duplicate', orderId: 'shopify-1002' });
    assert.equal((await store.readStream('order-shopify-1002')).length, 1);
  });

  it('refuses a forged, missing or other-shop signature and writes nothing', async () => {
    const before = await logLength();
    const raw = body('1003');
    const forged = await deliver(raw, 'wh-1003', { 'x-shopify-hmac-sha256': createHmac('sha256', 'not-the-secret').update(raw).digest('base64') });
    assert.equal(forged.status, 401);
    assert.equal(((await forged.json()) as { error: { code: string } }).error.code, 'UNAUTHENTICATED');
    const tampered = await deliver(raw, 'wh-1003', { 'x-shopify-hmac-sha256': createHmac('sha256', SECRET).update(body('9999')).digest('base64') });
    assert.equal(tampered.status, 401);
    const unsigned = await fetch(`${base}/channels/shopify/webhooks`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-shopify-topic': 'orders/create', 'x-shopify-shop-domain': SHOP, 'x-shopify-webhook-id': 'wh-1003' }, body: raw,
    });
    assert.equal(unsigned.status, 401);
    assert.equal((await deliver(raw, 'wh-1003', { 'x-shopify-shop-domain': 'someone-else.myshopify.com' })).status, 401);
    assert.equal(await logLength(), before, 'nothing was appended');
  });

  it('puts a payload whose totals do not add up on the business-error queue, with the differences, and posts no order', async () => {
    const raw = body('1004', (p) => (p.total_price_set.shop_money.amount = '413.00'));
    const response = await deliver(raw, 'wh-1004');
    assert.equal(response.status, 200);
    const answer = (await response.json()) as { status: string; reason: string; businessError: string };
    assert.equal(answer.status, 'rejected');
    assert.equal(answer.reason, 'TOTALS_DO_NOT_ADD_UP');
    await assert.rejects(store.readStream('order-shopify-1004'), StreamNotFoundError);

    const queue = (await (await fetch(`${base}/channels/business-errors`)).json()) as {
      items: Array<{ id: string; deliveryId: string; details: { differences: unknown[] }; sourceRef: string }>;
    };
    const item = queue.items.find((i) => i.deliveryId === 'wh-1004');
    assert.ok(item, 'the rejected delivery is on the queue');
    assert.equal(item.id, answer.businessError);
    assert.deepEqual(item.details.differences, [{ field: 'total_price', computedMinor: 40300, statedMinor: 41300 }]);
    assert.equal(item.sourceRef, 'channel-delivery-shopify-wh-1004', 'the raw payload is kept for whoever fixes it');
  });

  it('rejects a malformed payload with the field that is wrong', async () => {
    const raw = body('1005', (p) => (p.line_items[0].quantity = -1));
    const answer = (await (await deliver(raw, 'wh-1005')).json()) as { status: string; reason: string; message: string };
    assert.equal(answer.status, 'rejected');
    assert.equal(answer.reason, 'MALFORMED_PAYLOAD');
    assert.match(answer.message, /^line_items\[0\]\.quantity: must be a positive integer/);
  });

  describe('refunds/create', () => {
    const refundFixture = () => shopifyFixture('refund.json').refund as Record<string, any>;
    const deliverRefund = (refund: Record<string, any>, webhookId: string) =>
      deliver(Buffer.from(JSON.stringify(refund)), webhookId, { 'x-shopify-topic': 'refunds/create' });

    it('puts the published refund sample on the queue: its transaction does not cover its lines and tax', async () => {
      const answer = (await (await deliverRefund(refundFixture(), 'wh-refund-sample')).json()) as { status: string; reason: string };
      assert.deepEqual([answer.status, answer.reason], ['rejected', 'TOTALS_DO_NOT_ADD_UP']);
      const queue = (await (await fetch(`${base}/channels/business-errors`)).json()) as { items: Array<{ deliveryId: string; details: unknown }> };
      assert.deepEqual(queue.items.find((i) => i.deliveryId === 'wh-refund-sample')?.details, {
        differences: [{ field: 'transactions', computedMinor: 40596, statedMinor: 20900 }],
      });
    });

    it('records a refund of a placed order as one fact, answered the same for every delivery; with the sagas off nothing is applied to the order', async () => {
      await deliver(body('2001'), 'wh-2001');
      const commands = app.get(CommandDispatcher);
      const step = (commandId: string, command: OrderCommand) =>
        commands.dispatch(orderAggregate, { commandId, streamId: 'order-shopify-2001', command, metadata: {} });
      await step('auth-2001', { kind: 'AuthorizePayment', authorizationId: 'a1', amountMinor: 40300, currency: 'USD', at: '2026-11-27T10:00:00Z' });
      await step('capture-2001', { kind: 'CapturePayment', captureId: 'c1', amountMinor: 40300, currency: 'USD', at: '2026-11-27T10:01:00Z' });
      await step('ship-2001', {
        kind: 'ConfirmShipment', shipmentId: 's1', shippedAt: '2026-11-27T11:00:00Z',
        lines: [{ lineId: '866550311766439020', quantity: 1 }, { lineId: '141249953214522974', quantity: 1 }],
      });
      const orderBefore = (await store.readStream('order-shopify-2001')).map((e) => e.type);

      const refund = refundFixture();
      refund.order_id = 2001;
      refund.refund_line_items = [refund.refund_line_items[0]];
      refund.refund_line_items[0].line_item_id = '866550311766439020';
      refund.refund_line_items[0].line_item.tax_lines = [];
      refund.transactions[0].amount = '199.00';
      const answers = await Promise.all([deliverRefund(refund, 'wh-refund-2001'), deliverRefund(refund, 'wh-refund-2001')]);
      answers.push(await deliverRefund(refund, 'wh-refund-2001'), await deliverRefund(refund, 'wh-refund-2001-resent-from-admin'));
      const recorded = { status: 'recorded', orderId: 'shopify-2001', refundId: String(refund.id) };
      for (const answer of answers) assert.deepEqual(await answer.json(), recorded);

      const facts = await store.readStream(`channel-refund-${SHOP}-${refund.id}`);
      assert.deepEqual(facts.map((e) => e.type), ['ChannelRefundReceived'], 'one fact, however often and under whichever webhook id');
      assert.equal(facts[0].metadata.sourceRef, 'channel-delivery-shopify-wh-refund-2001');
      assert.equal(typeof facts[0].metadata.commandId, 'string', 'recorded through the command path');
      assert.deepEqual((await store.readStream('order-shopify-2001')).map((e) => e.type), orderBefore, 'the webhook applies nothing; the refund saga (off here) does');
    });

    it('keeps a refund for an order Ledgerbridge has not seen yet as a fact for the refund saga, not as an error', async () => {
      const refund = refundFixture();
      refund.id = 7070;
      refund.order_id = 424242;
      refund.refund_line_items = [];
      refund.order_adjustments = [{ kind: 'shipping_refund', amount: '10.00', tax_amount: '0.00' }];
      refund.transactions[0].amount = '10.00';
      const answer = (await (await deliverRefund(refund, 'wh-refund-unknown')).json()) as { status: string; orderId: string; refundId: string };
      assert.deepEqual(answer, { status: 'recorded', orderId: 'shopify-424242', refundId: '7070' });
      const queue = (await (await fetch(`${base}/channels/business-errors`)).json()) as { items: Array<{ deliveryId: string }> };
      assert.equal(queue.items.find((i) => i.deliveryId === 'wh-refund-unknown'), undefined, 'nothing on the business-error queue');
      await assert.rejects(store.readStream('order-shopify-424242'), StreamNotFoundError, 'nothing was written to an order');

      // Shopify resends it under a new delivery id: still one fact, the first record.
      await deliverRefund(refund, 'wh-refund-unknown-resend');
      const facts = await store.readStream(`channel-refund-${SHOP}-7070`);
      assert.equal(facts.length, 1);
      assert.deepEqual(
        { ...(facts[0].data as Record<string, unknown>) },
        {
          channel: 'shopify',
          shop: SHOP,
          refundId: '7070',
          orderId: 'shopify-424242',
          returnId: 'shopify-refund-7070',
          lines: [],
          refundedMinor: 1000,
          currency: refund.transactions[0].currency,
          at: new Date(refund.created_at).toISOString(),
          sourceRef: 'channel-delivery-shopify-wh-refund-unknown',
        },
      );

      // The order arrives, then Shopify resends the refund: still only recorded, the edge applies nothing.
      await deliver(body('424242'), 'wh-424242');
      const resent = (await (await deliverRefund(refund, 'wh-refund-unknown-after-order')).json()) as { status: string };
      assert.equal(resent.status, 'recorded');
      const orderTypes = (await store.readStream('order-shopify-424242')).map((e) => e.type);
      assert.deepEqual(orderTypes, ['OrderPlaced'], 'the edge applied nothing to the order');
      assert.equal((await store.readStream(`channel-refund-${SHOP}-7070`)).length, 1);
    });

    it('refuses a resend of a recorded refund with other content onto the queue: the first record stands', async () => {
      const refund = refundFixture();
      refund.id = 7171;
      refund.order_id = 717171;
      refund.refund_line_items = [];
      refund.order_adjustments = [{ kind: 'shipping_refund', amount: '10.00', tax_amount: '0.00' }];
      refund.transactions[0].amount = '10.00';
      assert.equal(((await (await deliverRefund(refund, 'wh-7171')).json()) as { status: string }).status, 'recorded');
      refund.order_adjustments[0].amount = '12.00';
      refund.transactions[0].amount = '12.00';

      const answer = (await (await deliverRefund(refund, 'wh-7171-changed')).json()) as { status: string; reason: string; businessError: string };
      assert.deepEqual([answer.status, answer.reason], ['rejected', 'REFUSED_BY_RULES']);
      const queue = (await (await fetch(`${base}/channels/business-errors`)).json()) as { items: Array<{ id: string; details: Record<string, unknown> }> };
      assert.deepEqual(queue.items.find((i) => i.id === answer.businessError)?.details, {
        code: 'CHANNEL_REFUND_CONFLICT',
        refundId: '7171',
        differences: [{ field: 'refundedMinor', recorded: 1000, delivered: 1200 }],
      });
      const facts = await store.readStream(`channel-refund-${SHOP}-7171`);
      assert.deepEqual(facts.map((e) => (e.data as { refundedMinor: number }).refundedMinor), [1000]);
    });

    it('a refund the previous version recorded (no command id, appliedAtEdge) is answered recorded on redelivery, and nothing is written again', async () => {
      const refund = refundFixture();
      refund.id = 7272;
      refund.order_id = 727272;
      refund.refund_line_items = [];
      refund.order_adjustments = [{ kind: 'shipping_refund', amount: '10.00', tax_amount: '0.00' }];
      refund.transactions[0].amount = '10.00';
      await recordLegacyChannelRefund(store, {
        channel: 'shopify', shop: SHOP, refundId: '7272', orderId: 'shopify-727272', returnId: 'shopify-refund-7272', lines: [], refundedMinor: 1000,
        currency: refund.transactions[0].currency, at: new Date(refund.created_at).toISOString(), sourceRef: 'channel-delivery-shopify-wh-7272', appliedAtEdge: true,
      });
      const answer = await (await deliverRefund(refund, 'wh-7272-again')).json();
      assert.deepEqual(answer, { status: 'recorded', orderId: 'shopify-727272', refundId: '7272' });
      assert.equal((await store.readStream(`channel-refund-${SHOP}-7272`)).length, 1);

      refund.transactions[0].amount = '11.00';
      refund.order_adjustments[0].amount = '11.00';
      const changed = (await (await deliverRefund(refund, 'wh-7272-changed')).json()) as { status: string; reason: string };
      assert.deepEqual([changed.status, changed.reason], ['rejected', 'REFUSED_BY_RULES'], 'its first record stands too');
    });
  });
});
