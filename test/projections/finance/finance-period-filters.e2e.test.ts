import { status as GrpcStatus } from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { workedExampleOrder } from '../../order/api/order-requests';
import { grpcErrorBody } from '../../support/edge-app';
import type { TestKey } from '../../support/test-app';
import { tempDir } from '../../support/temp-dir';
import { type FinanceViewsApp, KEYS, startFinanceViewsApp } from './finance-views-app';
import { DAY_1, DAY_2, sendOrderHistory } from './order-history';

/** A controller's key for defining the calendars. */
const CLOSER: TestKey = { name: 'controller-close', key: 'lbk_test-finance-close-key-0000000000000000', scopes: ['finance:close'] };

type Parameter = { name: string; in: string; required?: boolean; example?: unknown; schema?: { example?: unknown } };
type Operation = { summary?: string; description?: string; parameters?: Parameter[] };

/** The finance views that take a fiscal period, by route and gRPC method. */
const PERIOD_VIEWS = [
  ['/finance/trial-balance', 'GetTrialBalance'],
  ['/finance/open-items', 'ListOpenItems'],
  ['/finance/promotion-cost', 'GetPromotionCost'],
  ['/finance/settlements', 'ListSettlementReconciliations'],
] as const;

const promotion = (promotionId: string) => ({
  promotionId,
  code: promotionId.toUpperCase(),
  name: `${promotionId} off`,
  window: { from: '2026-11-27T00:00:00Z', to: '2026-12-31T00:00:00Z' },
  allSkus: true,
  benefit: { type: 'fixed', amount: { amountMinor: 1000, currency: 'USD' } },
  allocation: 'across',
  funding: { source: 'retailer' },
  reducesTaxBase: true,
  accounting: { costCenter: 'MKT-BF26' },
  definedAt: '2026-11-20T09:00:00Z',
});

/**
 * A period filter on every finance view that has one: the OpenAPI document lets a client send a
 * period-only query, and open items and promotion cost answer by company and period over both
 * transports, refusing a period the way trial balance does.
 */
