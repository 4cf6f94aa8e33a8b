import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { workedExampleOrder } from '../order/api/order-requests';
import { call } from '../support/edge-app';
import { GENEROUS_RATE_LIMIT, startTestApp, type TestApp, type TestKey } from '../support/test-app';
import { TEST_CALLERS, TEST_KEYS } from '../support/test-keys';
import { tempDir } from '../support/temp-dir';

const MASTER_DATA: TestKey = { name: 'master-data', key: 'lbk_test-refdata-write-key-0000000000000000', scopes: ['refdata:write'] };

describe("an order over the API books to its channel's company once reference data maps channels", () => {
  const dir = tempDir('channel-company');
  let app: TestApp;
  const http = (method: string, path: string, key: string, body?: unknown) => call(app.base, method, path, { key, ...(body === undefined ? {} : { body }) });
  const place = (orderId: string, companyCode: string, placedAt: string) => http('POST', '/orders', TEST_KEYS.web, { ...workedExampleOrder(orderId), companyCode, placedAt });

  before(async () => {
    app = await startTestApp({ dataDir: dir.path, keys: [...TEST_CALLERS, MASTER_DATA], env: { ...GENEROUS_RATE_LIMIT } });
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
});
