import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GENEROUS_RATE_LIMIT, startTestApp, type TestApp } from '../support/test-app';
import { TEST_CALLERS, TEST_KEYS } from '../support/test-keys';
import { tempDir } from '../support/temp-dir';
import { MASTER_DATA, referenceDataCalls } from './reference-data-calls';

const DAY = '2026-11-21';

describe('a sale refused for an unmapped SKU posts once the mapping is imported', () => {
  const dir = tempDir('awaiting-reference-data');
  let app: TestApp;
  const { http, caughtUp, importRows, sellAndShip } = referenceDataCalls(() => app.base);

  /** The day's batch close: refused while a posting error holds the day back. */
  const closeDay = () => http('POST', '/posting-batches/closes', TEST_KEYS.ops, { companyCode: 'US01', postingDate: DAY });

  before(async () => {
    app = await startTestApp({ dataDir: dir.path, keys: [...TEST_CALLERS, MASTER_DATA], env: { ...GENEROUS_RATE_LIMIT } });
    await importRows([
      { kind: 'sku', key: 'TEE-RED-M', effectiveFrom: '2026-11-01', productGroup: 'apparel' },
      { kind: 'product-group', key: 'apparel', effectiveFrom: '2026-11-01', revenueRole: 'revenue.merchandise' },
    ]);
    // The worked example order with its hoodie line sold as a mug nobody has mapped, shipped whole.
    await sellAndShip('o-mug', DAY, ['TEE-RED-M', 'MUG-WHITE']);
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
