import type { BatchExportInput, ExportDocument, ExportFormat } from './batch-export';
import { d365GeneralJournal } from './d365/d365-general-journal';
import { netsuiteJournalEntries } from './netsuite/netsuite-journal-entries';
import { sapJournalEntryBulk } from './sap/sap-journal-entry-bulk';

const FORMATS: Record<ExportFormat, (input: BatchExportInput) => ExportDocument> = {
  sap: sapJournalEntryBulk,
  netsuite: netsuiteJournalEntries,
  d365: d365GeneralJournal,
};

/** A closed batch in one ERP's format; throws UnmappedAccountError when the chart lacks an account. */
export function exportBatch(format: ExportFormat, input: BatchExportInput): ExportDocument {
  return FORMATS[format](input);
}
