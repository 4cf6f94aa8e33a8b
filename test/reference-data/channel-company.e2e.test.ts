import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { workedExampleOrder } from '../order/api/order-requests';
import { call } from '../support/edge-app';
import { GENEROUS_RATE_LIMIT, startTestApp, type TestApp } from '../support/test-app';
import { TEST_CALLERS, TEST_KEYS } from '../support/test-keys';
import { shopifyFixture, shopifyJson } from '../support/shopify-fixtures';
import { tempDir } from '../support/temp-dir';
import { MASTER_DATA } from './reference-data-calls';

const SHOP = 'channel-company.myshopify.com';
const SECRET = 'shpss_channel-company-secret-0123';

describe("an order over the API books to its channel's company once reference data maps channels", () => {
  const dir = tempDir('channel-company');
  let app: TestApp;
  const http = (method: string, path: string, key: string, body?: unknown) => call(app.base, method, path, { key, ...(body === undefined ? {} : { body }) });
  const place = (orderId: string, companyCode: string, placedAt: string) => http('POST', '/orders', TEST_KEYS.web, { ...workedExampleOrder(orderId), companyCode, placedAt });

  before(async () => {
    app = await startTestApp({
      dataDir: dir.path,
      keys: [...TEST_CALLERS, MASTER_DATA],
      env: { ...GENEROUS_RATE_LIMIT, SHOPIFY_SHOPS: JSON.stringify({ [SHOP]: { secret: SECRET, companyCode: 'US01' } }) },
    });
  });
  after(async () => {
    await app.close();
    dir.remove();
  });

  it('takes the company the order names while no channel is mapped', async () => {
    assert.equal((await place('o-free', 'DE01', '2026-11-20T10:00:00Z')).status, 201);
  });

  it('refuses an order naming another company than its channel maps to, naming both, and records nothing', async () => {
    const imported = await http('POST', '/reference-data/imports', MASTER_DATA.key, { rows: [{ kind: 'channel', key: 'web', effectiveFrom: '2026-11-01', companyCode: 'US01' }] });
    assert.equal(imported.status, 201, JSON.stringify(imported.body));
    const refused = await place('o-wrong', 'DE01', '2026-11-20T10:00:00Z');
    assert.equal(refused.status, 422, JSON.stringify(refused.body));
    assert.equal(refused.body.error.code, 'COMPANY_CODE_MISMATCH');
    assert.match(refused.body.error.message, /company DE01, but channel web books to US01 on 2026-11-20/);
    assert.deepEqual(
      (await app.store.readAll()).filter((e) => e.streamId === 'order-o-wrong'),
      [],
      'nothing recorded',
    );
    assert.equal((await place('o-right', 'US01', '2026-11-20T10:00:00Z')).status, 201);
  });

  it('refuses an order on a day its channel has no mapping', async () => {
    const refused = await place('o-early', 'US01', '2026-10-20T10:00:00Z');
    assert.deepEqual([refused.status, refused.body.error?.code, refused.body.error?.details], [422, 'CHANNEL_NOT_MAPPED', { channel: 'web', day: '2026-10-20' }]);
  });

  it("queues a Shopify order while the shopify channel maps to no company that day, and places it under the shop's company once the mapping is imported and the entry reprocessed", async () => {
    const payload = shopifyFixture('orders-create.json');
    payload.id = 990001;
    const raw = shopifyJson(payload);
    const delivered = await fetch(`${app.base}/channels/shopify/webhooks`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': 'orders/create',
        'x-shopify-shop-domain': SHOP,
        'x-shopify-webhook-id': 'wh-channel-company',
        'x-shopify-hmac-sha256': createHmac('sha256', SECRET).update(raw).digest('base64'),
      },
      body: raw,
    });
    const answer = (await delivered.json()) as { businessError?: string; order?: { orderId: string } };
    assert.equal(delivered.status, 200, JSON.stringify(answer));
    assert.ok(answer.businessError, JSON.stringify(answer));
    const entry = await http('GET', `/channels/business-errors/${answer.businessError}`, TEST_KEYS.ops);
    assert.equal(entry.body.details.code, 'CHANNEL_NOT_MAPPED', JSON.stringify(entry.body));
    assert.equal(entry.body.details.channel, 'shopify');
    assert.deepEqual(
      (await app.store.readAll()).filter((e) => e.streamId === 'order-shopify-990001'),
      [],
      'nothing placed',
    );

    const imported = await http('POST', '/reference-data/imports', MASTER_DATA.key, {
      rows: [{ kind: 'channel', key: 'shopify', effectiveFrom: '2020-01-01', companyCode: 'US01' }],
    });
    assert.equal(imported.status, 201, JSON.stringify(imported.body));
    const reprocessed = await http('POST', `/channels/business-errors/${answer.businessError}/reprocessing`, TEST_KEYS.ops);
    assert.equal(reprocessed.body.outcome.status, 'resolved', JSON.stringify(reprocessed.body));
    const placed = (await app.store.readStream('order-shopify-990001'))[0];
    assert.deepEqual([placed.type, (placed.data as { companyCode: string }).companyCode], ['OrderPlaced', 'US01']);
  });
});
