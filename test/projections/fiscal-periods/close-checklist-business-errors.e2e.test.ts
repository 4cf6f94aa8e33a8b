import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { posSale } from '../../fuzz/fuzz-targets';
import { call } from '../../support/edge-app';
import { GrpcClient } from '../../support/grpc-client';
import { shopifyFixture, shopifyJson } from '../../support/shopify-fixtures';
import { GENEROUS_RATE_LIMIT, startTestApp, type TestApp, type TestKey } from '../../support/test-app';
import { TEST_CALLERS, TEST_KEYS } from '../../support/test-keys';
import { tempDir } from '../../support/temp-dir';

const CLOSER: TestKey = { name: 'controller-close', key: 'lbk_test-finance-close-key-0000000000000000', scopes: ['finance:close'] };
const MASTER_DATA: TestKey = { name: 'master-data', key: 'lbk_test-refdata-write-key-0000000000000000', scopes: ['refdata:write'] };
const FISCAL_PERIODS = { proto: 'ledgerbridge/finance/v1/fiscal_periods.proto', service: 'ledgerbridge.finance.v1.FiscalPeriods', longs: Number };

/** Two shops, each selling for its own company. */
const SHOPS = {
  'us-store.myshopify.com': { secret: 'shpss_us-store-secret-000000001', companyCode: 'US01' },
  'de-store.myshopify.com': { secret: 'shpss_de-store-secret-000000001', companyCode: 'DE01' },
} as const;

describe("the close checklist lists the company's open business errors and those whose company is unknown, not another company's", () => {
  const dir = tempDir('checklist-business-errors');
  let app: TestApp;
  let periods: GrpcClient;
  const http = (method: string, path: string, key: string, body?: unknown) => call(app.base, method, path, { key, ...(body === undefined ? {} : { body }) });

  /** An orders/create whose stated total is 10.00 more than its lines: refused, queued. */
  async function refusedShopifyOrder(shop: keyof typeof SHOPS, orderId: number): Promise<string> {
    const payload = shopifyFixture('orders-create.json');
    payload.id = orderId;
    payload.total_price_set.shop_money.amount = '413.00';
    const raw = shopifyJson(payload);
    const response = await fetch(`${app.base}/channels/shopify/webhooks`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': 'orders/create',
        'x-shopify-shop-domain': shop,
        'x-shopify-webhook-id': `wh-${orderId}`,
        'x-shopify-hmac-sha256': createHmac('sha256', SHOPS[shop].secret).update(raw).digest('base64'),
      },
      body: raw,
    });
    const answer = (await response.json()) as { status: string; reason: string; businessError: string };
    assert.deepEqual([answer.status, answer.reason], ['rejected', 'TOTALS_DO_NOT_ADD_UP'], JSON.stringify(answer));
    return answer.businessError;
  }

  let usError: string;
  let deError: string;
  let unknownError: string;

  before(async () => {
    app = await startTestApp({
      dataDir: dir.path,
      keys: [...TEST_CALLERS, CLOSER, MASTER_DATA],
      env: { ...GENEROUS_RATE_LIMIT, LOG_LEVEL: 'warn', SHOPIFY_SHOPS: JSON.stringify(SHOPS) },
    });
    periods = new GrpcClient(app.grpcPort, FISCAL_PERIODS);
    for (const companyCode of ['US01', 'DE01']) {
      assert.equal((await http('POST', '/fiscal-calendars', CLOSER.key, { companyCode, pattern: 'calendar-months' })).status, 201);
    }
    usError = await refusedShopifyOrder('us-store.myshopify.com', 5001);
    deError = await refusedShopifyOrder('de-store.myshopify.com', 5002);
    // Locations are governed (another store is mapped) and the sale's store is not: its company is unknown.
    assert.equal(
      (await http('POST', '/reference-data/imports', MASTER_DATA.key, { rows: [{ kind: 'location', key: 'S900', effectiveFrom: '2026-11-01', companyCode: 'US01' }] })).status,
      201,
    );
    const refused = await http('POST', '/channels/pos/transactions', TEST_KEYS.pos, posSale('T-CHECK-1'));
    assert.equal(refused.body.error?.code, 'LOCATION_NOT_MAPPED', JSON.stringify(refused.body));
    unknownError = refused.body.error.details.businessErrorId;
  });
  after(async () => {
    periods.close();
    await app.close();
    dir.remove();
  });

  it("records on the queue the shop's company code, and none for a sale at an unmapped store", async () => {
    const queue = await http('GET', '/channels/business-errors?status=open', TEST_KEYS.ops);
    assert.equal(queue.status, 200, JSON.stringify(queue.body));
    const companyOf = new Map(queue.body.items.map((e: { id: string; companyCode?: string }) => [e.id, e.companyCode ?? null]));
    assert.deepEqual(
      [usError, deError, unknownError].map((id) => companyOf.get(id)),
      ['US01', 'DE01', null],
    );
  });

  it('lists for US01 its own entry and the unknown one, for DE01 its own and the unknown one, over HTTP and gRPC', async () => {
    for (const [companyCode, own] of [
      ['US01', usError],
      ['DE01', deError],
    ] as const) {
      const checklist = await http('GET', `/fiscal-calendars/${companyCode}/periods/2026-11/checklist`, TEST_KEYS.finance);
      assert.equal(checklist.status, 200, JSON.stringify(checklist.body));
      const { count, entries } = checklist.body.businessErrorsOpen;
      assert.equal(count, 2, companyCode);
      assert.deepEqual(
        entries.map((e: { id: string; companyCode: string | null }) => [e.id, e.companyCode]).sort(),
        [
          [own, companyCode],
          [unknownError, null],
        ].sort(),
        `${companyCode}: not the other company's entry; the unknown one, as unknown`,
      );
      assert.equal(checklist.body.ready, false);
      const overGrpc = await periods.call('GetCloseChecklist', { companyCode, periodId: '2026-11' }, TEST_KEYS.finance);
      assert.equal(overGrpc.error, undefined, overGrpc.error?.message);
      assert.deepEqual(
        overGrpc.response.businessErrorsOpen.entries.map((e: { id: string; companyCode?: string }) => [e.id, e.companyCode ?? null]).sort(),
        entries.map((e: { id: string; companyCode: string | null }) => [e.id, e.companyCode]).sort(),
        `${companyCode} over gRPC: an unknown company is absent`,
      );
    }
  });

  it('stops listing an entry once it is dismissed', async () => {
    const dismissed = await http('POST', `/channels/business-errors/${unknownError}/dismissal`, TEST_KEYS.ops, { reason: 'test sale from a demo register' });
    assert.equal(dismissed.status, 200, JSON.stringify(dismissed.body));
    const checklist = await http('GET', '/fiscal-calendars/US01/periods/2026-11/checklist', TEST_KEYS.finance);
    assert.deepEqual(
      checklist.body.businessErrorsOpen.entries.map((e: { id: string }) => e.id),
      [usError],
    );
  });
});
