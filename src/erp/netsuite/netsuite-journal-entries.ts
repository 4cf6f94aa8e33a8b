import { accountFor, companyFor, UnmappedAccountError } from '../../ledger/chart-of-accounts/chart-of-accounts';
import type { PostedEntry, PostedLine } from '../../ledger/posting-batch/posted-entry';
import type { BatchExportInput, ExportDocument } from '../batch-export';
import { decimalJson, JsonDecimal, type JsonValue } from '../decimal-json';
import { decimalText } from '../erp-amount';

/** NetSuite's externalId for an entry of a batch: a re-sent record upserts instead of duplicating. */
export function netsuiteExternalId(batchId: string, entryId: string): string {
  return `${batchId}:${entryId}`;
}

/**
 * NetSuite REST `journalentry` records, one per entry, as a JSON array (POST each to
 * /services/rest/record/v1/journalentry, or PUT to /journalentry/eid:<externalId> to upsert).
 * Accounts, subsidiary and currency are internal ids from the chart of accounts; cost centers
 * go to the line's department.
 */
export function netsuiteJournalEntries(input: BatchExportInput): ExportDocument {
  const { batch, chart } = input;
  const netsuite = companyFor(chart, batch.companyCode, 'netsuite');
  const records: JsonValue[] = input.entries.map((entry) => {
    const currencyId = Object.hasOwn(netsuite.currencyIds, entry.currency) ? netsuite.currencyIds[entry.currency] : undefined;
    if (currencyId === undefined) {
      throw new UnmappedAccountError(chart.file, batch.companyCode, 'netsuite', undefined, `company ${batch.companyCode}, ERP netsuite: currency ${entry.currency} has no NetSuite currency id`);
    }
    return {
      externalId: netsuiteExternalId(batch.batchId, entry.entryId),
      subsidiary: { id: netsuite.subsidiaryId },
      currency: { id: currencyId },
      tranDate: entry.postingDate,
      memo: `${batch.batchId} ${entry.kind} ${entry.sourceType} ${entry.sourceId}`,
      line: { items: entry.lines.map((line) => lineItem(input, entry, line)) },
    };
  });
  return { format: 'netsuite', contentType: 'application/json', fileName: `${batch.batchId}.netsuite.json`, body: `${decimalJson(records)}\n` };
}

function lineItem(input: BatchExportInput, entry: PostedEntry, line: PostedLine): JsonValue {
  const account = accountFor(input.chart, input.batch.companyCode, 'netsuite', line.role);
  const amount = new JsonDecimal(decimalText(line.amountMinor, line.currency));
  const counterpart = line.vendorId ?? line.promotionId;
  return {
    account: { id: account.glAccount },
    ...(line.side === 'debit' ? { debit: amount } : { credit: amount }),
    memo: counterpart === undefined ? `${line.role} ${entry.entryId}` : `${line.role} ${counterpart} ${entry.entryId}`,
    ...(account.costCenter !== undefined ? { department: { id: account.costCenter } } : {}),
    ...(account.taxCode !== undefined ? { taxCode: { id: account.taxCode } } : {}),
  };
}
