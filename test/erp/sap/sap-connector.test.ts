import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ChartOfAccounts } from '../../../src/ledger/chart-of-accounts/chart-of-accounts';
import type { BatchExportInput } from '../../../src/erp/batch-export';
import { readSapConfirmation } from '../../../src/erp/sap/sap-confirmation';
import { SapConnector } from '../../../src/erp/sap/sap-connector';
import { ErpSimulator } from '../../../src/erp/simulator/erp-simulator';
import { asBatch, SAP_CALLBACK_CREDENTIALS, simulatorAdmin, simulatorSettings, startSapCallback, targetSettings, workedExampleBatch } from '../connector-harness';

/** SAP's own answers, abridged from a Cloud tenant (research notes §1.4): one posted entry, one refused. */
const SAP_CONFIRMATION = `<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/"><soap-env:Header/><soap-env:Body>
<n0:JournalEntryBulkCreateConfirmation xmlns:n0="http://sap.com/xi/SAPSCORE/SFIN" xmlns:prx="urn:sap.com:proxy:XGJ:/1SAI/TAS3D871C7855B59197A671:795">
  <MessageHeader><UUID>2d656d48-6d1b-1eee-bc82-9fbbd1ef35ff</UUID><ReferenceID>MSG_2024-03-28</ReferenceID><CreationDateTime>2024-04-01T10:45:44.484251Z</CreationDateTime><SenderBusinessSystemID>XGJ</SenderBusinessSystemID></MessageHeader>
  <ConfirmationInterfaceOrignName/>
  <JournalEntryCreateConfirmation>
    <MessageHeader><UUID>2d656d48-6d1b-1eee-bc82-9fbbd1ef55ff</UUID><ReferenceID>SUB_MSG_2024-03-28</ReferenceID><CreationDateTime>2024-04-01T10:45:44.484353Z</CreationDateTime></MessageHeader>
    <JournalEntryCreateConfirmation><AccountingDocument>0100000008</AccountingDocument><CompanyCode>1410</CompanyCode><FiscalYear>2024</FiscalYear></JournalEntryCreateConfirmation>
    <Log><MaximumLogItemSeverityCode>1</MaximumLogItemSeverityCode><Item><TypeID>605(RW)</TypeID><SeverityCode>1</SeverityCode><Note>Document posted successfully: BKPFF 010000000814102024 0M4SMVI</Note></Item></Log>
  </JournalEntryCreateConfirmation>
  <JournalEntryCreateConfirmation>
    <MessageHeader><ReferenceID>SUB_MSG_2</ReferenceID></MessageHeader>
    <JournalEntryCreateConfirmation><AccountingDocument> </AccountingDocument><CompanyCode> </CompanyCode><FiscalYear>0000</FiscalYear></JournalEntryCreateConfirmation>
    <Log><MaximumLogItemSeverityCode>3</MaximumLogItemSeverityCode>
      <Item><TypeID>609(RW)</TypeID><SeverityCode>3</SeverityCode><Note>Error in document: BKPFF $ 0M32TI1</Note></Item>
      <Item><TypeID>507(F5)</TypeID><SeverityCode>3</SeverityCode><Note>G/L account 1002010100 is not defined in chart of accounts YCOA</Note></Item>
    </Log>
  </JournalEntryCreateConfirmation>
  <Log/>
</n0:JournalEntryBulkCreateConfirmation></soap-env:Body></soap-env:Envelope>`;

describe('SAP confirmation as SAP writes it', () => {
  it('reads documents, blank documents of refused entries and every note', () => {
    assert.deepEqual(readSapConfirmation(SAP_CONFIRMATION), {
      messageId: 'MSG_2024-03-28',
      entries: [
        {
          referenceId: 'SUB_MSG_2024-03-28',
          document: { accountingDocument: '0100000008', companyCode: '1410', fiscalYear: '2024' },
          severity: 1,
          notes: ['Document posted successfully: BKPFF 010000000814102024 0M4SMVI'],
        },
        { referenceId: 'SUB_MSG_2', document: null, severity: 3, notes: ['Error in document: BKPFF $ 0M32TI1', 'G/L account 1002010100 is not defined in chart of accounts YCOA'] },
      ],
    });
  });
});

