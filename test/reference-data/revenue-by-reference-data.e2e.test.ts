import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GENEROUS_RATE_LIMIT, startTestApp, type TestApp } from '../support/test-app';
import { TEST_CALLERS, TEST_KEYS } from '../support/test-keys';
import { tempDir } from '../support/temp-dir';
import { MASTER_DATA, referenceDataCalls } from './reference-data-calls';

describe('revenue by reference data: a SKU remapped mid-period, a SKU not mapped, a rebuild', () => {
  const dir = tempDir('revenue-reference-data');
  let app: TestApp;
  const { http, caughtUp, importRows, sellAndShip } = referenceDataCalls(() => app.base);

  /** The revenue entry of the day's batch: its credit lines by role, and the reference data version it names. */
  async function revenueOf(day: string) {
    const closed = await http('POST', '/posting-batches/closes', TEST_KEYS.ops, { companyCode: 'US01', postingDate: day });
    assert.equal(closed.status, 201, JSON.stringify(closed.body));
    const detail = (await http('GET', `/posting-batches/${closed.body.batchId}`, TEST_KEYS.finance)).body;
    const entry = detail.entries.find((e: any) => e.kind === 'revenue-recognized');
    return {
      entryId: entry.entryId,
      version: entry.referenceDataVersion,
      revenue: entry.lines.filter((l: any) => l.role.startsWith('revenue.') && l.role !== 'revenue.shipping').map((l: any) => [l.role, l.amountMinor]),
    };
  }

  before(async () => {
    app = await startTestApp({ dataDir: dir.path, keys: [...TEST_CALLERS, MASTER_DATA], env: { ...GENEROUS_RATE_LIMIT } });
  });
  after(async () => {
    await app.close();
    dir.remove();
  });

  it('posts all revenue to revenue.merchandise while no SKU is mapped, as before', async () => {
    await sellAndShip('o-before', '2026-11-05');
    await caughtUp();
    const { version, revenue } = await revenueOf('2026-11-05');
    assert.deepEqual([version, revenue], [undefined, [['revenue.merchandise', 10500]]]);
  });

  it('splits revenue by product group as of the business day: earlier entries keep the old role, later ones take the new', async () => {
    await importRows([
      { kind: 'sku', key: 'TEE-RED-M', effectiveFrom: '2026-11-01', productGroup: 'apparel' },
      { kind: 'sku', key: 'HOODIE-GRY-L', effectiveFrom: '2026-11-01', productGroup: 'apparel' },
      { kind: 'product-group', key: 'apparel', effectiveFrom: '2026-11-01', revenueRole: 'revenue.merchandise' },
      { kind: 'product-group', key: 'partner-goods', effectiveFrom: '2026-11-01', revenueRole: 'revenue.consignment' },
    ]);
    await sellAndShip('o-early', '2026-11-10');
    // Mid-period: from the 15th the hoodie is a partner's, sold on consignment.
    const remapped = await importRows([{ kind: 'sku', key: 'HOODIE-GRY-L', effectiveFrom: '2026-11-15', productGroup: 'partner-goods' }]);
    await sellAndShip('o-late', '2026-11-20');
    await caughtUp();

    const early = await revenueOf('2026-11-10');
    assert.deepEqual([early.version, early.revenue], [1, [['revenue.merchandise', 10500]]]);
    const late = await revenueOf('2026-11-20');
    assert.deepEqual(
      [late.version, late.revenue],
      [
        remapped,
        [
          ['revenue.merchandise', 6000],
          ['revenue.consignment', 4500],
        ],
      ],
    );

    const audited = await http('GET', `/audit/entries/${encodeURIComponent(late.entryId)}/rebuild`, TEST_KEYS.audit);
    assert.equal(audited.body.match, true, JSON.stringify(audited.body.differences));
    const sap = await (await fetch(`${app.base}/posting-batches/US01-2026-11-20-1/exports/sap`, { headers: { authorization: `Bearer ${TEST_KEYS.finance}` } })).text();
    assert.match(sap, /<GLAccount>0000401300<\/GLAccount>/, 'consignment revenue goes to its GL account');
  });

  it('refuses the revenue of a SKU reference data does not map, rather than post it to a default account', async () => {
    await sellAndShip('o-unmapped', '2026-11-21', ['TEE-RED-M', 'MUG-WHITE']);
    await caughtUp();
    const refused = await http('POST', '/posting-batches/closes', TEST_KEYS.ops, { companyCode: 'US01', postingDate: '2026-11-21' });
    assert.equal(refused.body.error?.code, 'POSTING_ERRORS_OPEN', JSON.stringify(refused.body));
    assert.match(refused.body.error.message, /SKU MUG-WHITE has no product group on 2026-11-21/);
  });

  it('rebuilds the journal from position 0 byte-identical after the change', async () => {
    const rebuilt = await http('POST', '/projections/journal/rebuild', TEST_KEYS.ops);
    assert.equal(rebuilt.status, 200, JSON.stringify(rebuilt.body));
    assert.deepEqual([rebuilt.body.equal, rebuilt.body.differingTables], [true, []]);
  });
});
