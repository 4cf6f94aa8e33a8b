import assert from 'node:assert/strict';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ProjectionHost } from '../../projections/host/projection-host';
import { SagaHost } from '../../sagas/host/saga-host';
import { call } from '../support/edge-app';
import { GRPC_SERVICES } from '../support/grpc-client';
import { parseChannelPayload } from '../../src/channels/channel-payload';
import { shopifyFixtureBytes, shopifyJson } from '../support/shopify-fixtures';
import { tempDir } from '../support/temp-dir';
import { GENEROUS_RATE_LIMIT, startTestApp, type TestApp } from '../support/test-app';
import { TEST_CALLERS, TEST_KEYS as KEYS } from '../support/test-keys';
import { sagaRecords } from '../support/saga-records';

const SHOP = 'ledgerbridge-life.myshopify.com';
const SECRET = 'shpss_life0123456789abcdef';
const TOPICS = {
  create: ['orders/create', 'life-orders-create.json'],
  authorization: ['order_transactions/create', 'life-order_transactions-authorization.json'],
  fulfillment: ['fulfillments/create', 'life-fulfillments-create.json'],
  capture: ['order_transactions/create', 'life-order_transactions-capture.json'],
  paid: ['orders/paid', 'life-orders-paid.json'],
  refund: ['refunds/create', 'life-refunds-create.json'],
} as const;
type Step = keyof typeof TOPICS;

/**
 * The derived whole-life bodies (they add up; see the fixtures README) for order number `n`:
 * every Shopify id of the order made its own, as text, so every other digit stays as written.
 */
function life(n: number): Record<Step, Buffer> & { orderId: string; ids: { refund: string; authorization: string; capture: string; fulfillment: string } } {
  const two = String(n).padStart(2, '0');
  const ids = {
    order: `82098291194615${two}08`,
    refund: `89008818604789${two}19`,
    authorization: `12056081817277${two}65`,
    capture: `12056081817277${two}66`,
    fulfillment: `1234${two}`,
  };
  const rewrite = (name: string) =>
    Buffer.from(
      shopifyFixtureBytes(name)
        .toString('utf8')
        .replaceAll('820982911946154508', ids.order)
        .replaceAll('890088186047892319', ids.refund)
        .replaceAll('120560818172775265', ids.authorization)
        .replaceAll('120560818172775266', ids.capture)
        .replace('"id": 123456,', `"id": ${ids.fulfillment},`)
        .replace('Fulfillment/123456"', `Fulfillment/${ids.fulfillment}"`),
    );
  const bodies = Object.fromEntries(Object.entries(TOPICS).map(([step, [, name]]) => [step, rewrite(name)])) as Record<Step, Buffer>;
  return { ...bodies, orderId: `shopify-${ids.order}`, ids };
}

/**
 * The order as the Admin API returns it once its life is over (`GET /orders/{id}.json`, with its
 * fulfillment and refund) and its transactions (`GET /orders/{id}/transactions.json`), as text.
 */
function adminApi(order: ReturnType<typeof life>): { order: string; transactions: string } {
  const refund = order.refund.toString('utf8');
  const refundTransaction = shopifyJson((parseChannelPayload(refund) as { transactions: unknown[] }).transactions[0]).toString('utf8');
  const body = order.paid
    .toString('utf8')
    .replace('"fulfillments": [],', `"fulfillments": [${order.fulfillment.toString('utf8')}],`)
    .replace('"refunds": [],', `"refunds": [${refund}],`);
  return {
    order: `{"order": ${body}}`,
    transactions: `{"transactions": [${order.authorization.toString('utf8')}, ${order.capture.toString('utf8')}, ${refundTransaction}]}`,
  };
}

/** The journal as roles and amounts, in the order history produced it. */
const summary = (lines: any[]) => lines.map((l) => `${l.eventType} ${l.role} ${l.side} ${l.amountMinor}`);

