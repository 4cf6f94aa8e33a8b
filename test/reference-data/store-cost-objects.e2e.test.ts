import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { posSale } from '../fuzz/fuzz-targets';
import { GENEROUS_RATE_LIMIT, startTestApp, type TestApp } from '../support/test-app';
import { TEST_CALLERS, TEST_KEYS } from '../support/test-keys';
import { tempDir } from '../support/temp-dir';
import { registerClose } from '../support/write-routes';
import { MASTER_DATA, referenceDataCalls } from './reference-data-calls';

const DAY = '2026-11-27';

describe("a store's cost and profit centers on its entries and in the ERP exports", () => {
  const dir = tempDir('store-cost-objects');
  let app: TestApp;
  let batchId: string;
  let entries: any[];
  const { http, caughtUp, importRows } = referenceDataCalls(() => app.base);
  const exported = async (erp: string) =>
    (await fetch(`${app.base}/posting-batches/${batchId}/exports/${erp}`, { headers: { authorization: `Bearer ${TEST_KEYS.finance}` } })).text();

  const closeDay = () => http('POST', '/posting-batches/closes', TEST_KEYS.ops, { companyCode: 'US01', postingDate: DAY });

  before(async () => {
    app = await startTestApp({ dataDir: dir.path, keys: [...TEST_CALLERS, MASTER_DATA], env: { ...GENEROUS_RATE_LIMIT } });
  });
  after(async () => {
    await app.close();
    dir.remove();
  });

  it("holds a register close at a store with no mapping until the store's import, then posts it with that store's cost objects", async () => {
    await importRows([{ kind: 'location', key: 'S001', effectiveFrom: '2026-11-01', companyCode: 'US01', costCenter: 'CC1001', profitCenter: 'PC10' }]);
    assert.equal((await http('POST', '/channels/pos/transactions', TEST_KEYS.pos, posSale('T-CO-1'))).status, 201);
    const closed = await http('POST', '/registers/S002/reg-1/closes', TEST_KEYS.settlements, registerClose());
    assert.equal(closed.status, 201, JSON.stringify(closed.body));
    await caughtUp();
    const refused = await closeDay();
    assert.equal(refused.body.error?.code, 'POSTING_ERRORS_OPEN', JSON.stringify(refused.body));
    assert.match(refused.body.error.message, /store S002 has no location mapping on 2026-11-27/);

    const version = await importRows([{ kind: 'location', key: 'S002', effectiveFrom: '2026-11-01', companyCode: 'US01', costCenter: 'CC2002', profitCenter: 'PC20' }]);
    const batch = await closeDay();
    assert.equal(batch.status, 201, JSON.stringify(batch.body));
    batchId = batch.body.batchId;
    entries = (await http('GET', `/posting-batches/${batchId}`, TEST_KEYS.finance)).body.entries;
    const register = entries.find((e) => e.kind === 'register-close');
    assert.deepEqual([register.costCenter, register.profitCenter, register.referenceDataVersion], ['CC2002', 'PC20', version]);
  });

  it("gives every entry of a sale at a mapped store the store's cost objects and the location mapping's version", () => {
    const sale = entries.filter((e) => e.sourceType === 'order');
    assert.ok(sale.length >= 2, JSON.stringify(entries));
    for (const entry of sale) assert.deepEqual([entry.kind, entry.costCenter, entry.profitCenter, entry.referenceDataVersion], [entry.kind, 'CC1001', 'PC10', 1]);
  });

  it('exports the profit center on every line and the store cost center where the account takes one, in SAP, NetSuite and D365', async () => {
    const sap = await exported('sap');
    assert.match(
      sap,
      /<GLAccount>0000619000<\/GLAccount>[\s\S]*?<AccountAssignment>\s*<CostCenter>CC2002<\/CostCenter>\s*<ProfitCenter>PC20<\/ProfitCenter>/,
      'cash over/short at S002',
    );
    assert.match(
      sap,
      /<GLAccount>0000401000<\/GLAccount>[\s\S]*?<AccountAssignment>\s*<ProfitCenter>PC10<\/ProfitCenter>\s*<\/AccountAssignment>/,
      'revenue at S001: no cost center',
    );
    const netsuite = JSON.parse(await exported('netsuite'));
    const lines = netsuite.flatMap((record: any) => record.line.items);
    assert.ok(
      lines.some((l: any) => l.department?.id === 'CC2002' && l.class?.id === 'PC20'),
      JSON.stringify(lines),
    );
    assert.ok(lines.every((l: any) => l.class?.id === 'PC10' || l.class?.id === 'PC20'));
    const d365 = JSON.parse(await exported('d365'));
    const values = d365.lines.map((l: any) => l.AccountDisplayValue);
    assert.ok(
      values.some((v: string) => v.endsWith('-CC2002-PC20')),
      JSON.stringify(values),
    );
    assert.ok(
      values.some((v: string) => v.endsWith('--PC10')),
      JSON.stringify(values),
    );
  });

  it('rebuilds the entries from history alike, and the journal byte-identical', async () => {
    const batch = await http('GET', `/audit/batches/${batchId}/rebuild`, TEST_KEYS.audit);
    assert.equal(batch.body.match, true, JSON.stringify(batch.body));
    const register = entries.find((e) => e.kind === 'register-close');
    const entry = await http('GET', `/audit/entries/${encodeURIComponent(register.entryId)}/rebuild`, TEST_KEYS.audit);
    assert.equal(entry.body.match, true, JSON.stringify(entry.body));
    const rebuilt = await http('POST', '/projections/journal/rebuild', TEST_KEYS.ops);
    assert.deepEqual([rebuilt.body.equal, rebuilt.body.differingTables], [true, []]);
  });
});
