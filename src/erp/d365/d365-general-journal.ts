import { accountFor, companyFor } from '../../ledger/chart-of-accounts/chart-of-accounts';
import type { BatchExportInput, ExportDocument } from '../batch-export';
import { decimalJson, JsonDecimal, type JsonValue } from '../decimal-json';
import { decimalText } from '../erp-amount';
import { type CostObjects, costObjectsOf } from '../cost-objects';

/**
 * The header text that finds a batch's journal again: D365 numbers journals itself
 * (JournalBatchNumber comes from the journal's number sequence), so a resend looks the journal up
 * by this unique description before creating one.
 */
export function d365JournalDescription(batchId: string): string {
  return `Ledgerbridge posting batch ${batchId}`;
}

/** The voucher of the batch's `position`-th entry (1-based): the entry's key inside the journal. */
export function d365Voucher(batchId: string, position: number): string {
  return `${batchId}-${position}`;
}

/** One journal line, without the journal number and line number D365 assigns. */
export interface D365JournalLine {
  /** The entry's position in the batch (1-based). */
  position: number;
  voucher: string;
  fields: { [field: string]: JsonValue };
}

/** A batch as a D365 general journal: the `LedgerJournalHeaders` fields and the `LedgerJournalLines`, one voucher per entry. */
export interface D365Journal {
  header: { dataAreaId: string; JournalName: string; Description: string };
  lines: D365JournalLine[];
}

/**
 * Ledger accounts as display values: `<main account>-<cost center>` when there is a cost center,
 * `<main account>-<cost center>-<profit center>` with a store's profit center (`cost-objects.ts`).
 */
export function d365JournalOf(input: BatchExportInput): D365Journal {
  const { batch, chart } = input;
  const d365 = companyFor(chart, batch.companyCode, 'd365');
  const lines = input.entries.flatMap((entry, index) =>
    entry.lines.map((line): D365JournalLine => {
      const account = accountFor(chart, batch.companyCode, 'd365', line.role);
      const amount = new JsonDecimal(decimalText(line.amountMinor, line.currency));
      const none = new JsonDecimal(decimalText(0, line.currency));
      const voucher = d365Voucher(batch.batchId, index + 1);
      return {
        position: index + 1,
        voucher,
        fields: {
          dataAreaId: d365.legalEntity,
          Voucher: voucher,
          TransDate: `${entry.postingDate}T00:00:00Z`,
          // An entry moved out of a closed fiscal period keeps its business date as the document date.
          ...(entry.businessDate !== undefined ? { DocumentDate: `${entry.businessDate}T00:00:00Z` } : {}),
          AccountType: 'Ledger',
          AccountDisplayValue: displayValueOf(account.glAccount, costObjectsOf(entry, account)),
          DebitAmount: line.side === 'debit' ? amount : none,
          CreditAmount: line.side === 'credit' ? amount : none,
          CurrencyCode: line.currency,
          Text: `${line.role} ${entry.sourceType} ${entry.sourceId}`,
          ...(account.taxCode !== undefined ? { SalesTaxGroup: account.taxCode } : {}),
        },
      };
    }),
  );
  return { header: { dataAreaId: d365.legalEntity, JournalName: d365.journalName, Description: d365JournalDescription(batch.batchId) }, lines };
}

/**
 * The journal as a file to download, JournalBatchNumber set to the batch id to group the lines
 * (a connector leaves it out: D365 numbers the journal it creates).
 */
export function d365GeneralJournal(input: BatchExportInput): ExportDocument {
  const { batchId } = input.batch;
  const journal = d365JournalOf(input);
  const { dataAreaId, JournalName, Description } = journal.header;
  const document: JsonValue = {
    header: { dataAreaId, JournalBatchNumber: batchId, JournalName, Description },
    lines: journal.lines.map(({ fields: { dataAreaId: area, ...rest } }, index) => ({ dataAreaId: area, JournalBatchNumber: batchId, LineNumber: index + 1, ...rest })),
  };
  return { format: 'd365', contentType: 'application/json', fileName: `${batchId}.d365.json`, body: `${decimalJson(document)}\n` };
}

/** The main account and its financial dimensions in the dimension format's order: cost center, then profit center. */
function displayValueOf(mainAccount: string, { costCenter, profitCenter }: CostObjects): string {
  if (profitCenter !== undefined) return `${mainAccount}-${costCenter ?? ''}-${profitCenter}`;
  return costCenter === undefined ? mainAccount : `${mainAccount}-${costCenter}`;
}