/** Create -> authorized -> shipped -> captured -> paid -> the discounted line (159.99 less VEND10's 10.00, 9.00 tax) refunded. */
const WHOLE_LIFE_JOURNAL = [
  'ShipmentConfirmed liability.customer-deposits debit 43925',
  'ShipmentConfirmed discount.vendor debit 1000',
  'ShipmentConfirmed revenue.merchandise credit 41495',
  'ShipmentConfirmed revenue.shipping credit 1000',
  'ShipmentConfirmed tax.payable credit 2430',
  'ShipmentConfirmed receivable.vendor-promo debit 1000',
  'ShipmentConfirmed cogs.vendor-funding credit 1000',
  'PaymentCaptured psp.clearing debit 43925',
  'PaymentCaptured liability.customer-deposits credit 43925',
  'ReturnReceived revenue.returns debit 15999',
  'ReturnReceived tax.payable debit 900',
  'ReturnReceived discount.vendor credit 1000',
  'ReturnReceived liability.refunds-payable credit 15899',
  'ReturnReceived cogs.vendor-funding debit 1000',
  'ReturnReceived receivable.vendor-promo credit 1000',
  'RefundIssued liability.refunds-payable debit 15899',
  'RefundIssued psp.clearing credit 15899',
];

describe('a Shopify order known only from its webhooks, the sagas on', () => {
  const dir = tempDir('shopify-life');
  let edge: TestApp<'shopify'>;

  const deliver = async (order: ReturnType<typeof life>, step: Step, webhookId: string): Promise<Record<string, any>> => {
    const raw = order[step];
    const response = await fetch(`${edge.base}/channels/shopify/webhooks`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': TOPICS[step][0],
        'x-shopify-shop-domain': SHOP,
        'x-shopify-webhook-id': webhookId,
        'x-shopify-hmac-sha256': createHmac('sha256', SECRET).update(raw).digest('base64'),
      },
      body: raw,
    });
    assert.equal(response.status, 200, await response.clone().text());
    return (await response.json()) as Record<string, any>;
  };
  const head = async () => (await edge.store.readAll({ direction: 'backwards', maxCount: 1 }))[0]?.globalPosition ?? 0n;
  /** Until every saga handled everything in the log (what the others just wrote included), and the journal projected it. */
  const settled = async () => {
    for (;;) {
      const before = await head();
      for (const saga of edge.app.get(SagaHost).sagas.values()) await saga.settled();
      if ((await head()) === before) break;
    }
    // The journal follows order streams (and others), not the sagas' own: wait for the last order event.
    const [lastOrderEvent] = await edge.store.readAll({ direction: 'backwards', maxCount: 1, filter: { on: 'streamName', prefixes: ['order-'] } });
    await edge.app.get(ProjectionHost).waitFor('journal', lastOrderEvent.globalPosition);
  };
  const journal = async (orderId: string) => {
    const answer = await call(edge.base, 'GET', `/audit/orders/${orderId}/lines`, { key: KEYS.audit });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return summary(answer.body.lines);
  };
  const orderTypes = async (orderId: string) => (await edge.store.readStream(`order-${orderId}`)).map((e) => e.type);
  const sagaState = async (saga: string, orderId: string) => (await edge.app.get(SagaHost).sagas.get(saga)?.view(orderId))?.state;
  const post = async (path: string, body: unknown) => {
    const answer = await call(edge.base, 'POST', path, { key: KEYS.promotions, body });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
  };

  before(async () => {
    edge = await startTestApp<'shopify'>({
      dataDir: dir.path,
      keys: TEST_CALLERS,
      grpc: { shopify: GRPC_SERVICES.shopify },
      env: {
        ...GENEROUS_RATE_LIMIT,
        LOG_LEVEL: 'warn',
        SAGAS_ENABLED: 'true',
        SAGA_TIMER_CHECK_INTERVAL: '100ms',
        // Far shorter than the life of the order: a Shopify order must never be timed out for its payment.
        FULFILLMENT_PAYMENT_TIMEOUT: '1s',
        SHOPIFY_SHOPS: JSON.stringify({ [SHOP]: { secret: SECRET, companyCode: 'US01' } }),
      },
    });
    // VEND10: 10.00 off, funded by the vendor Acme, for Shopify, during the life of the order.
    await post('/promotions', {
      promotionId: 'promo-vend10',
      code: 'VEND10',
      name: '10.00 off, Acme pays',
      window: { from: '2026-11-01T00:00:00Z', to: '2026-12-31T00:00:00Z' },
      allSkus: true,
      benefit: { type: 'fixed', amount: { amountMinor: 1000, currency: 'USD' } },
      allocation: 'once',
      funding: { source: 'vendor', vendorId: 'acme', fundedShare: '100%' },
      reducesTaxBase: true,
      accounting: { costCenter: 'MKT-ACME' },
      definedAt: '2026-11-01T00:00:00Z',
    });
    await post('/promotions/promo-vend10/activation', { at: '2026-11-01T00:00:00Z' });
    await post('/promotions/promo-vend10/publications', { channel: 'shopify', status: 'published', at: '2026-11-01T00:00:00Z' });
  });
  after(async () => {
    await edge?.close();
    dir.remove();
  });

  it('create -> authorized -> fulfilled -> captured -> paid -> refund of the discounted line: the journal to the cent, the vendor claimed, never cancelled', async () => {
    const order = life(1);
    assert.equal((await deliver(order, 'create', 'wh-life-create')).status, 'accepted');
    await deliver(order, 'authorization', 'wh-life-authorization');
    // Past FULFILLMENT_PAYMENT_TIMEOUT before Shopify captures (at fulfillment, as shops with manual capture do).
    await new Promise((done) => setTimeout(done, 1_500));
    await deliver(order, 'fulfillment', 'wh-life-fulfillment');
    await deliver(order, 'capture', 'wh-life-capture');
    await deliver(order, 'paid', 'wh-life-paid');
    await deliver(order, 'refund', 'wh-life-refund');
    await settled();

    assert.deepEqual(await journal(order.orderId), WHOLE_LIFE_JOURNAL);
    const types = await orderTypes(order.orderId);
    assert.ok(!types.includes('OrderCancelled'), `never cancelled: ${types.join(', ')}`);
    const stream = await edge.store.readStream(`order-${order.orderId}`);
    const payments = stream
      .filter((e) => e.type === 'PaymentAuthorized' || e.type === 'PaymentCaptured')
      .map((e) => [e.type, (e.data as any).authorizationId ?? (e.data as any).captureId, (e.data as any).at]);
    assert.deepEqual(
      payments,
      [
        ['PaymentAuthorized', order.ids.authorization, '2026-11-27T15:00:05.000Z'],
        ['PaymentCaptured', order.ids.capture, '2026-11-28T14:00:10.000Z'],
      ],
      "Shopify's own transaction ids and times",
    );
    const fulfillment = sagaRecords(await edge.store.readStream(`saga-fulfillment-${order.orderId}`));
    const recorded = fulfillment.map((e) => e.type);
    assert.ok(recorded.includes('SagaCompleted') && !recorded.includes('CompensationStarted'), `fulfilled, not compensated: ${recorded.join(', ')}`);
    assert.ok(
      fulfillment.every((e) => e.type !== 'CommandIssued' || (e.data as { kind: string }).kind === 'ReserveInventory'),
      'it only reserved',
    );
    assert.equal(await sagaState('refund', order.orderId), 'refunded');
    assert.equal(await sagaState('channel-order', order.orderId), 'applied');
    const parked = await call(edge.base, 'GET', '/ops/sagas/parked', { key: KEYS.ops });
    assert.deepEqual(parked.body.instances, []);
    const promotion = await call(edge.base, 'GET', '/promotions/promo-vend10', { key: KEYS.promotions });
    assert.deepEqual([promotion.body.usageCount, promotion.body.netCost], [1, [{ amountMinor: 0, currency: 'USD' }]], 'applied once, clawed back with the return');
    // The refund delivery, repeated, answers as things stand now: applied.
    const again = await deliver(order, 'refund', 'wh-life-refund');
    assert.deepEqual([again.applied, again.order.refundedMinor, again.order.returnedUnits], [true, 15899, 1]);
  });

  it('every topic delivered twice and out of order ends the same', async () => {
    const order = life(2);
    const shuffled: Step[] = ['refund', 'capture', 'paid', 'fulfillment', 'authorization', 'create'];
    for (const step of shuffled) await deliver(order, step, `wh-shuffled-${step}`);
    await Promise.all(shuffled.map((step) => deliver(order, step, `wh-shuffled-${step}`)));
    for (const step of [...shuffled].reverse()) await deliver(order, step, `wh-shuffled-${step}-resent`);
    await settled();

    assert.deepEqual((await journal(order.orderId)).sort(), [...WHOLE_LIFE_JOURNAL].sort(), 'the same entries, to the cent');
    assert.ok(!(await orderTypes(order.orderId)).includes('OrderCancelled'));
    assert.equal(await sagaState('refund', order.orderId), 'refunded');
    const counts = (await orderTypes(order.orderId)).reduce<Record<string, number>>((all, type) => ({ ...all, [type]: (all[type] ?? 0) + 1 }), {});
    assert.deepEqual(
      counts,
      { OrderPlaced: 1, InventoryReserved: 1, PaymentAuthorized: 1, PaymentCaptured: 1, ShipmentConfirmed: 1, ReturnRequested: 1, ReturnReceived: 1, RefundIssued: 1 },
      'each once',
    );
  });

  describe('re-sync: Shopify does not guarantee delivery', () => {
    const resync = (body: string, key: string = KEYS.ops) =>
      fetch(`${edge.base}/channels/shopify/resync`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body });
    const request = (order: ReturnType<typeof life>) => {
      const { order: orderJson, transactions } = adminApi(order);
      return `{"shop": "${SHOP}", "order": ${orderJson}, "transactions": ${transactions}}`;
    };

    it('brings in an order that lost two webhooks (its capture and its refund): records what is missing, reports it, and the journal ends as if nothing was lost', async () => {
      const order = life(3);
      for (const step of ['create', 'authorization', 'fulfillment'] as const) await deliver(order, step, `wh-lossy-${step}`);
      await settled();

      const response = await resync(request(order));
      assert.equal(response.status, 200, await response.clone().text());
      const report = (await response.json()) as Record<string, any>;
      assert.deepEqual(
        { order: report.order, recorded: report.recorded, alreadyKnown: report.alreadyKnown, refused: report.refused },
        {
          order: 'known',
          recorded: { transactions: [order.ids.capture], fulfillments: [], refunds: [order.ids.refund], cancellation: false, paymentStatus: true },
          alreadyKnown: { transactions: [order.ids.authorization], fulfillments: [order.ids.fulfillment], refunds: [] },
          refused: [],
        },
      );
      await settled();
      assert.deepEqual((await journal(order.orderId)).sort(), [...WHOLE_LIFE_JOURNAL].sort());

      const again = (await (await resync(request(order))).json()) as Record<string, any>;
      assert.deepEqual(again.recorded, { transactions: [], fulfillments: [], refunds: [], cancellation: false, paymentStatus: false }, 'a second re-sync changes nothing');
      assert.deepEqual(again.alreadyKnown.refunds, [order.ids.refund]);
      await settled();
      assert.equal((await journal(order.orderId)).length, WHOLE_LIFE_JOURNAL.length, 'nothing posted twice');
    });

    it('places an order whose every webhook was lost; refuses an unreadable request whole (400 naming the field) and a caller without ops:admin', async () => {
      const order = life(4);
      const report = (await (await resync(request(order))).json()) as Record<string, any>;
      assert.equal(report.order, 'placed');
      await settled();
      assert.deepEqual((await journal(order.orderId)).sort(), [...WHOLE_LIFE_JOURNAL].sort());

      const before = (await edge.store.readAll()).length;
      const bad = await resync(request(life(5)).replace('"quantity": 1,', '"quantity": 0,'));
      assert.equal(bad.status, 400);
      assert.deepEqual(((await bad.json()) as any).error.fields, [{ path: 'order.order.fulfillments[0].line_items[0].quantity', reason: 'must be a positive integer' }]);
      assert.equal((await resync('{"shop": "unknown.myshopify.com", "order": {}}')).status, 400);
      const refusals: Array<[string, string]> = [
        ['[1, 2]', 'body'],
        ['{"order": {}}', 'shop'],
        [request(life(5)).replace('"fulfillments": [', '"fulfillments": 7, "x": ['), 'order.order.fulfillments'],
        [request(life(5)).replace('"refunds": [', '"refunds": [3, '), 'order.order.refunds[0]'],
        [request(life(5)).replace('{"transactions": [', '{"transactions": "none", "x": ['), 'transactions.transactions'],
        [`{"shop": "${SHOP}", "order": ${'['.repeat(200)}${']'.repeat(200)}}`, 'body'],
      ];
      for (const [body, path] of refusals) {
        const refused = await resync(body);
        assert.equal(refused.status, 400, body.slice(0, 80));
        assert.equal(((await refused.json()) as any).error.fields[0].path, path, body.slice(0, 80));
      }
      assert.equal((await resync(request(life(5)), KEYS.finance)).status, 403);
      assert.equal((await edge.store.readAll()).length, before, 'nothing written');
    });

    it('reports a part it cannot take (an order body that does not add up) and queues it; reprocessing runs the re-sync again', async () => {
      const order = life(8);
      await deliver(order, 'create', 'wh-changed-create');
      const paid = parseChannelPayload(order.paid) as Record<string, any>;
      paid.subtotal_price_set.shop_money.amount = '400.00';
      const report = (await (await resync(request({ ...order, paid: shopifyJson(paid) }))).json()) as Record<string, any>;
      assert.deepEqual(
        report.refused.map((r: any) => [r.part, r.reason]),
        [['order', 'TOTALS_DO_NOT_ADD_UP']],
      );
      assert.equal(report.order, 'known', 'placed before by its orders/create webhook');
      assert.ok(report.businessError);
      const reprocessed = await call(edge.base, 'POST', `/channels/business-errors/${report.businessError}/reprocessing`, { key: KEYS.ops, body: {} });
      assert.equal(reprocessed.status, 200, JSON.stringify(reprocessed.body));
      assert.deepEqual([reprocessed.body.outcome.status, reprocessed.body.outcome.reason, reprocessed.body.entry.status], ['rejected', 'TOTALS_DO_NOT_ADD_UP', 'open']);
    });

    it('reports an order whose body was refused and that nothing placed as refused, with its business-error entry, over HTTP and gRPC', async () => {
      const notAddingUp = (order: ReturnType<typeof life>) => {
        const paid = parseChannelPayload(order.paid) as Record<string, any>;
        paid.subtotal_price_set.shop_money.amount = '400.00';
        return { ...order, paid: shopifyJson(paid) };
      };
      const order = life(9);
      const report = (await (await resync(request(notAddingUp(order)))).json()) as Record<string, any>;
      assert.deepEqual([report.order, report.state.order], ['refused', null], 'refused and not placed: not "known"');
      assert.match(String(report.businessError), /^business-error-shopify-resync-/);
      const entry = await call(edge.base, 'GET', `/channels/business-errors/${report.businessError}`, { key: KEYS.ops });
      assert.deepEqual([entry.status, entry.body.status, entry.body.reason], [200, 'open', 'TOTALS_DO_NOT_ADD_UP'], 'waiting on the queue');
      assert.ok(!(await edge.store.readAll()).some((e) => e.streamId === `order-${order.orderId}`), 'no order placed');

      const other = notAddingUp(life(10));
      const { order: orderJson, transactions } = adminApi(other);
      const overGrpc = await edge.grpc.shopify.call('ResyncOrder', { shop: SHOP, orderJson, transactionsJson: transactions }, KEYS.ops);
      assert.equal(overGrpc.error, undefined, overGrpc.error?.message);
      assert.equal(overGrpc.response.order, 'refused');
      assert.match(overGrpc.response.businessError, /^business-error-shopify-resync-/);
    });

    it('over gRPC (ShopifyChannel/ResyncOrder), the Admin API answers as strings, and from the command line', async () => {
      const order = life(6);
      const { order: orderJson, transactions } = adminApi(order);
      const answer = await edge.grpc.shopify.call('ResyncOrder', { shop: SHOP, orderJson, transactionsJson: transactions }, KEYS.ops);
      assert.equal(answer.error, undefined, answer.error?.message);
      assert.equal(answer.response.order, 'placed');
      assert.deepEqual(answer.response.recorded.transactions, [order.ids.authorization, order.ids.capture], 'ids beyond 2^53, exact');
      const bad = await edge.grpc.shopify.call('ResyncOrder', { shop: SHOP, orderJson: '{"order": ', transactionsJson: '' }, KEYS.ops);
      assert.equal(bad.error?.code, GrpcStatus.INVALID_ARGUMENT);
      assert.match(bad.error.details, /orderJson/);

      const files = tempDir('shopify-cli');
      try {
        writeFileSync(join(files.path, 'order.json'), orderJson);
        writeFileSync(join(files.path, 'transactions.json'), transactions);
        const cli = resolve(__dirname, '..', '..', 'src', 'cli', 'shopify.js');
        // The service answers in this very process: the command line runs beside it, not blocking it.
        const run = (key: string) =>
          new Promise<{ status: number; stdout: string; stderr: string }>((done) => {
            const args = [cli, 'resync', '--shop', SHOP, '--order', join(files.path, 'order.json'), '--transactions', join(files.path, 'transactions.json'), '--url', edge.base];
            execFile(process.execPath, args, { env: { ...process.env, LEDGERBRIDGE_API_KEY: key }, encoding: 'utf8' }, (error, stdout, stderr) =>
              done({ status: error ? Number(error.code) : 0, stdout, stderr }),
            );
          });
        const done = await run(KEYS.ops);
        assert.equal(done.status, 0, done.stderr);
        assert.match(done.stdout, new RegExp(`^order ${order.orderId} \\(${SHOP}\\): known already`));
        assert.match(
          done.stdout,
          new RegExp(`already known: transactions ${order.ids.authorization}, ${order.ids.capture}; fulfillments ${order.ids.fulfillment}; refunds ${order.ids.refund}`),
        );
        const refused = await run(KEYS.finance);
        assert.equal(refused.status, 2);
        assert.match(refused.stderr, /re-sync refused \(403\)/);
      } finally {
        files.remove();
      }
    });
  });
});

