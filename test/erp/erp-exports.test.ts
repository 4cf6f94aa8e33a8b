import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type ChartOfAccounts, UnmappedAccountError } from '../../src/ledger/chart-of-accounts/chart-of-accounts';
import { loadChartOfAccounts, SHIPPED_CHART_OF_ACCOUNTS } from '../../src/config/chart-of-accounts/chart-of-accounts.file';
import type { BatchExportInput } from '../../src/erp/batch-export';
import { decimalText } from '../../src/erp/erp-amount';
import { exportBatch } from '../../src/erp/export-batch';
import { batchHarness } from '../projections/posting-batches/batch-harness';
import { EXAMPLE_DATE, workedExampleCommands } from '../projections/posting-batches/worked-example';
import { wellFormedXml } from './well-formed-xml';

/** Golden files stay in the source tree; this file runs from <build dir>/test/erp. */
const GOLDEN = resolve(__dirname, '..', '..', '..', 'test', 'erp', 'golden');
/** The one value an export takes from the store's clock (the close's recordedAt), pinned for the golden files. */
const CLOSED_AT = '2026-11-28T23:00:00.000Z';

const golden = (name: string) => readFileSync(resolve(GOLDEN, name), 'utf8');

describe('ERP exports of the worked example batch', () => {
  let harness: Awaited<ReturnType<typeof batchHarness>>;
  let input: BatchExportInput;
  let chart: ChartOfAccounts;

  before(async () => {
    harness = await batchHarness('erp-exports');
    await harness.send('o-1001', ...workedExampleCommands('o-1001'));
    const closed = await harness.closer.close('US01', EXAMPLE_DATE);
    const recorded = harness.queries.find(closed.batchId)!;
    chart = loadChartOfAccounts(SHIPPED_CHART_OF_ACCOUNTS);
    input = { batch: { ...recorded, closedAt: CLOSED_AT }, entries: harness.queries.entriesOf(recorded), chart };
  });
  after(() => harness.close());

  for (const [format, file] of [
    ['sap', 'worked-example.sap.xml'],
    ['netsuite', 'worked-example.netsuite.json'],
    ['d365', 'worked-example.d365.json'],
  ] as const) {
    it(`${format}: matches the golden file byte for byte, and again on a second export`, () => {
      const first = exportBatch(format, input);
      assert.equal(first.body, golden(file));
      assert.equal(exportBatch(format, input).body, first.body, 'same batch, same bytes');
      assert.equal(first.fileName, `US01-2026-11-28-1.${format}.${format === 'sap' ? 'xml' : 'json'}`);
    });
  }

  it('sap: carries the batch id as the bulk message id, each entry with S/H and signed amounts, well-formed', () => {
    const xml = exportBatch('sap', input).body;
    assert.deepEqual(wellFormedXml(xml), []);
    assert.match(xml, /<sfin:JournalEntryBulkCreateRequest>\n {6}<MessageHeader>\n {8}<ID>US01-2026-11-28-1<\/ID>/);
    assert.equal(xml.match(/<JournalEntryCreateRequest>/g)?.length, 5);
    assert.match(
      xml,
      /<GLAccount>0000113100<\/GLAccount>\n\s*<AmountInTransactionCurrency currencyCode="USD">105\.19<\/AmountInTransactionCurrency>\n\s*<DebitCreditCode>S<\/DebitCreditCode>/,
    );
    assert.match(
      xml,
      /<GLAccount>0000222000<\/GLAccount>\n\s*<AmountInTransactionCurrency currencyCode="USD">-7\.20<\/AmountInTransactionCurrency>\n\s*<DebitCreditCode>H<\/DebitCreditCode>/,
    );
  });

  it('netsuite: one journalentry per entry, externalId from batch id and position, debits equal credits', () => {
    const records = JSON.parse(exportBatch('netsuite', input).body) as any[];
    assert.equal(records.length, 5);
    assert.deepEqual(
      records.map((r) => r.externalId),
      [1, 2, 3, 4, 5].map((n) => `US01-2026-11-28-1-${n}`),
    );
    for (const record of records) {
      const cents = (side: 'debit' | 'credit') => record.line.items.reduce((sum: number, item: any) => sum + Math.round((item[side] ?? 0) * 100), 0);
      assert.equal(cents('debit'), cents('credit'), record.externalId);
      assert.deepEqual([record.subsidiary, record.currency, record.tranDate], [{ id: '1' }, { id: '1' }, EXAMPLE_DATE]);
    }
  });

  it('netsuite: an external id only ever holds what an eid: URL can carry, and two batches stay apart', () => {
    const dotted = (companyCode: string) => ({ ...input, batch: { ...input.batch, batchId: `${companyCode}-2026-11-28-1`, companyCode } });
    const chartWith = (codes: string[]): ChartOfAccounts => ({ file: 'dotted.json', companies: Object.fromEntries(codes.map((code) => [code, chart.companies.US01])) });
    const ids = (companyCode: string) =>
      (JSON.parse(exportBatch('netsuite', { ...dotted(companyCode), chart: chartWith([companyCode]) }).body) as any[]).map((r) => r.externalId as string);
    const [first] = ids('US.01');
    const [second] = ids('US_01');
    assert.match(first, /^US_01-2026-11-28-1-1_[0-9a-f]{8}$/);
    assert.equal(second, 'US_01-2026-11-28-1-1');
    assert.notEqual(first, second);
  });

  it('sap: message ids fit in 35 characters and stay apart for long company codes; the UUID is the same for the same batch', () => {
    const long = {
      ...input,
      batch: { ...input.batch, batchId: 'COMPANY-CODE-16C-2026-11-28-123456', companyCode: 'COMPANY-CODE-16C' },
      chart: { file: 'long.json', companies: { 'COMPANY-CODE-16C': chart.companies.US01 } },
    };
    const xml = exportBatch('sap', long).body;
    const ids = [...xml.matchAll(/<ID>([^<]*)<\/ID>/g)].map((m) => m[1]);
    assert.equal(ids.length, 6);
    assert.deepEqual(
      ids.filter((id) => id.length > 35),
      [],
    );
    assert.equal(ids[0], 'COMPANY-CODE-16C-2026-11-28-123456', 'an id that fits is sent as is');
    assert.match(ids[1], /^COMPANY-CODE-16C-2026-11-2~[0-9a-f]{8}$/);
    assert.equal(new Set(ids).size, 6, 'every message id distinct');
    const uuid = (body: string) => body.match(/<UUID>([^<]*)<\/UUID>/)![1];
    assert.equal(uuid(exportBatch('sap', long).body), uuid(xml));
    assert.notEqual(uuid(exportBatch('sap', input).body), uuid(xml));
  });

  it('d365: the file groups lines under the batch id, one voucher per entry, described for the lookup a resend makes', () => {
    const journal = JSON.parse(exportBatch('d365', input).body);
    assert.equal(journal.header.JournalBatchNumber, 'US01-2026-11-28-1');
    assert.equal(journal.header.Description, 'Ledgerbridge posting batch US01-2026-11-28-1');
    assert.equal(journal.lines.length, 16);
    assert.deepEqual(
      [...new Set(journal.lines.map((l: any) => l.Voucher))],
      [1, 2, 3, 4, 5].map((n) => `US01-2026-11-28-1-${n}`),
    );
    assert.ok(journal.lines.every((l: any) => l.JournalBatchNumber === 'US01-2026-11-28-1' && l.dataAreaId === 'USMF'));
  });

  it('refuses to export a line whose role has no account, naming file, company code, ERP and role', () => {
    const { bank: _bank, ...rest } = chart.companies.US01.sap!.accounts;
    const withoutRefunds = Object.fromEntries(Object.entries(rest).filter(([role]) => role !== 'liability.refunds-payable'));
    const partial: ChartOfAccounts = { file: 'partial.json', companies: { US01: { ...chart.companies.US01, sap: { companyCode: '1010', accounts: withoutRefunds } } } };
    assert.throws(
      () => exportBatch('sap', { ...input, chart: partial }),
      (error: unknown) =>
        error instanceof UnmappedAccountError && error.message === 'chart of accounts partial.json: company US01, ERP sap: role liability.refunds-payable has no GL account',
    );
  });

  it('sap: fits long ids into SAP field lengths, deterministically and keeping distinct ids apart', () => {
    const longId = (n: number) => ({
      ...input,
      entries: input.entries.map((entry) => ({
        ...entry,
        sourceId: `shopify-820982911946154508${n}`,
        lines: entry.lines.map((line) => ({ ...line, promotionId: `promotion-spring-clearance-2026-${n}-with-a-long-name` })),
      })),
    });
    const values = (xml: string, field: string) => [...xml.matchAll(new RegExp(`<${field}>([^<]*)</${field}>`, 'g'))].map((m) => m[1]);
    const first = exportBatch('sap', longId(1)).body;
    for (const [field, max] of [
      ['DocumentReferenceID', 16],
      ['DocumentHeaderText', 25],
      ['DocumentItemText', 50],
    ] as const) {
      const long = values(first, field).filter((v) => v.length > max);
      assert.deepEqual(long, [], `${field} longer than SAP's ${max} characters`);
    }
    assert.equal(exportBatch('sap', longId(1)).body, first, 'the same batch gives the same document');
    const [one] = values(first, 'DocumentReferenceID');
    const [two] = values(exportBatch('sap', longId(2)).body, 'DocumentReferenceID');
    assert.notEqual(one, two, 'two long ids that share their start stay apart');
    assert.match(one, /^shopify~[0-9a-f]{8}$/);
    assert.deepEqual(wellFormedXml(first), []);
  });

  it('escapes what the chart puts into XML and keeps it well-formed', () => {
    const tricky: ChartOfAccounts = {
      file: 'tricky.json',
      companies: {
        US01: {
          sap: {
            companyCode: 'A&B',
            accounts: Object.fromEntries(Object.entries(chart.companies.US01.sap!.accounts).map(([role, m]) => [role, { ...m, costCenter: `R&D <"'>` }])),
          },
        },
      },
    };
    const xml = exportBatch('sap', { ...input, chart: tricky }).body;
    assert.deepEqual(wellFormedXml(xml), []);
    assert.match(xml, /<CompanyCode>A&amp;B<\/CompanyCode>/);
    assert.match(xml, /<CostCenter>R&amp;D &lt;&quot;&apos;&gt;<\/CostCenter>/);
  });
});

describe('ERP amounts', () => {
  it('places the decimal point by the currency exponent, exactly, for any size', () => {
    const cases: Array<[number, string, string]> = [
      [10519, 'USD', '105.19'],
      [-286, 'EUR', '-2.86'],
      [5, 'USD', '0.05'],
      [0, 'USD', '0.00'],
      [1200, 'JPY', '1200'],
      [1250, 'KWD', '1.250'],
      [999_999_999_999_99, 'USD', '999999999999.99'],
    ];
    for (const [minor, currency, text] of cases) assert.equal(decimalText(minor, currency), text, `${minor} ${currency}`);
  });
});
