import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually } from '../esdb-protocol/endpoint-fixture';
import { workedExampleOrder } from '../order/api/order-requests';
import { call } from '../support/edge-app';
import { GENEROUS_RATE_LIMIT, startTestApp, type TestApp, type TestKey } from '../support/test-app';
import { TEST_CALLERS, TEST_KEYS } from '../support/test-keys';
import { tempDir } from '../support/temp-dir';

const MASTER_DATA: TestKey = { name: 'master-data', key: 'lbk_test-refdata-write-key-0000000000000000', scopes: ['refdata:write'] };
const DAY = '2026-11-21';

describe('a sale refused for an unmapped SKU posts once the mapping is imported', () => {
  const dir = tempDir('awaiting-reference-data');
  let app: TestApp;
  const http = (method: string, path: string, key: string, body?: unknown) => call(app.base, method, path, { key, ...(body === undefined ? {} : { body }) });

  async function caughtUp() {
    const behind = async () => ((await http('GET', '/projections', TEST_KEYS.finance)).body.projections as any[]).every((p) => p.eventsBehind === 0);
    await eventually(behind, 'the read models catch up');
  }

  const importRows = async (rows: object[]) => {
    const answer = await http('POST', '/reference-data/imports', MASTER_DATA.key, { rows });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    await caughtUp();
    return answer.body.version as number;
  };

  /** The day's batch close: refused while a posting error holds the day back. */
  const closeDay = () => http('POST', '/posting-batches/closes', TEST_KEYS.ops, { companyCode: 'US01', postingDate: DAY });

  before(async () => {
    app = await startTestApp({ dataDir: dir.path, keys: [...TEST_CALLERS, MASTER_DATA], env: { ...GENEROUS_RATE_LIMIT } });
    await importRows([
      { kind: 'sku', key: 'TEE-RED-M', effectiveFrom: '2026-11-01', productGroup: 'apparel' },
      { kind: 'product-group', key: 'apparel', effectiveFrom: '2026-11-01', revenueRole: 'revenue.merchandise' },
    ]);
    // The worked example order with its hoodie line sold as a mug nobody has mapped, shipped whole.
    const order = workedExampleOrder('o-mug');
    const at = `${DAY}T09:00:00Z`;
    const steps: Array<[string, unknown]> = [
      ['/orders', { ...order, placedAt: `${DAY}T08:00:00Z`, lines: order.lines.map((line, i) => ({ ...line, sku: ['TEE-RED-M', 'MUG-WHITE'][i] })) }],
      ['/orders/o-mug/authorizations', { authorizationId: 'auth-1', amountMinor: 10519, currency: 'USD', at }],
      ['/orders/o-mug/captures', { captureId: 'cap-1', amountMinor: 10519, currency: 'USD', at }],
      [
        '/orders/o-mug/shipments',
        {
          shipmentId: 's-1',
          lines: [
            { lineId: 'L1', quantity: 2 },
            { lineId: 'L2', quantity: 1 },
          ],
          shippedAt: at,
        },
      ],
    ];
    for (const [path, body] of steps) assert.equal((await http('POST', path, TEST_KEYS.web, body)).status, 201, path);
    await caughtUp();
  });
  after(async () => {
    await app.close();
    dir.remove();
  });

  it('holds the day back with the posting error naming the SKU', async () => {
    const refused = await closeDay();
    assert.equal(refused.body.error?.code, 'POSTING_ERRORS_OPEN', JSON.stringify(refused.body));
    assert.match(refused.body.error.message, /SKU MUG-WHITE has no product group on 2026-11-21/);
  });

  it('keeps the error while the mapping is effective only after the sale, or names what is still missing', async () => {
    await importRows([{ kind: 'sku', key: 'MUG-WHITE', effectiveFrom: '2026-11-25', productGroup: 'apparel' }]);
    assert.match((await closeDay()).body.error?.message, /SKU MUG-WHITE has no product group on 2026-11-21/);
    await importRows([{ kind: 'sku', key: 'MUG-WHITE', effectiveFrom: '2026-11-01', productGroup: 'homeware' }]);
    assert.match((await closeDay()).body.error?.message, /product group homeware \(SKU MUG-WHITE\) has no revenue role on 2026-11-21/);
  });

  it('posts the revenue at the import that supplies the mapping, with its version, and the day closes', async () => {
    const version = await importRows([{ kind: 'product-group', key: 'homeware', effectiveFrom: '2026-11-01', revenueRole: 'revenue.services' }]);
    const closed = await closeDay();
    assert.equal(closed.status, 201, JSON.stringify(closed.body));
    const detail = (await http('GET', `/posting-batches/${closed.body.batchId}`, TEST_KEYS.finance)).body;
    const revenue = detail.entries.find((e: any) => e.kind === 'revenue-recognized');
    assert.equal(revenue.referenceDataVersion, version);
    assert.deepEqual(
      revenue.lines.filter((l: any) => l.side === 'credit' && l.role.startsWith('revenue.') && l.role !== 'revenue.shipping').map((l: any) => [l.role, l.amountMinor]),
      [
        ['revenue.merchandise', 6000],
        ['revenue.services', 4500],
      ],
    );
    assert.equal(revenue.event.streamId, 'order-o-mug', 'the entry keeps its fact lineage');

    const entry = await http('GET', `/audit/entries/${encodeURIComponent(revenue.entryId)}/rebuild`, TEST_KEYS.audit);
    assert.equal(entry.body.match, true, JSON.stringify(entry.body));
    assert.ok(
      entry.body.events.some((e: any) => e.role === 'context' && e.type === 'ReferenceDataImported'),
      'the rebuild names the import it posted at',
    );
    const batch = await http('GET', `/audit/batches/${closed.body.batchId}/rebuild`, TEST_KEYS.audit);
    assert.equal(batch.status, 200, JSON.stringify(batch.body));
    assert.equal(batch.body.match, true, JSON.stringify(batch.body));
  });

  it('rebuilds the journal from position 0 byte-identical', async () => {
    const rebuilt = await http('POST', '/projections/journal/rebuild', TEST_KEYS.ops);
    assert.equal(rebuilt.status, 200, JSON.stringify(rebuilt.body));
    assert.deepEqual([rebuilt.body.equal, rebuilt.body.differingTables], [true, []]);
  });
});