describe('finance views by company and fiscal period, over HTTP, gRPC and the OpenAPI document', () => {
  const dir = tempDir('finance-period-filters');
  let edge: FinanceViewsApp;
  const get = (path: string) => edge.get(path);
  const grpc = (method: string, request: object) => edge.grpc(method, request);
  const fieldsOf = (body: { error: { fields: Array<{ path: string }> } }) => [...new Set(body.error.fields.map((f) => f.path))].sort();

  before(async () => {
    edge = await startFinanceViewsApp(dir.path, {}, [CLOSER]);
    await edge.send(CLOSER.key, '/fiscal-calendars', { companyCode: 'US01', pattern: 'calendar-months' });
    await edge.send(CLOSER.key, '/fiscal-calendars', { companyCode: 'DE01', pattern: 'calendar-months' });
    // US01: one order shipped and returned on day 1 (refund owed), one captured on day 2 (deposit open).
    await sendOrderHistory(edge, 'pf');
    // DE01: an order captured on day 1, not shipped.
    const web = (path: string, body: unknown) => edge.send(KEYS.web, path, body);
    await web('/orders', { ...workedExampleOrder('pf-de'), companyCode: 'DE01' });
    await web('/orders/pf-de/authorizations', { authorizationId: 'auth-1', amountMinor: 10519, currency: 'USD', at: DAY_1 });
    await web('/orders/pf-de/captures', { captureId: 'cap-1', amountMinor: 10519, currency: 'USD', at: DAY_1 });
    // Promotion cost: in November on a US01 order and on the DE01 order, in December on a US01
    // order, and on an order never placed here (no company).
    const promotions = (path: string, body: unknown) => edge.send(KEYS.promotions, path, body);
    await promotions('/promotions', promotion('house'));
    await promotions('/promotions/house/activation', { at: '2026-11-26T00:00:00Z' });
    await promotions('/promotions/house/applications', { orderId: 'pf-shipped', amount: { amountMinor: 1000, currency: 'USD' }, at: DAY_1 });
    await promotions('/promotions/house/applications', { orderId: 'pf-de', amount: { amountMinor: 700, currency: 'USD' }, at: DAY_2 });
    await promotions('/promotions/house/applications', { orderId: 'pf-open', amount: { amountMinor: 300, currency: 'USD' }, at: '2026-12-02T09:00:00Z' });
    await promotions('/promotions/house/applications', { orderId: 'elsewhere-1', amount: { amountMinor: 50, currency: 'USD' }, at: DAY_1 });
    await edge.caughtUp();
  });
  after(async () => {
    await edge.close();
    dir.remove();
  });

  it('documents each period view as taking either its range or period with companyCode, and a period-only query built from the document is answered', async () => {
    const document = (await (await fetch(`${edge.base}/docs-json`)).json()) as { paths: Record<string, { get: Operation }> };
    for (const [path] of PERIOD_VIEWS) {
      const operation = document.paths[path].get;
      const parameters = new Map((operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => [p.name, p]));
      assert.ok(parameters.has('period') && parameters.has('companyCode'), `${path} documents period and companyCode`);
      const required = [...parameters.values()].filter((p) => p.required).map((p) => p.name);
      assert.deepEqual(required, [], `${path}: no query parameter is required, so a period-only query can be sent`);
      assert.match(operation.description ?? '', /Either .*, or `period`.* with `companyCode` and without the range/, `${path} says which forms it accepts`);
      // As Swagger UI's "Try it out" sends it: period and companyCode with their documented examples, nothing else.
      const example = (name: string) => String(parameters.get(name)!.example ?? parameters.get(name)!.schema?.example);
      const answer = await get(`${path}?period=${example('period')}&companyCode=${example('companyCode')}`);
      assert.equal(answer.status, 200, `${path}: ${JSON.stringify(answer.body)}`);
    }
  });

  it('lists the open items of one company at the end of a period, the same over gRPC', async () => {
    const items = (body: { items: Array<{ kind: string; orderId: string; companyCode: string; openMinor: number }> }) =>
      body.items.map(({ kind, orderId, companyCode, openMinor }) => [kind, orderId, companyCode, openMinor]);
    const us = await get('/finance/open-items?companyCode=US01&period=2026-11');
    assert.equal(us.status, 200, JSON.stringify(us.body));
    assert.deepEqual(items(us.body), [
      ['deposit-not-earned', 'pf-open', 'US01', 10519],
      ['refund-payable', 'pf-shipped', 'US01', 2931],
    ]);
    assert.deepEqual([us.body.asOf, us.body.period], ['2026-11-30', '2026-11'], 'open at the end of the period’s last day');
    const de = await get('/finance/open-items?companyCode=DE01&period=2026-11');
    assert.deepEqual(items(de.body), [['deposit-not-earned', 'pf-de', 'DE01', 10519]]);
    const october = await get('/finance/open-items?companyCode=US01&period=2026-10');
    assert.deepEqual(items(october.body), [], 'nothing was open before the orders');
    const overGrpc = await grpc('ListOpenItems', { companyCode: 'US01', period: '2026-11' });
    assert.equal(overGrpc.error, undefined, overGrpc.error?.details);
    assert.deepEqual(overGrpc.response.items, us.body.items);
    assert.equal(overGrpc.response.period, '2026-11');
  });

  it('counts the promotion cost of one company’s orders in a period, the same over gRPC', async () => {
    const net = (body: { promotions: Array<{ promotionId: string; netMinor: number; orders: number }> }) => body.promotions.map((p) => [p.promotionId, p.netMinor, p.orders]);
    const november = await get('/finance/promotion-cost?companyCode=US01&period=2026-11');
    assert.equal(november.status, 200, JSON.stringify(november.body));
    assert.deepEqual(net(november.body), [['house', 1000, 1]], 'the US01 order in November; not DE01’s, not December’s, not an order placed nowhere');
    assert.deepEqual([november.body.from, november.body.to, november.body.companyCode, november.body.period], ['2026-11-01', '2026-11-30', 'US01', '2026-11']);
    assert.deepEqual(net((await get('/finance/promotion-cost?companyCode=US01&period=2026-12')).body), [['house', 300, 1]]);
    assert.deepEqual(net((await get('/finance/promotion-cost?companyCode=DE01')).body), [['house', 700, 1]], 'a company without a period: every date');
    assert.deepEqual(net((await get('/finance/promotion-cost')).body), [['house', 2050, 4]], 'no filter: every cost, with or without a company');
    const overGrpc = await grpc('GetPromotionCost', { companyCode: 'US01', period: '2026-11' });
    assert.equal(overGrpc.error, undefined, overGrpc.error?.details);
    assert.deepEqual(
      overGrpc.response.promotions,
      november.body.promotions.map(({ vendorId, ...row }: { vendorId: null }) => row),
    );
    assert.deepEqual([overGrpc.response.from, overGrpc.response.to, overGrpc.response.period], ['2026-11-01', '2026-11-30', '2026-11']);
  });

  it('refuses a period as trial balance does: without companyCode, with a range, malformed (400 naming the field), not in the calendar, or of a company without one', async () => {
    const cases: Array<[string, string, object, string[]]> = [
      ['/finance/open-items', 'period=2026-11', { period: '2026-11' }, ['period']],
      ['/finance/open-items', 'period=2026-11&companyCode=US01&asOf=2026-11-15', { period: '2026-11', companyCode: 'US01', asOf: '2026-11-15' }, ['period']],
      ['/finance/open-items', 'period=2026-13&companyCode=US01', { period: '2026-13', companyCode: 'US01' }, ['period']],
      ['/finance/promotion-cost', 'period=2026-11', { period: '2026-11' }, ['period']],
      ['/finance/promotion-cost', 'period=2026-11&companyCode=US01&from=2026-11-01', { period: '2026-11', companyCode: 'US01', from: '2026-11-01' }, ['period']],
      ['/finance/promotion-cost', 'period=November&companyCode=US%2001', { period: 'November', companyCode: 'US 01' }, ['companyCode', 'period']],
    ];
    for (const [path, query, request, fields] of cases) {
      const answer = await get(`${path}?${query}`);
      assert.equal(answer.status, 400, `${path}?${query}: ${JSON.stringify(answer.body)}`);
      assert.deepEqual(fieldsOf(answer.body), fields, `${path}?${query}`);
      const method = PERIOD_VIEWS.find(([route]) => route === path)![1];
      const overGrpc = await grpc(method, request);
      assert.equal(overGrpc.error?.code, GrpcStatus.INVALID_ARGUMENT, `${method} ${JSON.stringify(request)}`);
      assert.deepEqual(fieldsOf(grpcErrorBody(overGrpc.error)), fields, `${method} ${JSON.stringify(request)}`);
    }
    for (const [path, method] of PERIOD_VIEWS.filter(([route]) => route === '/finance/open-items' || route === '/finance/promotion-cost')) {
      const trialBalance = await get('/finance/trial-balance?companyCode=US01&period=FY2026-P03');
      const notInCalendar = await get(`${path}?companyCode=US01&period=FY2026-P03`);
      assert.deepEqual(
        [notInCalendar.status, notInCalendar.body.error?.code],
        [trialBalance.status, trialBalance.body.error?.code],
        `${path}: a 4-4-5 period of a calendar-months company`,
      );
      assert.equal(notInCalendar.body.error?.code, 'PERIOD_NOT_IN_CALENDAR');
      const noCalendar = await get(`${path}?companyCode=GB01&period=2026-11`);
      assert.equal(noCalendar.status, 404, `${path}: GB01 has no fiscal calendar`);
      const overGrpc = await grpc(method, { companyCode: 'GB01', period: '2026-11' });
      assert.equal(overGrpc.error?.code, GrpcStatus.NOT_FOUND, method);
    }
  });
});
