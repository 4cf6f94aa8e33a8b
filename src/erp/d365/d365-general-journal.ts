import { accountFor, companyFor } from '../../ledger/chart-of-accounts/chart-of-accounts';
import type { BatchExportInput, ExportDocument } from '../batch-export';
import { decimalJson, JsonDecimal, type JsonValue } from '../decimal-json';
import { decimalText } from '../erp-amount';

/**
 * Dynamics 365 Finance general journal: a `LedgerJournalHeaders` record whose JournalBatchNumber
 * is the batch id (a re-import finds the journal it already has) and its `LedgerJournalLines`,
 * one voucher per entry (`<batchId>-<n>`), ledger accounts as display values
 * (`<main account>-<cost center>` when the chart names a cost center).
 */
export function d365GeneralJournal(input: BatchExportInput): ExportDocument {
  const { batch, chart } = input;
  const d365 = companyFor(chart, batch.companyCode, 'd365');
  let lineNumber = 0;
  const lines: JsonValue[] = input.entries.flatMap((entry, index) =>
    entry.lines.map((line) => {
      const account = accountFor(chart, batch.companyCode, 'd365', line.role);
      const amount = new JsonDecimal(decimalText(line.amountMinor, line.currency));
      const none = new JsonDecimal(decimalText(0, line.currency));
      lineNumber += 1;
      return {
        dataAreaId: d365.legalEntity,
        JournalBatchNumber: batch.batchId,
        LineNumber: lineNumber,
        Voucher: `${batch.batchId}-${index + 1}`,
        TransDate: `${entry.postingDate}T00:00:00Z`,
        AccountType: 'Ledger',
        AccountDisplayValue: account.costCenter === undefined ? account.glAccount : `${account.glAccount}-${account.costCenter}`,
        DebitAmount: line.side === 'debit' ? amount : none,
        CreditAmount: line.side === 'credit' ? amount : none,
        CurrencyCode: line.currency,
        Text: `${line.role} ${entry.sourceType} ${entry.sourceId}`,
        ...(account.taxCode !== undefined ? { SalesTaxGroup: account.taxCode } : {}),
      };
    }),
  );
  const journal: JsonValue = {
    header: {
      dataAreaId: d365.legalEntity,
      JournalBatchNumber: batch.batchId,
      JournalName: d365.journalName,
      Description: `Ledgerbridge posting batch ${batch.batchId}`,
    },
    lines,
  };
  return { format: 'd365', contentType: 'application/json', fileName: `${batch.batchId}.d365.json`, body: `${decimalJson(journal)}\n` };
}
