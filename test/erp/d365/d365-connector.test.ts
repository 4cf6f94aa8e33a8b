import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BatchExportInput } from '../../../src/erp/batch-export';
import { D365Connector } from '../../../src/erp/d365/d365-connector';
import { readBatch, writeBatch } from '../../../src/erp/d365/odata-batch';
import { ErpSimulator } from '../../../src/erp/simulator/erp-simulator';
import { asBatch, simulatorAdmin, simulatorSettings, targetSettings, workedExampleBatch } from '../connector-harness';

describe('OData $batch bodies', () => {
  it('reads back what it writes: changesets, start lines, headers, bodies and Content-IDs', () => {
    const messages = [
      { startLine: 'POST http://d365/data/LedgerJournalLines HTTP/1.1', headers: { 'content-type': 'application/json' }, body: '{"Voucher":"B-1"}', contentId: '1' },
      {
        startLine: 'POST http://d365/data/LedgerJournalLines HTTP/1.1',
        headers: { 'content-type': 'application/json' },
        body: '{"Voucher":"B-2"}\r\n--not-a-boundary',
        contentId: '2',
      },
    ];
    const body = writeBatch('batch_1', [
      { boundary: 'changeset_a', messages },
      { boundary: 'changeset_b', messages: [messages[0]] },
    ]);
    assert.deepEqual(readBatch('multipart/mixed; boundary=batch_1', body), [messages, [messages[0]]]);
    assert.throws(() => readBatch('multipart/mixed; boundary=batch_1', body.replace('--batch_1--', '')), /does not end with --batch_1--/);
    assert.throws(() => readBatch('application/json', body), /boundary/);
  });
});

describe('D365 connector and simulator', () => {
  let workedExample: BatchExportInput;
  let simulator: ErpSimulator;
  let admin: ReturnType<typeof simulatorAdmin>;
  let d365: D365Connector;

  before(async () => {
    workedExample = await workedExampleBatch('d365-connector');
    simulator = await ErpSimulator.start(simulatorSettings());
    admin = simulatorAdmin(simulator);
    d365 = new D365Connector(targetSettings(simulator, 'd365'));
  });
  after(() => simulator.close());

  const journalsOf = async (batchId: string) => (await admin.documents('d365')).filter((d) => d.key === `Ledgerbridge posting batch ${batchId}`);

  it('a journal left without its lines is found again by its description and completed: one journal, every line', async () => {
    const input = asBatch(workedExample, 1);
    await admin.fault({ erp: 'd365', kind: 'refuse', match: 'US01-2026-11-28-1-3' });
    const refused = await d365.send(input, 1);
    assert.equal(refused.outcome, 'rejected');
    assert.deepEqual(refused.outcome === 'rejected' && refused.refusedEntries.map((e) => e.position), [3], 'the voucher D365 named');
    const [journal] = await journalsOf('US01-2026-11-28-1');
    assert.equal(journal.lines.length, 0, 'the changeset was refused whole');
    assert.deepEqual(refused.outcome === 'rejected' && refused.documents, [{ entry: null, documentNumber: journal.documentNumber }]);

    await admin.clearFaults();
    const sent = await d365.send(input, 2);
    assert.deepEqual(sent.outcome === 'acknowledged' && sent.documents, [{ entry: null, documentNumber: journal.documentNumber }]);
    const journals = await journalsOf('US01-2026-11-28-1');
    assert.equal(journals.length, 1);
    assert.equal(journals[0].lines.length, 16);
  });

  it('sends a large batch in several $batch requests of whole vouchers', async () => {
    const big = { ...asBatch(workedExample, 2), entries: Array.from({ length: 10 }, () => workedExample.entries).flat() };
    const before = (await admin.requests('d365')).filter((r) => r.path === '/data/$batch').length;
    const sent = await d365.send(big, 1);
    assert.equal(sent.outcome, 'acknowledged', JSON.stringify(sent));
    assert.equal((await admin.requests('d365')).filter((r) => r.path === '/data/$batch').length - before, 2, '160 lines, at most 150 per $batch');
    const [journal] = await journalsOf('US01-2026-11-28-2');
    assert.equal(journal.lines.length, 160);
  });

  it("refuses lines in a closed period with D365's write exception, not retried", async () => {
    await admin.call('PUT', '/admin/closed-periods', { erp: 'd365', periods: ['2026-11'] });
    const outcome = await d365.send(asBatch(workedExample, 3), 1);
    await admin.call('PUT', '/admin/closed-periods', { erp: 'd365', periods: [] });
    assert.deepEqual(outcome.outcome === 'rejected' && [outcome.reason, outcome.retryable, outcome.tries], ['refused', false, 1]);
    assert.match(
      outcome.outcome === 'rejected' ? outcome.message : '',
      /Write failed for table row of type 'LedgerJournalLineEntity'\. Infolog: Error: The accounting date 2026-11-28 is in a period that is not open/,
    );
  });

  it("a wrong client secret is refused at Entra's token endpoint; the outcome names the application, never the secret", async () => {
    const wrong = new D365Connector(targetSettings(simulator, 'd365', {}, { clientSecret: 'wrong-secret-777' }));
    const outcome = await wrong.send(asBatch(workedExample, 4), 1);
    assert.deepEqual(outcome.outcome === 'rejected' && [outcome.reason, outcome.retryable], ['unauthorized', false]);
    assert.match(outcome.outcome === 'rejected' ? outcome.message : '', /AADSTS7000215: Invalid client secret provided/);
    assert.doesNotMatch(JSON.stringify(outcome), /wrong-secret-777/);
  });
});
