import { createHash } from 'node:crypto';
import { accountFor, companyFor, UnmappedAccountError } from '../../ledger/chart-of-accounts/chart-of-accounts';
import type { PostedEntry, PostedLine } from '../../ledger/posting-batch/posted-entry';
import type { BatchExportInput, ExportDocument } from '../batch-export';
import { decimalJson, JsonDecimal, type JsonValue } from '../decimal-json';
import { costObjectsOf } from '../cost-objects';
import { decimalText } from '../erp-amount';

/** What NetSuite accepts in an external id, which travels in the URL as `eid:<externalId>`. */
const EXTERNAL_ID = /^[A-Za-z0-9_-]+$/;

/**
 * NetSuite's externalId for the batch's `position`-th entry (1-based): `<batchId>-<n>`, so a
 * re-sent record upserts instead of duplicating. A company code may hold a '.', which an external
 * id cannot: such characters become '_' and a hash of the original keeps two ids apart.
 */
export function netsuiteExternalId(batchId: string, position: number): string {
  const id = `${batchId}-${position}`;
  if (EXTERNAL_ID.test(id)) return id;
  const digest = createHash('sha256').update(id).digest('hex').slice(0, 8);
  return `${id.replace(/[^A-Za-z0-9_-]/g, '_')}_${digest}`;
}

/** One journalentry record and the entry it carries. */
export interface NetSuiteJournalEntry {
  position: number;
  entryId: string;
  externalId: string;
  record: JsonValue;
}

/**
 * NetSuite REST `journalentry` records, one per entry, upserted with
 * `PUT /services/rest/record/v1/journalentry/eid:<externalId>?replace=line`. Accounts, subsidiary
 * and currency are internal ids from the chart of accounts; cost centers go to the line's department,
 * a store's profit center to its class (`cost-objects.ts`).
 */
export function netsuiteJournalEntryRecords(input: BatchExportInput): NetSuiteJournalEntry[] {
  const { batch, chart } = input;
  const netsuite = companyFor(chart, batch.companyCode, 'netsuite');
  return input.entries.map((entry, index) => {
    const currencyId = Object.hasOwn(netsuite.currencyIds, entry.currency) ? netsuite.currencyIds[entry.currency] : undefined;
    if (currencyId === undefined) {
      throw new UnmappedAccountError(
        chart.file,
        batch.companyCode,
        'netsuite',
        undefined,
        `company ${batch.companyCode}, ERP netsuite: currency ${entry.currency} has no NetSuite currency id`,
      );
    }
    const externalId = netsuiteExternalId(batch.batchId, index + 1);
    const record: JsonValue = {
      externalId,
      subsidiary: { id: netsuite.subsidiaryId },
      currency: { id: currencyId },
      tranDate: entry.postingDate,
      memo: `${batch.batchId} ${entry.kind} ${entry.sourceType} ${entry.sourceId}${movedNote(entry)}`,
      line: { items: entry.lines.map((line) => lineItem(input, entry, line)) },
    };
    return { position: index + 1, entryId: entry.entryId, externalId, record };
  });
}

/** The records above as one JSON array, for download. */
export function netsuiteJournalEntries(input: BatchExportInput): ExportDocument {
  const records = netsuiteJournalEntryRecords(input).map((entry) => entry.record);
  return { format: 'netsuite', contentType: 'application/json', fileName: `${input.batch.batchId}.netsuite.json`, body: `${decimalJson(records)}\n` };
}

/** NetSuite has one transaction date: an entry moved out of a closed fiscal period says its business date in the memo. */
function movedNote(entry: PostedEntry): string {
  return entry.businessDate === undefined ? '' : ` business date ${entry.businessDate} (fiscal period closed)`;
}

function lineItem(input: BatchExportInput, entry: PostedEntry, line: PostedLine): JsonValue {
  const account = accountFor(input.chart, input.batch.companyCode, 'netsuite', line.role);
  const amount = new JsonDecimal(decimalText(line.amountMinor, line.currency));
  const counterpart = line.vendorId ?? line.promotionId;
  const { costCenter, profitCenter } = costObjectsOf(entry, account);
  return {
    account: { id: account.glAccount },
    ...(line.side === 'debit' ? { debit: amount } : { credit: amount }),
    memo: counterpart === undefined ? `${line.role} ${entry.entryId}` : `${line.role} ${counterpart} ${entry.entryId}`,
    ...(costCenter !== undefined ? { department: { id: costCenter } } : {}),
    ...(profitCenter !== undefined ? { class: { id: profitCenter } } : {}),
    ...(account.taxCode !== undefined ? { taxCode: { id: account.taxCode } } : {}),
  };
}