describe('a Shopify order whose transactions never come: only its order bodies say it was paid', () => {
  const dir = tempDir('shopify-paid-only');
  let edge: TestApp;
  before(async () => {
    edge = await startTestApp({
      dataDir: dir.path,
      keys: TEST_CALLERS,
      env: {
        ...GENEROUS_RATE_LIMIT,
        LOG_LEVEL: 'warn',
        SAGAS_ENABLED: 'true',
        SAGA_TIMER_CHECK_INTERVAL: '100ms',
        CHANNEL_PAYMENT_WAIT: '1s',
        FULFILLMENT_PAYMENT_TIMEOUT: '1s',
        SHOPIFY_SHOPS: JSON.stringify({ [SHOP]: { secret: SECRET, companyCode: 'US01' } }),
      },
    });
  });
  after(async () => {
    await edge?.close();
    dir.remove();
  });

  it('records the payment the body states once the wait for its transactions is over, at the body’s time, and is never cancelled', async () => {
    const order = life(7);
    for (const step of ['create', 'paid', 'fulfillment'] as const) {
      const raw = order[step];
      const response = await fetch(`${edge.base}/channels/shopify/webhooks`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-shopify-topic': TOPICS[step][0],
          'x-shopify-shop-domain': SHOP,
          'x-shopify-webhook-id': `wh-paid-only-${step}`,
          'x-shopify-hmac-sha256': createHmac('sha256', SECRET).update(raw).digest('base64'),
        },
        body: raw,
      });
      assert.equal(response.status, 200);
    }
    const captured = async () => (await edge.store.readStream(`order-${order.orderId}`)).filter((e) => e.type === 'PaymentCaptured');
    for (let tries = 0; (await captured()).length === 0; tries++) {
      assert.ok(tries < 200, 'the stated payment was recorded');
      await new Promise((done) => setTimeout(done, 50));
    }
    const [capture] = await captured();
    assert.deepEqual(capture.data, {
      captureId: 'payment-status-1',
      amountMinor: 43925,
      currency: 'USD',
      at: '2026-11-28T14:00:10.000Z',
      fromAuthorizations: [{ authorizationId: 'payment-status-1', amountMinor: 43925 }],
    });
    for (const saga of edge.app.get(SagaHost).sagas.values()) await saga.settled();
    const types = (await edge.store.readStream(`order-${order.orderId}`)).map((e) => e.type);
    assert.deepEqual(types, ['OrderPlaced', 'InventoryReserved', 'ShipmentConfirmed', 'PaymentAuthorized', 'PaymentCaptured'], 'paid and shipped, never cancelled');
  });
});
