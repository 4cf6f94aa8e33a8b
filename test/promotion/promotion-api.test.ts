import { status as GrpcStatus } from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, grpcErrorBody } from '../support/edge-app';
import { callService, FINANCE_KEYS as KEYS, recorded, startFinanceApp } from '../support/finance-api';
import { tempDir } from '../support/temp-dir';

/** DESIGN's SAVE10 as a client sends it: 10.00 off across the order, retailer funded. */
const save10 = (promotionId: string, extra: object = {}) => ({
  promotionId,
  code: 'SAVE10',
  name: '10.00 off your order',
  window: { from: '2026-11-27T00:00:00Z', to: '2026-12-01T00:00:00Z' },
  allSkus: true,
  benefit: { type: 'fixed', amount: { amountMinor: 1000, currency: 'USD' } },
  allocation: 'across',
  funding: { source: 'retailer' },
  reducesTaxBase: true,
  accounting: { costCenter: 'MKT-BF26', glHint: 'discount.retailer' },
  definedAt: '2026-11-20T09:00:00Z',
  ...extra,
});
const DURING = '2026-11-27T10:00:00Z';

describe('promotion API over HTTP and gRPC', () => {
  const dir = tempDir('promotion-api');
  let edge: Awaited<ReturnType<typeof startFinanceApp>>;
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) => call(edge.base, 'POST', path, { key: KEYS.promotions, body, headers });
  before(async () => {
    edge = await startFinanceApp(dir.path);
  });
  after(async () => {
    await edge.close();
    dir.remove();
  });

  it('runs a promotion: define, activate, apply to an order, claw back on a return, with the state after each step', async () => {
    const defined = await post('/promotions', save10('bf-save10', { funding: { source: 'vendor', vendorId: 'acme', fundedShare: '50%' } }));
    assert.equal(defined.status, 201, JSON.stringify(defined.body));
    assert.deepEqual({ ...defined.body, events: defined.body.events.map((e: any) => [e.type, e.revision]) }, { id: 'bf-save10', revision: 0, events: [['PromotionDefined', 0]] });

    assert.equal((await post('/promotions/bf-save10/activation', { at: '2026-11-26T00:00:00Z' })).body.revision, 1);
    const applied = await post('/promotions/bf-save10/applications', { orderId: 'order-1', amount: { amountMinor: 1000, currency: 'USD' }, at: DURING });
    assert.deepEqual(
      applied.body.events.map((e: any) => e.type),
      ['PromotionApplied'],
    );
    let view = await call(edge.base, 'GET', '/promotions/bf-save10', { key: KEYS.finance });
    assert.equal(view.status, 200);
    assert.equal(view.body.active, true);
    assert.equal(view.body.usageCount, 1);
    assert.deepEqual(view.body.netCost, [{ amountMinor: 1000, currency: 'USD' }]);
    assert.deepEqual(view.body.definition.funding, { source: 'vendor', vendorId: 'acme', fundedShare: '50%' });

    const clawedBack = await post('/promotions/bf-save10/clawbacks', { orderId: 'order-1', returnId: 'return-1', amountMinor: 400, at: '2026-11-29T10:00:00Z' });
    assert.equal(clawedBack.status, 201, JSON.stringify(clawedBack.body));
    const events = await recorded(edge.store, 'promotion-bf-save10');
    assert.deepEqual(events.at(-1)!.data.funding, { retailerMinor: 200, vendorMinor: 200 }, 'the vendor takes back its half');
    view = await call(edge.base, 'GET', '/promotions/bf-save10', { key: KEYS.promotions });
    assert.deepEqual(view.body.netCost, [{ amountMinor: 600, currency: 'USD' }]);
    assert.equal(view.body.revision, 3);

    const released = await post('/promotions/bf-save10/applications/order-1/release', { at: '2026-11-30T10:00:00Z' });
    assert.deepEqual(
      released.body.events.map((e: any) => e.type),
      ['PromotionApplicationReleased'],
    );
    assert.equal((await post('/promotions/bf-save10/deactivation', { at: '2026-11-30T11:00:00Z', reason: 'campaign over' })).status, 201);
    view = await call(edge.base, 'GET', '/promotions/bf-save10', { key: KEYS.finance });
    assert.deepEqual([view.body.active, view.body.usageCount, view.body.netCost], [false, 0, [{ amountMinor: 0, currency: 'USD' }]]);
  });

  it('shows each channel’s latest publication answer, failures with their reason', async () => {
    await post('/promotions', save10('pub-1'));
    await post('/promotions/pub-1/publications', { channel: 'shopify-eu', status: 'published', at: '2026-11-26T08:00:00Z' });
    await post('/promotions/pub-1/publications', { channel: 'pos', status: 'failed', reason: 'register firmware too old', at: '2026-11-26T08:01:00Z' });
    const missingReason = await post('/promotions/pub-1/publications', { channel: 'pos', status: 'failed', at: '2026-11-26T08:02:00Z' });
    assert.equal(missingReason.status, 400);
    assert.deepEqual([...new Set(missingReason.body.error.fields.map((f: any) => f.path))], ['reason'], 'a failure must say why');
    const view = await call(edge.base, 'GET', '/promotions/pub-1', { key: KEYS.finance });
    assert.deepEqual(view.body.publications, [
      { channel: 'pos', status: 'failed', reason: 'register firmware too old', at: '2026-11-26T08:01:00Z' },
      { channel: 'shopify-eu', status: 'published', at: '2026-11-26T08:00:00Z' },
    ]);
    const overGrpc = await callService(edge.grpcPort, 'Promotions', 'GetPromotion', { promotionId: 'pub-1' }, KEYS.finance);
    assert.deepEqual(
      overGrpc.response.publications.map((p: any) => [p.channel, p.status, p.reason]),
      [
        ['pos', 'failed', 'register firmware too old'],
        ['shopify-eu', 'published', undefined],
      ],
    );
  });

  it('refuses an application beyond the budget with 422 PROMOTION_BUDGET_EXCEEDED and appends nothing', async () => {
    await post('/promotions', save10('budget-1', { budget: { amountMinor: 1500, currency: 'USD' } }));
    await post('/promotions/budget-1/activation', { at: '2026-11-26T00:00:00Z' });
    await post('/promotions/budget-1/applications', { orderId: 'order-1', amount: { amountMinor: 1000, currency: 'USD' }, at: DURING });
    const before = await recorded(edge.store, 'promotion-budget-1');
    const refused = await post('/promotions/budget-1/applications', { orderId: 'order-2', amount: { amountMinor: 1000, currency: 'USD' }, at: DURING });
    assert.equal(refused.status, 422);
    assert.equal(refused.body.error.code, 'PROMOTION_BUDGET_EXCEEDED');
    assert.equal(refused.body.error.details.remainingMinor, 500);
    const overGrpc = await callService(
      edge.grpcPort,
      'Promotions',
      'RecordApplication',
      { promotionId: 'budget-1', orderId: 'order-3', amount: { amountMinor: 600, currency: 'USD' }, at: DURING },
      KEYS.promotions,
    );
    assert.equal(overGrpc.error?.code, GrpcStatus.FAILED_PRECONDITION);
    assert.equal(overGrpc.error.metadata.get('error-code')[0], 'PROMOTION_BUDGET_EXCEEDED');
    assert.deepEqual(await recorded(edge.store, 'promotion-budget-1'), before);
  });

  it('records the same events for the same definition sent over HTTP and over gRPC', async () => {
    const terms = save10('', { allSkus: false, eligibleSkus: ['ACME-KETTLE', 'ACME-TOASTER'], budget: { amountMinor: 500000, currency: 'USD' }, usageLimit: 100 });
    assert.equal((await post('/promotions', { ...terms, promotionId: 'twin-http' })).status, 201);
    const grpcAnswer = await callService(edge.grpcPort, 'Promotions', 'DefinePromotion', { ...terms, promotionId: 'twin-grpc' }, KEYS.promotions);
    assert.ifError(grpcAnswer.error);
    assert.deepEqual({ ...grpcAnswer.response, events: grpcAnswer.response.events.map((e: any) => e.type) }, { id: 'twin-grpc', revision: 0, events: ['PromotionDefined'] });
    const [overHttp, overGrpc] = await Promise.all(['twin-http', 'twin-grpc'].map((id) => recorded(edge.store, `promotion-${id}`)));
    const anonymous = (events: Array<{ type: string; data: any }>) => events.map((e) => ({ ...e, data: { ...e.data, promotionId: '?' } }));
    assert.deepEqual(anonymous(overGrpc), anonymous(overHttp));
    const httpView = await call(edge.base, 'GET', '/promotions/twin-http', { key: KEYS.finance });
    assert.deepEqual(httpView.body.definition, { ...terms, promotionId: 'twin-http' }, 'the view gives back the terms as defined');
  });

  it('answers invalid input with every field path over both transports, and writes nothing', async () => {
    const bad = save10('bad-1', {
      window: { from: '2026-11-27', to: '2026-12-01T00:00:00Z' },
      benefit: { type: 'percentage', amount: { amountMinor: 1000, currency: 'USD' } },
      funding: { source: 'vendor' },
      budget: { amountMinor: 1.5, currency: 'usd' },
    });
    const expected = ['benefit.amount', 'benefit.rate', 'budget.amountMinor', 'budget.currency', 'funding.fundedShare', 'funding.vendorId', 'window.from'];
    const http = await post('/promotions', bad);
    assert.equal(http.status, 400);
    assert.deepEqual([...new Set(http.body.error.fields.map((f: any) => f.path))].sort(), expected, JSON.stringify(http.body.error.fields));
    const { error } = await callService(edge.grpcPort, 'Promotions', 'DefinePromotion', { ...bad, budget: { amountMinor: 0, currency: 'usd' } }, KEYS.promotions);
    assert.equal(error?.code, GrpcStatus.INVALID_ARGUMENT);
    assert.deepEqual([...new Set(grpcErrorBody(error).error.fields.map((f: any) => f.path))].sort(), expected);
    assert.deepEqual(await recorded(edge.store, 'promotion-bad-1'), []);

    const both = await post('/promotions', save10('bad-2', { eligibleSkus: ['A'] }));
    assert.deepEqual(
      both.body.error.fields.map((f: any) => f.path),
      ['eligibleSkus'],
      'all SKUs and a SKU list at once',
    );
    const badId = await post('/promotions/has%20space/activation', { at: DURING });
    assert.deepEqual([badId.status, badId.body.error.fields[0].path], [400, 'id']);
  });

  it('answers a command for an unknown promotion with 404 / NOT_FOUND', async () => {
    const http = await post('/promotions/nobody/activation', { at: DURING });
    assert.deepEqual([http.status, http.body.error.code], [404, 'NOT_FOUND']);
    assert.equal((await call(edge.base, 'GET', '/promotions/nobody', { key: KEYS.finance })).status, 404);
    const grpcAnswer = await callService(edge.grpcPort, 'Promotions', 'ActivatePromotion', { promotionId: 'nobody', at: DURING }, KEYS.promotions);
    assert.equal(grpcAnswer.error?.code, GrpcStatus.NOT_FOUND);
    assert.deepEqual(await recorded(edge.store, 'promotion-nobody'), []);
  });

  it('lets only promotions:write define and run promotions (403 / PERMISSION_DENIED), finance:read only read', async () => {
    for (const key of [KEYS.finance, KEYS.settlements, KEYS.pos]) {
      const answer = await call(edge.base, 'POST', '/promotions', { key, body: save10('scoped') });
      assert.equal(answer.status, 403);
      assert.equal(answer.body.error.details.requiredScope, 'promotions:write');
    }
    const { error } = await callService(edge.grpcPort, 'Promotions', 'DefinePromotion', save10('scoped'), KEYS.finance);
    assert.equal(error?.code, GrpcStatus.PERMISSION_DENIED);
    const read = await call(edge.base, 'GET', '/promotions/scoped', { key: KEYS.settlements });
    assert.deepEqual([read.status, read.body.error.details.requiredScope], [403, 'finance:read or promotions:write']);
    assert.deepEqual(await recorded(edge.store, 'promotion-scoped'), []);
  });

  it('answers a retried definition with the first answer when the Idempotency-Key repeats', async () => {
    const first = await post('/promotions', save10('retry-1'), { 'idempotency-key': 'define-retry-1' });
    const again = await post('/promotions', save10('retry-1'), { 'idempotency-key': 'define-retry-1' });
    assert.deepEqual([first.status, again.status], [201, 201]);
    assert.deepEqual(again.body, first.body);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
  });
});
