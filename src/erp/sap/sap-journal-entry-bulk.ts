import { accountFor, companyFor } from '../../ledger/chart-of-accounts/chart-of-accounts';
import type { PostedEntry, PostedLine } from '../../ledger/posting-batch/posted-entry';
import { costObjectsOf } from '../cost-objects';
import type { BatchExportInput, ExportDocument } from '../batch-export';
import type { ErpReplay } from '../connector/erp-connector';
import { decimalText } from '../erp-amount';
import { sapField } from './sap-field';
import { sapEntryMessageId, sapMessageId } from './sap-message-id';
import { xmlElement, xmlText } from './xml-text';

/** Who SAP shows as the document's creator. */
const CREATED_BY = 'LEDGERBRIDGE';

/**
 * SAP S/4HANA `JournalEntryBulkCreateRequest` (SOAP, namespace SAPSCORE/SFIN): one
 * JournalEntryCreateRequest per entry. The bulk MessageHeader ID and UUID come from the batch id
 * (`sap-message-id.ts`), so a re-sent batch is recognised as the same message; each entry's
 * MessageHeader ID is `<batchId>-<n>` (both fitted to SAP's 35 characters).
 * DocumentDate is the entry's business date, which differs from PostingDate only for an entry
 * moved out of a closed fiscal period (src/ledger/fiscal-calendar/). An entry of a store reference
 * data maps carries the store's cost objects in each item's AccountAssignment (`cost-objects.ts`).
 * Amounts carry their sign as SAP expects (credits negative) besides DebitCreditCode S/H.
 * Texts taken from Ledgerbridge ids are fitted to SAP's field lengths (`sap-field.ts`); the full
 * entry behind each request is found from the batch by its position `<n>`. A replay carries the
 * entries SAP has not documented yet, under its generation's ids (`<batchId>-r<g>`, `<batchId>-r<g>-<n>`).
 */
export function sapJournalEntryBulk(input: BatchExportInput, replay: ErpReplay = { generation: 0, positions: null }): ExportDocument {
  const { batch, chart } = input;
  const sap = companyFor(chart, batch.companyCode, 'sap');
  const created = batch.closedAt;
  const message = sapMessageId(batch.batchId, replay.generation);
  const positions = replay.positions ?? input.entries.map((_, index) => index + 1);
  const requests = positions.map((position) => {
    const entry = input.entries[position - 1];
    const items = entry.lines.map((line) => item(input, entry, line)).join('');
    return (
      '      <JournalEntryCreateRequest>\n' +
      '        <MessageHeader>\n' +
      `          ${xmlElement('ID', sapEntryMessageId(batch.batchId, position, replay.generation))}\n` +
      `          ${xmlElement('CreationDateTime', created)}\n` +
      '        </MessageHeader>\n' +
      '        <JournalEntry>\n' +
      '          <OriginalReferenceDocumentType>BKPFF</OriginalReferenceDocumentType>\n' +
      '          <BusinessTransactionType>RFBU</BusinessTransactionType>\n' +
      '          <AccountingDocumentType>SA</AccountingDocumentType>\n' +
      `          ${xmlElement('DocumentReferenceID', sapField('DocumentReferenceID', entry.sourceId))}\n` +
      `          ${xmlElement('DocumentHeaderText', sapField('DocumentHeaderText', entry.kind))}\n` +
      `          ${xmlElement('CreatedByUser', CREATED_BY)}\n` +
      `          ${xmlElement('CompanyCode', sap.companyCode)}\n` +
      // An entry moved out of a closed fiscal period keeps its business date as the document date.
      `          ${xmlElement('DocumentDate', entry.businessDate ?? entry.postingDate)}\n` +
      `          ${xmlElement('PostingDate', entry.postingDate)}\n` +
      items +
      '        </JournalEntry>\n' +
      '      </JournalEntryCreateRequest>\n'
    );
  });
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:sfin="http://sap.com/xi/SAPSCORE/SFIN">\n' +
    '  <soapenv:Header/>\n' +
    '  <soapenv:Body>\n' +
    '    <sfin:JournalEntryBulkCreateRequest>\n' +
    '      <MessageHeader>\n' +
    `        ${xmlElement('ID', message.id)}\n` +
    `        ${xmlElement('UUID', message.uuid)}\n` +
    `        ${xmlElement('CreationDateTime', created)}\n` +
    '      </MessageHeader>\n' +
    requests.join('') +
    '    </sfin:JournalEntryBulkCreateRequest>\n' +
    '  </soapenv:Body>\n' +
    '</soapenv:Envelope>\n';
  return { format: 'sap', contentType: 'application/xml; charset=utf-8', fileName: `${batch.batchId}.sap.xml`, body };
}

function item(input: BatchExportInput, entry: PostedEntry, line: PostedLine): string {
  const account = accountFor(input.chart, input.batch.companyCode, 'sap', line.role);
  const signed = line.side === 'debit' ? line.amountMinor : -line.amountMinor;
  const { costCenter, profitCenter } = costObjectsOf(entry, account);
  const assignment = [costCenter !== undefined ? xmlElement('CostCenter', costCenter) : '', profitCenter !== undefined ? xmlElement('ProfitCenter', profitCenter) : '']
    .filter((element) => element !== '')
    .map((element) => `              ${element}\n`)
    .join('');
  const optional = [
    account.taxCode !== undefined ? `            <Tax>\n              ${xmlElement('TaxCode', account.taxCode)}\n            </Tax>\n` : '',
    assignment !== '' ? `            <AccountAssignment>\n${assignment}            </AccountAssignment>\n` : '',
  ].join('');
  return (
    '          <Item>\n' +
    `            ${xmlElement('ReferenceDocumentItem', String(line.lineNo))}\n` +
    `            ${xmlElement('GLAccount', account.glAccount)}\n` +
    `            <AmountInTransactionCurrency currencyCode="${xmlText(line.currency)}">${decimalText(signed, line.currency)}</AmountInTransactionCurrency>\n` +
    `            ${xmlElement('DebitCreditCode', line.side === 'debit' ? 'S' : 'H')}\n` +
    `            ${xmlElement('DocumentItemText', sapField('DocumentItemText', itemText(line)))}\n` +
    optional +
    '          </Item>\n'
  );
}

/** The role, and the promotion or vendor behind a discount or claim line. */
function itemText(line: PostedLine): string {
  const counterpart = line.vendorId ?? line.promotionId;
  return counterpart === undefined ? line.role : `${line.role} ${counterpart}`;
}
