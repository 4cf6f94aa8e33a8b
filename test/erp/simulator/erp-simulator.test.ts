import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BatchExportInput } from '../../../src/erp/batch-export';
import { NetSuiteConnector } from '../../../src/erp/netsuite/netsuite-connector';
import { sapJournalEntryBulk } from '../../../src/erp/sap/sap-journal-entry-bulk';
import { SAP_ASYNC_JOURNAL_ENTRY_PATH } from '../../../src/erp/sap/sap-soap';
import { ErpSimulator } from '../../../src/erp/simulator/erp-simulator';
import { asBatch, simulatorAdmin, simulatorSettings, targetSettings, workedExampleBatch } from '../connector-harness';

describe('ERP simulator', () => {
  let workedExample: BatchExportInput;
  let simulator: ErpSimulator;
  let admin: ReturnType<typeof simulatorAdmin>;

  before(async () => {
    workedExample = await workedExampleBatch('erp-simulator');
    simulator = await ErpSimulator.start(simulatorSettings());
    admin = simulatorAdmin(simulator);
  });
  after(() => simulator.close());

  const postSap = (body: string, contentType = 'text/xml; charset=utf-8') =>
    fetch(`${simulator.urls.sap}${SAP_ASYNC_JOURNAL_ENTRY_PATH}`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('LB_COMM:sap-secret-1').toString('base64')}`, 'content-type': contentType },
      body,
    });

  it('keeps balances per company, account and day equal to what the batch posted', async () => {
    const netsuite = new NetSuiteConnector(targetSettings(simulator, 'netsuite'));
    assert.equal((await netsuite.send(asBatch(workedExample, 1), 1)).outcome, 'acknowledged');
    const { status, body } = await admin.call('GET', '/ledger/balances?erp=netsuite&company=1&from=2026-11-28&to=2026-11-28');
    assert.equal(status, 200);
    const expected = new Map<string, [number, number]>();
    for (const line of workedExample.entries.flatMap((e) => e.lines)) {
      const account = workedExample.chart.companies.US01.netsuite!.accounts[line.role].glAccount;
      const [debit, credit] = expected.get(account) ?? [0, 0];
      expected.set(account, line.side === 'debit' ? [debit + line.amountMinor, credit] : [debit, credit + line.amountMinor]);
    }
    assert.deepEqual(new Map(body.balances.map((b: any) => [b.account, [b.debitMinor, b.creditMinor]])), expected);
    assert.ok(body.balances.every((b: any) => b.erp === 'netsuite' && b.company === '1' && b.currency === 'USD' && b.date === '2026-11-28'));
    assert.deepEqual((await admin.call('GET', '/ledger/balances?erp=netsuite&from=2026-11-29')).body.balances, []);
  });

  it('an outage refuses connections for its seconds, or answers 503 with Retry-After, and ends when cleared', async () => {
    await admin.fault({ erp: 'sap', kind: 'outage', seconds: 60 });
    await assert.rejects(postSap('<x/>'), (error: any) => error.cause?.code === 'ECONNREFUSED');
    assert.equal((await admin.call('GET', '/admin/faults')).body.outages[0].mode, 'refuse-connections');
    await admin.clearFaults();
    assert.equal((await postSap('<x/>')).status, 500, 'back, answering again (a SOAP fault for this body)');

    await admin.fault({ erp: 'netsuite', kind: 'outage', seconds: 60, mode: 'unavailable', retryAfterSeconds: 30 });
    const outcome = await new NetSuiteConnector(targetSettings(simulator, 'netsuite')).send(asBatch(workedExample, 2), 1);
    assert.deepEqual(
      outcome.outcome === 'rejected' && [outcome.reason, outcome.retryable, outcome.httpStatus, outcome.retryAfterMs, outcome.tries],
      ['unavailable', true, 503, 30_000, 1],
      'a Retry-After beyond what the send waits is handed back',
    );
    await admin.clearFaults();
  });

  it('answers SOAP faults for a version mismatch, a DTD and a message without its ID, and posts nothing', async () => {
    const before = (await admin.documents('sap')).length;
    const body = sapJournalEntryBulk(asBatch(workedExample, 3)).body;
    const mismatch = await postSap(body, 'application/soap+xml; charset=utf-8');
    assert.equal(mismatch.status, 500);
    assert.match(await mismatch.text(), /<env:Value>env:VersionMismatch<\/env:Value>/);
    const dtd = await postSap(body.replace('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]>'));
    assert.match(await dtd.text(), /<faultcode>env:Client<\/faultcode><faultstring xml:lang="en">a document type declaration is not allowed/);
    const noId = await postSap(body.replace(/<ID>US01-2026-11-28-3<\/ID>/, ''));
    assert.match(await noId.text(), /MessageHeader\/ID is mandatory/);
    assert.equal((await admin.documents('sap')).length, before);
  });

  it("refuses bad admin input with the field and why, in Ledgerbridge's error shape", async () => {
    const cases: Array<[string, string, unknown, string]> = [
      ['POST', '/admin/faults', { erp: 'sap', kind: 'slow' }, 'delayMs'],
      ['POST', '/admin/faults', { erp: 'netsuite', kind: 'callback', callback: 'never' }, 'erp'],
      ['POST', '/admin/faults', { erp: 'd365', kind: 'throttle', retryAfterSeconds: -1 }, 'retryAfterSeconds'],
      ['POST', '/admin/faults', { erp: 'd365', kind: 'hang', delayMs: 5 }, 'delayMs'],
      ['POST', '/admin/faults', { erp: 'sap', kind: 'outage' }, 'seconds'],
      ['PUT', '/admin/closed-periods', { erp: 'sap', periods: ['2026-13'] }, 'periods'],
      ['GET', '/ledger/balances?from=28.11.2026', undefined, 'from'],
      ['GET', '/admin/requests?erp=oracle', undefined, 'erp'],
    ];
    for (const [method, path, body, field] of cases) {
      const answer = await admin.call(method, path, body);
      assert.equal(answer.status, 400, `${method} ${path} ${JSON.stringify(body)}`);
      assert.equal(answer.body.error.code, 'VALIDATION_FAILED');
      assert.equal(answer.body.error.fields[0].path, field);
    }
    const malformed = await fetch(`${simulator.urls.admin}/admin/faults`, { method: 'POST', body: '{"erp":' });
    assert.equal(malformed.status, 400);
    assert.equal(((await malformed.json()) as { error: { code: string } }).error.code, 'MALFORMED_BODY');
    assert.equal((await admin.call('GET', '/nowhere')).status, 404);
    assert.deepEqual((await admin.call('GET', '/admin/faults')).body, { faults: [], outages: [] }, 'nothing refused was kept');
  });

  it('logs every request with its answer and fault, and counts how many were in flight at once', async () => {
    await admin.fault({ erp: 'sap', kind: 'throttle', retryAfterSeconds: 2, times: 1 });
    const throttled = await postSap('<x/>');
    assert.equal(throttled.status, 429);
    assert.equal(throttled.headers.get('retry-after'), '2');
    const last = (await admin.requests('sap')).at(-1)!;
    assert.deepEqual([last.method, last.path, last.status, last.fault, last.direction], ['POST', SAP_ASYNC_JOURNAL_ENTRY_PATH, 429, 'throttle', 'in']);
    const { stats } = (await admin.call('GET', '/admin/requests')).body;
    assert.ok(stats.sap.requests >= 1 && stats.sap.maxInFlight >= 1 && stats.sap.inFlight === 0);
  });
});
