import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { StreamNotFoundError } from '../../src/event-store/event-store.errors';
import type { EventStore } from '../../src/event-store/event-store.port';
import { orderAggregate } from '../../src/order/order.aggregate';
import type { OrderCommand } from '../../src/order/order.commands';
import { CommandDispatcher } from '../../src/runtime/command-dispatcher';
import { shopifyFixture, shopifyFixtureBytes, shopifyJson } from '../support/shopify-fixtures';
import { tempDir } from '../support/temp-dir';
import { startTestApp, type TestApp } from '../support/test-app';
import { recordLegacyChannelRefund } from './channel-refund.fixtures';

const SHOP = 'ledgerbridge-test.myshopify.com';
const SECRET = 'shpss_0123456789abcdef0123';
const LINES = ['866550311766439020', '141249953214522974'];

/** The team's orders/create fixture (403.00, adds up) under another order id; `edit` changes the parsed payload. */
function orderBody(orderId: string, edit?: (payload: Record<string, any>) => void): Buffer {
  const payload = shopifyFixture('orders-create.json');
  payload.id = Number(orderId);
  edit?.(payload);
  return shopifyJson(payload);
}

describe('Shopify webhooks, end to end (sagas off: only what the webhooks write)', () => {
  const dir = tempDir('shopify');
  let edge: TestApp;
  let base: string;
  let store: EventStore;

  const deliver = (topic: string, raw: Buffer, webhookId: string, headers: Record<string, string> = {}) =>
    fetch(`${base}/channels/shopify/webhooks`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': topic,
        'x-shopify-shop-domain': SHOP,
        'x-shopify-webhook-id': webhookId,
        'x-shopify-hmac-sha256': createHmac('sha256', SECRET).update(raw).digest('base64'),
        ...headers,
      },
      body: raw,
    });
  const answer = async (topic: string, raw: Buffer, webhookId: string): Promise<Record<string, any>> => {
    const response = await deliver(topic, raw, webhookId);
    assert.equal(response.status, 200, `${topic} ${webhookId}: ${response.status} ${await response.clone().text()}`);
    return (await response.json()) as Record<string, any>;
  };
  const queue = async (query = ''): Promise<Array<Record<string, any>>> =>
    ((await (await fetch(`${base}/channels/business-errors${query}`)).json()) as { items: Array<Record<string, any>> }).items;
  const logLength = async () => (await store.readAll()).length;
  const types = async (streamId: string) => (await store.readStream(streamId)).map((e) => e.type);

  before(async () => {
    edge = await startTestApp({ dataDir: dir.path, env: { LOG_LEVEL: 'warn', SHOPIFY_SHOPS: JSON.stringify({ [SHOP]: { secret: SECRET, companyCode: 'US01' } }) } });
    ({ base, store } = edge);
  });
  after(async () => {
    await edge.close();
    dir.remove();
  });

  it('places the order, keeping the raw payload byte for byte as its lineage source, and answers where the order stands', async () => {
    const raw = orderBody('1001');
    const placed = await answer('orders/create', raw, 'wh-1001');
    assert.deepEqual(placed, {
      status: 'accepted',
      orderId: 'shopify-1001',
      order: { status: 'placed', revision: 0, totalMinor: 40300, authorizedMinor: 0, capturedMinor: 0, refundedMinor: 0, units: 2, shippedUnits: 0, returnedUnits: 0 },
    });
    const [event] = await store.readStream('order-shopify-1001');
    const data = event.data as { sourceRef: string; totals: { totalMinor: number }; capturedByChannel?: boolean };
    assert.equal(data.totals.totalMinor, 40300);
    assert.equal(data.capturedByChannel, true, 'Shopify captures; the fulfillment saga never does');
    assert.equal(data.sourceRef, 'channel-delivery-shopify-wh-1001');
    const [received] = await store.readStream(data.sourceRef);
    assert.equal((received.data as { rawBody: string }).rawBody, raw.toString('utf8'));
  });

  it('turns the same delivery sent twice at once into one order, and answers a resend under another id with the order as it stands', async () => {
    const raw = orderBody('1002');
    const answers = await Promise.all([answer('orders/create', raw, 'wh-1002'), answer('orders/create', raw, 'wh-1002')]);
    assert.deepEqual(answers[0], answers[1]);
    assert.deepEqual(await types('order-shopify-1002'), ['OrderPlaced']);
    assert.equal((await store.readStream('channel-delivery-shopify-wh-1002')).length, 1);
    const resend = await answer('orders/updated', raw, 'wh-1002-updated');
    assert.deepEqual(resend, answers[0], 'an orders/updated that changes nothing posted is only recorded');
    assert.deepEqual(await types('order-shopify-1002'), ['OrderPlaced']);
  });

  it('refuses a forged, missing or other-shop signature and writes nothing', async () => {
    const before = await logLength();
    const raw = orderBody('1003');
    const forged = await deliver('orders/create', raw, 'wh-1003', { 'x-shopify-hmac-sha256': createHmac('sha256', 'not-the-secret').update(raw).digest('base64') });
    assert.equal(forged.status, 401);
    assert.equal(((await forged.json()) as { error: { code: string } }).error.code, 'UNAUTHENTICATED');
    const tampered = await deliver('orders/create', raw, 'wh-1003', { 'x-shopify-hmac-sha256': createHmac('sha256', SECRET).update(orderBody('9999')).digest('base64') });
    assert.equal(tampered.status, 401);
    assert.equal((await deliver('orders/create', raw, 'wh-1003', { 'x-shopify-shop-domain': 'someone-else.myshopify.com' })).status, 401);
    assert.equal(await logLength(), before, 'nothing was appended');
  });

  it('puts a payload whose totals do not add up on the queue, naming every total with its stated and computed amount, and posts no order', async () => {
    const raw = orderBody('1004', (p) => {
      p.total_price_set.shop_money.amount = '413.00';
      p.subtotal_price_set.shop_money.amount = '398.00';
      p.discount_codes = [{ code: 'SPRING', amount: '5.00', type: 'fixed_amount' }];
    });
    const rejected = await answer('orders/create', raw, 'wh-1004');
    assert.deepEqual([rejected.status, rejected.reason, rejected.state], ['rejected', 'TOTALS_DO_NOT_ADD_UP', 'open']);
    await assert.rejects(store.readStream('order-shopify-1004'), StreamNotFoundError);
    assert.deepEqual(await answer('orders/create', raw, 'wh-1004'), rejected, 'a repeat is answered with its entry, not refused twice');
    const item = (await queue()).find((i) => i.deliveryId === 'wh-1004');
    assert.ok(item, 'the rejected delivery is on the queue');
    assert.equal(item.id, rejected.businessError);
    assert.deepEqual(item.details.differences, [
      { field: 'subtotal_price', computedMinor: 39300, statedMinor: 39800 },
      { field: 'discount_codes[0].amount', computedMinor: 0, statedMinor: 500 },
      { field: 'total_price', computedMinor: 40300, statedMinor: 41300 },
    ]);
    assert.equal(item.sourceRef, 'channel-delivery-shopify-wh-1004', 'the raw payload is kept for whoever fixes it');
  });

  it('answers 200 and queues, never 500, what a signed webhook carries that the ledger cannot take: 10,000 levels of nesting, a leap second, an offset of +25:00, not JSON', async () => {
    const hostile: Array<[string, Buffer, RegExp]> = [
      ['wh-deep', Buffer.from(`${'['.repeat(10_000)}${']'.repeat(10_000)}`), /^body: nested deeper than 64 levels/],
      ['wh-deep-object', Buffer.from(`{"id":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_001)}`), /^body: nested deeper than 64 levels/],
      ['wh-leap', orderBody('1006', (p) => (p.processed_at = '2026-11-27T23:59:60Z')), /^processed_at: must be an ISO 8601 timestamp/],
      ['wh-offset', orderBody('1007', (p) => (p.processed_at = '2026-11-27T09:30:00+25:00')), /^processed_at: must be an ISO 8601 timestamp/],
      ['wh-not-json', Buffer.from('{"id": 1008, '), /^not JSON/],
      ['wh-twice', Buffer.from('{"id": 1, "id": 2}'), /^not JSON: Duplicate key 'id'/],
    ];
    for (const [webhookId, raw, message] of hostile) {
      const rejected = await answer('orders/create', raw, webhookId);
      assert.deepEqual([rejected.status, rejected.reason], ['rejected', 'MALFORMED_PAYLOAD'], webhookId);
      assert.match(rejected.message, message, webhookId);
      assert.ok(
        (await queue()).some((i) => i.deliveryId === webhookId),
        `${webhookId} is on the queue`,
      );
    }
    for (const orderId of ['1006', '1007']) await assert.rejects(store.readStream(`order-shopify-${orderId}`), StreamNotFoundError);
  });

  describe('each topic as Shopify publishes it (2026-07 samples, ids beyond 2^53)', () => {
    it('the four order topics send one sample, which does not add up: queued, each total named', async () => {
      for (const topic of ['create', 'paid', 'updated', 'cancelled']) {
        const rejected = await answer(`orders/${topic}`, shopifyFixtureBytes(`webhook-orders-${topic}.json`), `wh-sample-orders-${topic}`);
        assert.deepEqual([rejected.status, rejected.reason], ['rejected', 'TOTALS_DO_NOT_ADD_UP'], topic);
        const item = (await queue()).find((i) => i.id === rejected.businessError)!;
        assert.deepEqual(
          item.details.differences.map((d: { field: string }) => d.field),
          ['subtotal_price', 'total_discounts', 'total_price'],
        );
      }
    });

    it('a transaction and a fulfillment are recorded as facts of their order, which is not known yet', async () => {
      const transaction = await answer('order_transactions/create', shopifyFixtureBytes('webhook-order_transactions-create.json'), 'wh-sample-transaction');
      assert.deepEqual(transaction, { status: 'recorded', orderId: 'shopify-820982911946154508', order: null, transactionId: '120560818172775265', applied: false });
      const fulfillment = await answer('fulfillments/create', shopifyFixtureBytes('webhook-fulfillments-create.json'), 'wh-sample-fulfillment');
      assert.deepEqual(fulfillment, { status: 'recorded', orderId: 'shopify-820982911946154508', order: null, fulfillmentId: '123456', applied: false });
      const updated = await answer('fulfillments/update', shopifyFixtureBytes('webhook-fulfillments-update.json'), 'wh-sample-fulfillment-update');
      assert.deepEqual(updated, fulfillment, 'the same fulfillment, the same status: nothing new');
      const facts = (await store.readStream(`channel-order-${SHOP.replace(/-/g, ':2D')}-820982911946154508`)).map((e) => [
        e.type,
        (e.data as { transactionId?: string; fulfillmentId?: string; status: string }).status,
      ]);
      assert.deepEqual(facts, [
        ['ChannelTransactionReported', 'success'],
        ['ChannelFulfillmentReported', 'pending'],
      ]);
    });

    it('the refund sample: its lines (subtotal as numbers, exactly) come to 414.95 against 85.00 refunded, queued naming both', async () => {
      const rejected = await answer('refunds/create', shopifyFixtureBytes('webhook-refunds-create.json'), 'wh-sample-refund');
      assert.deepEqual([rejected.status, rejected.reason], ['rejected', 'TOTALS_DO_NOT_ADD_UP']);
      assert.deepEqual((await queue()).find((i) => i.id === rejected.businessError)!.details, {
        differences: [{ field: 'transactions', computedMinor: 41495, statedMinor: 8500 }],
      });
    });

    it('answers a topic Ledgerbridge does not read as ignored, and keeps nothing', async () => {
      const before = await logLength();
      assert.deepEqual(await answer('products/update', Buffer.from('{}'), 'wh-product'), { status: 'ignored', topic: 'products/update' });
      assert.equal(await logLength(), before);
    });
  });

  it('answers a repeated delivery with the current state of what it carried', async () => {
    const transaction = shopifyFixture('life-order_transactions-authorization.json');
    transaction.order_id = 1010;
    transaction.amount = '403.00';
    const raw = shopifyJson(transaction);
    const first = await answer('order_transactions/create', raw, 'wh-1010-auth');
    assert.deepEqual([first.order, first.applied], [null, false], 'the order is not known yet: the fact waits');
    await answer('orders/create', orderBody('1010'), 'wh-1010');
    const again = await answer('order_transactions/create', raw, 'wh-1010-auth');
    assert.equal(again.order.status, 'placed', 'the same delivery, answered as things stand now');
    assert.equal(again.applied, false, 'with the sagas off nothing applies it');
    // With the order taking the authorization (as the channel-order saga would), the repeat says so.
    await edge.app.get(CommandDispatcher).dispatch(orderAggregate, {
      commandId: 'auth-1010',
      streamId: 'order-shopify-1010',
      metadata: {},
      command: { kind: 'AuthorizePayment', authorizationId: '120560818172775265', amountMinor: 40300, currency: 'USD', at: '2026-11-27T15:00:05Z' },
    });
    const applied = await answer('order_transactions/create', raw, 'wh-1010-auth');
    assert.deepEqual([applied.applied, applied.order.authorizedMinor], [true, 40300]);
  });

  it('keeps other bytes under a delivery id it has seen apart, and queues them: the first body stands', async () => {
    await answer('orders/create', orderBody('1011'), 'wh-1011');
    const other = await answer(
      'orders/create',
      orderBody('1011', (p) => (p.note = 'changed')),
      'wh-1011',
    );
    assert.deepEqual([other.status, other.reason], ['rejected', 'REFUSED_BY_RULES']);
    const item = (await queue()).find((i) => i.id === other.businessError)!;
    assert.equal(item.details.code, 'DELIVERY_ID_REUSED');
    assert.match(item.deliveryId, /^wh-1011~[0-9a-f]{16}$/);
    assert.deepEqual(await types('order-shopify-1011'), ['OrderPlaced']);
  });

  it('queues a later order body that changes what was placed, naming each difference, and rewrites nothing', async () => {
    await answer('orders/create', orderBody('1012'), 'wh-1012');
    const edited = orderBody('1012', (p) => {
      p.line_items[0].quantity = 2;
      p.total_line_items_price_set.shop_money.amount = '597.00';
      p.subtotal_price_set.shop_money.amount = '592.00';
      p.total_price_set.shop_money.amount = '602.00';
    });
    const taken = await answer('orders/updated', edited, 'wh-1012-edited');
    assert.equal(taken.status, 'accepted');
    assert.equal(taken.order.totalMinor, 40300, 'the order as placed');
    const item = (await queue()).find((i) => i.id === taken.businessError)!;
    assert.equal(item.reason, 'CHANNEL_ORDER_CHANGED');
    assert.deepEqual(item.details.differences, [{ field: `line_items[${LINES[0]}].quantity`, placed: 1, delivered: 2 }]);
    assert.deepEqual(await types('order-shopify-1012'), ['OrderPlaced']);
  });

  describe('the business-error queue: reprocess and dismiss, each recorded on the entry', () => {
    const post = async (path: string, body: unknown = {}) => {
      const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: response.status, body: (await response.json()) as Record<string, any> };
    };

    it('reprocesses an entry once the cause is fixed (a promotion’s usage given back): resolved, and the delivery answers so', async () => {
      const promotion = {
        promotionId: 'promo-once',
        code: 'ONCE',
        name: 'one order only',
        window: { from: '2022-01-01T00:00:00Z', to: '2030-01-01T00:00:00Z' },
        allSkus: true,
        benefit: { type: 'fixed', amount: { amountMinor: 500, currency: 'USD' } },
        allocation: 'across',
        funding: { source: 'vendor', vendorId: 'acme', fundedShare: '100%' },
        reducesTaxBase: true,
        accounting: {},
        usageLimit: 1,
        definedAt: '2022-01-01T00:00:00Z',
      };
      assert.equal((await post('/promotions', promotion)).status, 201);
      assert.equal((await post('/promotions/promo-once/activation', { at: '2022-01-01T00:00:00Z' })).status, 201);
      assert.equal((await post('/promotions/promo-once/publications', { channel: 'shopify', status: 'published', at: '2022-01-01T00:00:00Z' })).status, 201);
      const withCode = (orderId: string) =>
        orderBody(orderId, (p) => {
          p.discount_applications[0] = { ...p.discount_applications[0], type: 'discount_code', code: 'ONCE' };
          p.discount_codes = [{ code: 'ONCE', amount: '5.00', type: 'fixed_amount' }];
        });
      const first = await answer('orders/create', withCode('1020'), 'wh-1020');
      assert.equal(first.businessError, undefined);
      const [placed] = await store.readStream('order-shopify-1020');
      assert.deepEqual(
        (placed.data as { discounts: Array<{ promotionId: string; funding: unknown }> }).discounts.map((d) => [d.promotionId, d.funding]),
        [['promo-once', { vendorId: 'acme' }]],
      );

      const second = await answer('orders/create', withCode('1021'), 'wh-1021');
      assert.equal(second.status, 'accepted', 'the order stands: Shopify gave the discount');
      let entry = (await queue('?status=open')).find((i) => i.id === second.businessError)!;
      assert.deepEqual([entry.reason, entry.details.code], ['REFUSED_BY_RULES', 'PROMOTION_USAGE_LIMIT_REACHED']);

      const stillRefused = await post(`/channels/business-errors/${entry.id}/reprocessing`);
      assert.equal(stillRefused.status, 200);
      assert.deepEqual([stillRefused.body.outcome.status, stillRefused.body.entry.status, stillRefused.body.entry.reprocessed], ['rejected', 'open', 1]);

      assert.equal((await post('/promotions/promo-once/applications/shopify-1020/release', { at: '2022-01-02T00:00:00Z' })).status, 201);
      const resolved = await post(`/channels/business-errors/${entry.id}/reprocessing`);
      assert.deepEqual([resolved.body.outcome.status, resolved.body.entry.status, resolved.body.entry.reprocessed], ['resolved', 'resolved', 2]);
      const events = await store.readStream(entry.id);
      assert.deepEqual(
        events.map((e) => e.type),
        ['ChannelPayloadRejected', 'BusinessErrorReprocessed', 'BusinessErrorReprocessed'],
      );
      const repeated = await answer('orders/create', withCode('1021'), 'wh-1021');
      assert.deepEqual(
        [repeated.status, repeated.businessError, repeated.order.status],
        ['accepted', undefined, 'placed'],
        'the delivery, repeated, answers its order as it stands: nothing is left to do',
      );
      const again = await post(`/channels/business-errors/${entry.id}/reprocessing`);
      assert.deepEqual([again.status, again.body.error.code], [422, 'BUSINESS_ERROR_CLOSED']);
      entry = (await queue('?status=resolved')).find((i) => i.id === entry.id)!;
      assert.ok(entry);
    });

    it('dismisses an entry with the reason, as an event; a dismissed entry cannot be reprocessed; a bad request is 400, an unknown entry 404', async () => {
      const rejected = await answer(
        'orders/create',
        orderBody('1022', (p) => (p.total_price_set.shop_money.amount = '1.00')),
        'wh-1022',
      );
      assert.deepEqual((await post(`/channels/business-errors/${rejected.businessError}/dismissal`, { reason: ' ' })).status, 400);
      const dismissed = await post(`/channels/business-errors/${rejected.businessError}/dismissal`, { reason: 'a test order from the shop owner' });
      assert.equal(dismissed.status, 200);
      assert.deepEqual([dismissed.body.status, dismissed.body.dismissal.reason], ['dismissed', 'a test order from the shop owner']);
      assert.deepEqual(await types(rejected.businessError), ['ChannelPayloadRejected', 'BusinessErrorDismissed']);
      assert.equal((await post(`/channels/business-errors/${rejected.businessError}/reprocessing`)).body.error.code, 'BUSINESS_ERROR_CLOSED');
      assert.equal((await fetch(`${base}/channels/business-errors/business-error-shopify-nothing-here`)).status, 404);
      assert.ok(!(await queue('?status=open')).some((i) => i.id === rejected.businessError));
    });
  });

  it('lists the queue a page at a time: `limit` entries, `next` the `after` of the following page, the same entries as one long page; a bad limit is 400', async () => {
    for (const n of ['1040', '1041', '1042'])
      await answer(
        'orders/create',
        orderBody(n, (p) => (p.total_price_set.shop_money.amount = '1.00')),
        `wh-${n}`,
      );
    const all = await queue();
    assert.ok(all.length >= 3);
    const paged: Array<Record<string, any>> = [];
    let after: string | undefined;
    for (let pages = 0; ; pages++) {
      const response = await fetch(`${base}/channels/business-errors?limit=2${after ? `&after=${after}` : ''}`);
      const page = (await response.json()) as { items: Array<Record<string, any>>; next?: string };
      assert.ok(page.items.length <= 2);
      paged.push(...page.items);
      if (page.next === undefined) break;
      assert.equal(page.next, page.items[page.items.length - 1].position);
      after = page.next;
      assert.ok(pages < all.length);
    }
    assert.deepEqual(
      paged.map((i) => i.id),
      all.map((i) => i.id),
    );
    for (const bad of ['limit=0', 'limit=1001', 'limit=two', 'after=-1']) {
      const response = await fetch(`${base}/channels/business-errors?${bad}`);
      const body = (await response.json()) as { error: { fields: Array<{ path: string }> } };
      assert.equal(response.status, 400, bad);
      assert.equal(body.error.fields[0].path, bad.split('=')[0]);
    }
  });

  it('lists discounts that matched no promotion, by shop and code, with their orders, for finance to define', async () => {
    await answer(
      'orders/create',
      orderBody('1030', (p) => {
        p.discount_applications[0] = { ...p.discount_applications[0], type: 'discount_code', code: 'WINTER5' };
        p.discount_codes = [{ code: 'WINTER5', amount: '5.00', type: 'fixed_amount' }];
      }),
      'wh-1030',
    );
    const items = ((await (await fetch(`${base}/channels/shopify/unmatched-discounts`)).json()) as { items: Array<Record<string, any>> }).items;
    const winter = items.find((i) => i.label === 'WINTER5');
    assert.deepEqual(winter, {
      shop: SHOP,
      type: 'discount_code',
      label: 'WINTER5',
      orders: 1,
      amounts: [{ currency: 'USD', amountMinor: 500 }],
      firstPlacedAt: '2022-04-06T12:09:03.000Z',
      lastPlacedAt: '2022-04-06T12:09:03.000Z',
      orderIds: ['shopify-1030'],
      reason: 'no promotion has this code',
    });
    const [placed] = await store.readStream('order-shopify-1030');
    assert.deepEqual(
      (placed.data as { discounts: Array<{ promotionId: string; funding: unknown }> }).discounts.map((d) => [d.promotionId, d.funding]),
      [['shopify:WINTER5', 'retailer']],
    );
  });

  describe('refunds/create', () => {
    const refundFixture = () => shopifyFixture('refund.json').refund as Record<string, any>;
    const moneyOnly = (refundId: number, orderId: number, amount: string) => {
      const refund = refundFixture();
      refund.id = refundId;
      refund.order_id = orderId;
      refund.refund_line_items = [];
      // Shopify signs a shipping refund's adjustment negative (the Admin API's refund example: -5.00).
      refund.order_adjustments = [{ kind: 'shipping_refund', amount: `-${amount}`, tax_amount: '0.00' }];
      refund.transactions[0].amount = amount;
      return refund;
    };

    it('records a refund of a placed order as one fact, answered the same for every delivery; with the sagas off nothing is applied to the order', async () => {
      await answer('orders/create', orderBody('2001'), 'wh-2001');
      const commands = edge.app.get(CommandDispatcher);
      const step = (commandId: string, command: OrderCommand) => commands.dispatch(orderAggregate, { commandId, streamId: 'order-shopify-2001', command, metadata: {} });
      await step('auth-2001', { kind: 'AuthorizePayment', authorizationId: 'a1', amountMinor: 40300, currency: 'USD', at: '2026-11-27T10:00:00Z' });
      await step('capture-2001', { kind: 'CapturePayment', captureId: 'c1', amountMinor: 40300, currency: 'USD', at: '2026-11-27T10:01:00Z' });
      await step('ship-2001', { kind: 'ConfirmShipment', shipmentId: 's1', shippedAt: '2026-11-27T11:00:00Z', lines: LINES.map((lineId) => ({ lineId, quantity: 1 })) });
      const orderBefore = await types('order-shopify-2001');

      const refund = refundFixture();
      refund.order_id = 2001;
      refund.refund_line_items = [refund.refund_line_items[0]];
      refund.refund_line_items[0].line_item_id = LINES[0];
      refund.refund_line_items[0].line_item.tax_lines = [];
      refund.transactions[0].amount = '199.00';
      const raw = shopifyJson(refund);
      const answers = await Promise.all([answer('refunds/create', raw, 'wh-refund-2001'), answer('refunds/create', raw, 'wh-refund-2001')]);
      answers.push(await answer('refunds/create', raw, 'wh-refund-2001'), await answer('refunds/create', raw, 'wh-refund-2001-resent-from-admin'));
      for (const each of answers) assert.deepEqual([each.status, each.orderId, each.refundId, each.applied], ['recorded', 'shopify-2001', String(refund.id), false]);

      const facts = await store.readStream(`channel-refund-${SHOP}-${refund.id}`);
      assert.deepEqual(
        facts.map((e) => e.type),
        ['ChannelRefundReceived'],
        'one fact, however often and under whichever webhook id',
      );
      assert.equal(facts[0].metadata.sourceRef, 'channel-delivery-shopify-wh-refund-2001');
      assert.deepEqual(await types('order-shopify-2001'), orderBefore, 'the webhook applies nothing; the refund saga (off here) does');
    });

    it('keeps a refund for an order Ledgerbridge has not seen yet as a fact for the refund saga, not as an error', async () => {
      const refund = moneyOnly(7070, 424242, '10.00');
      const first = await answer('refunds/create', shopifyJson(refund), 'wh-refund-unknown');
      assert.deepEqual(first, { status: 'recorded', orderId: 'shopify-424242', order: null, refundId: '7070', applied: false });
      assert.equal(
        (await queue()).find((i) => i.deliveryId === 'wh-refund-unknown'),
        undefined,
        'nothing on the business-error queue',
      );
      await assert.rejects(store.readStream('order-shopify-424242'), StreamNotFoundError, 'nothing was written to an order');

      await answer('refunds/create', shopifyJson(refund), 'wh-refund-unknown-resend');
      const facts = await store.readStream(`channel-refund-${SHOP}-7070`);
      assert.equal(facts.length, 1);
      assert.deepEqual(facts[0].data, {
        channel: 'shopify',
        shop: SHOP,
        refundId: '7070',
        orderId: 'shopify-424242',
        returnId: 'shopify-refund-7070',
        lines: [],
        refundedMinor: 1000,
        currency: 'USD',
        at: new Date(refund.created_at).toISOString(),
        sourceRef: 'channel-delivery-shopify-wh-refund-unknown',
      });
    });

    it('refuses a resend of a recorded refund with other content onto the queue: the first record stands', async () => {
      assert.equal((await answer('refunds/create', shopifyJson(moneyOnly(7171, 717171, '10.00')), 'wh-7171')).status, 'recorded');
      const changed = await answer('refunds/create', shopifyJson(moneyOnly(7171, 717171, '12.00')), 'wh-7171-changed');
      assert.deepEqual([changed.status, changed.reason], ['rejected', 'REFUSED_BY_RULES']);
      assert.deepEqual((await queue()).find((i) => i.id === changed.businessError)?.details, {
        code: 'CHANNEL_REFUND_CONFLICT',
        refundId: '7171',
        differences: [{ field: 'refundedMinor', recorded: 1000, delivered: 1200 }],
      });
      assert.deepEqual(
        (await store.readStream(`channel-refund-${SHOP}-7171`)).map((e) => (e.data as { refundedMinor: number }).refundedMinor),
        [1000],
      );
    });

    it('a refund the previous version recorded (no command id, appliedAtEdge) is answered recorded on redelivery, and nothing is written again', async () => {
      const refund = moneyOnly(7272, 727272, '10.00');
      await recordLegacyChannelRefund(store, {
        channel: 'shopify',
        shop: SHOP,
        refundId: '7272',
        orderId: 'shopify-727272',
        returnId: 'shopify-refund-7272',
        lines: [],
        refundedMinor: 1000,
        currency: 'USD',
        at: new Date(refund.created_at).toISOString(),
        sourceRef: 'channel-delivery-shopify-wh-7272',
        appliedAtEdge: true,
      });
      assert.equal((await answer('refunds/create', shopifyJson(refund), 'wh-7272-again')).status, 'recorded');
      assert.equal((await store.readStream(`channel-refund-${SHOP}-7272`)).length, 1);
      const changed = await answer('refunds/create', shopifyJson(moneyOnly(7272, 727272, '11.00')), 'wh-7272-changed');
      assert.deepEqual([changed.status, changed.reason], ['rejected', 'REFUSED_BY_RULES'], 'its first record stands too');
    });
  });
});