describe('SAP connector: the asynchronous service and its callback', () => {
  let workedExample: BatchExportInput;
  let simulator: ErpSimulator;
  let callback: Awaited<ReturnType<typeof startSapCallback>>;
  let admin: ReturnType<typeof simulatorAdmin>;
  let sap: SapConnector;

  before(async () => {
    workedExample = await workedExampleBatch('sap-connector');
    callback = await startSapCallback();
    simulator = await ErpSimulator.start(simulatorSettings(callback.url));
    admin = simulatorAdmin(simulator);
    sap = new SapConnector(targetSettings(simulator, 'sap'));
  });
  after(async () => {
    await simulator.close();
    await callback.close();
  });

  const confirmationOf = (input: BatchExportInput, after = 0) => callback.next((c) => sap.confirmedMessageId(c.body) === sap.keys(input).batch, after);

  it('the confirmation reaches the callback with SAP outbound credentials and carries a document per entry', async () => {
    const input = asBatch(workedExample, 1);
    const sent = await sap.send(input, 1);
    assert.deepEqual(sent.outcome === 'pending' && [sent.outcome, sent.messageId], ['pending', 'US01-2026-11-28-1']);
    const confirmation = await confirmationOf(input);
    assert.ok(sap.callbackAuthorized(confirmation.authorization));
    assert.equal(sap.callbackAuthorized(`Basic ${Buffer.from(`${SAP_CALLBACK_CREDENTIALS.user}:wrong`).toString('base64')}`), false);
    assert.equal(sap.callbackAuthorized(undefined), false);
    const outcome = sap.confirmationOutcome(confirmation.body, input, 1);
    assert.equal(outcome.outcome, 'acknowledged');
    assert.deepEqual(
      outcome.documents.map((d) => d.entry?.position),
      [1, 2, 3, 4, 5],
    );
    assert.throws(() => sap.confirmationOutcome(confirmation.body, asBatch(workedExample, 2), 1), /answers message US01-2026-11-28-1, not batch US01-2026-11-28-2/);
  });

  it("refuses what SAP's chart does not know and what falls in a closed period, with SAP's notes", async () => {
    const unknownAccount: ChartOfAccounts = {
      file: 'other.json',
      companies: {
        US01: {
          sap: { ...workedExample.chart.companies.US01.sap!, accounts: { ...workedExample.chart.companies.US01.sap!.accounts, 'psp.clearing': { glAccount: '0000999999' } } },
        },
      },
    };
    const input = { ...asBatch(workedExample, 2), chart: unknownAccount };
    await sap.send(input, 1);
    const refused = sap.confirmationOutcome((await confirmationOf(input)).body, input, 1);
    assert.equal(refused.outcome, 'rejected');
    assert.deepEqual(
      refused.refusedEntries.map((e) => e.position),
      [1, 5],
      'the two entries booking psp.clearing',
    );
    assert.match(refused.refusedEntries[0].message, /G\/L account 0000999999 is not defined in chart of accounts/);

    assert.equal((await admin.call('PUT', '/admin/closed-periods', { erp: 'sap', periods: ['2026-11'] })).status, 200);
    const closed = asBatch(workedExample, 3);
    await sap.send(closed, 1);
    const late = sap.confirmationOutcome((await confirmationOf(closed)).body, closed, 1);
    assert.equal(late.outcome === 'rejected' && late.refusedEntries.length, 5);
    assert.match(late.outcome === 'rejected' ? late.message : '', /Posting period 11 2026 is not open/);
    await admin.call('PUT', '/admin/closed-periods', { erp: 'sap', periods: [] });
  });

  it('a confirmation that never came is recovered by sending the same message again: SAP confirms it without posting twice', async () => {
    const input = asBatch(workedExample, 4);
    await admin.fault({ erp: 'sap', kind: 'callback', callback: 'never', times: 1 });
    const before = callback.received.length;
    assert.equal((await sap.send(input, 1)).outcome, 'pending');
    const booked = (await admin.documents('sap')).length;
    assert.equal((await sap.send(input, 2)).outcome, 'pending');
    const confirmation = await confirmationOf(input, before);
    assert.equal(callback.received.length, before + 1, 'one confirmation, for the second send');
    assert.equal(sap.confirmationOutcome(confirmation.body, input, 2).outcome, 'acknowledged');
    assert.equal((await admin.documents('sap')).length, booked, 'the resend posted nothing');
  });

  it('wrong credentials end the send unretried, naming the user and never the password', async () => {
    const wrong = new SapConnector(targetSettings(simulator, 'sap', {}, { password: 'not-the-password-xyz' }));
    const outcome = await wrong.send(asBatch(workedExample, 5), 1);
    assert.equal(outcome.outcome, 'rejected');
    assert.deepEqual(outcome.outcome === 'rejected' && [outcome.reason, outcome.retryable, outcome.httpStatus, outcome.tries], ['unauthorized', false, 401, 1]);
    assert.doesNotMatch(JSON.stringify(outcome), /not-the-password-xyz/);
    assert.match(outcome.outcome === 'rejected' ? outcome.message : '', /LB_COMM/);
  });

  it('a batch the chart cannot express is rejected before anything is sent', async () => {
    const noSap: ChartOfAccounts = { file: 'no-sap.json', companies: { US01: {} } };
    const seen = (await admin.requests('sap')).length;
    const outcome = await sap.send({ ...asBatch(workedExample, 6), chart: noSap }, 1);
    assert.deepEqual(outcome.outcome === 'rejected' && [outcome.reason, outcome.retryable], ['unmapped', false]);
    assert.match(outcome.outcome === 'rejected' ? outcome.message : '', /company US01 has no sap setup/);
    assert.equal((await admin.requests('sap')).length, seen);
  });
});
