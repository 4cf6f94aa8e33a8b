import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually } from '../esdb-protocol/endpoint-fixture';
import { posSale } from '../fuzz/fuzz-targets';
import { call } from '../support/edge-app';
import { GENEROUS_RATE_LIMIT, startTestApp, type TestApp } from '../support/test-app';
import { TEST_CALLERS, TEST_KEYS } from '../support/test-keys';
import { tempDir } from '../support/temp-dir';
import { MASTER_DATA } from './reference-data-calls';

describe('a register sale at a store reference data does not map waits on the business-error queue, and posts once mapped', () => {
  const dir = tempDir('unknown-location');
  let app: TestApp;
  const http = (method: string, path: string, key: string, body?: unknown) => call(app.base, method, path, { key, ...(body === undefined ? {} : { body }) });
  const importRows = async (rows: object[]) => assert.equal((await http('POST', '/reference-data/imports', MASTER_DATA.key, { rows })).status, 201);

  before(async () => {
    app = await startTestApp({ dataDir: dir.path, keys: [...TEST_CALLERS, MASTER_DATA], env: { ...GENEROUS_RATE_LIMIT } });
  });
  after(async () => {
    await app.close();
    dir.remove();
  });

  it('queues the sale, places nothing, then places it under the mapped company when reprocessed', async () => {
    // Another store is mapped: from now on reference data governs locations.
    await importRows([{ kind: 'location', key: 'S900', effectiveFrom: '2026-11-01', companyCode: 'US01' }]);
    const sale = posSale('T-LOC-1');
    const refused = await http('POST', '/channels/pos/transactions', TEST_KEYS.pos, sale);
    assert.equal(refused.status, 422, JSON.stringify(refused.body));
    assert.equal(refused.body.error.code, 'LOCATION_NOT_MAPPED');
    const { businessErrorId } = refused.body.error.details;
    const queued = await http('GET', `/channels/business-errors/${businessErrorId}`, TEST_KEYS.ops);
    assert.deepEqual([queued.body.status, queued.body.reason, queued.body.details.storeId], ['open', 'LOCATION_NOT_MAPPED', 'S001']);
    const orders = (await app.store.readAll()).filter((e) => e.streamId.startsWith('order-'));
    assert.deepEqual(orders, [], 'no order was placed');

    const stillUnknown = await http('POST', `/channels/business-errors/${businessErrorId}/reprocessing`, TEST_KEYS.ops);
    assert.deepEqual([stillUnknown.body.outcome.status, stillUnknown.body.outcome.reason, stillUnknown.body.entry.status], ['rejected', 'LOCATION_NOT_MAPPED', 'open']);

    await importRows([{ kind: 'location', key: 'S001', effectiveFrom: '2026-11-01', companyCode: 'DE01', costCenter: 'CC-S001' }]);
    const reprocessed = await http('POST', `/channels/business-errors/${businessErrorId}/reprocessing`, TEST_KEYS.ops);
    assert.equal(reprocessed.status, 200, JSON.stringify(reprocessed.body));
    assert.deepEqual([reprocessed.body.outcome.status, reprocessed.body.entry.status], ['resolved', 'resolved']);
    const { orderId } = reprocessed.body.outcome.answer;
    const [placed] = await app.store.readStream(`order-${orderId}`);
    assert.deepEqual([placed.type, (placed.data as any).companyCode], ['OrderPlaced', 'DE01'], "placed under the store's company");

    const posted = async () => (await http('GET', '/finance/trial-balance?companyCode=DE01&from=2026-11-27&to=2026-11-27', TEST_KEYS.finance)).body.rows?.length > 0;
    await eventually(posted, "the sale's entries post under DE01");
    const again = await http('POST', '/channels/pos/transactions', TEST_KEYS.pos, sale);
    assert.equal(again.status, 201, 'the register sending it again gets the recorded sale');
    assert.equal(again.body.orderId, orderId);
  });
});
