import type { ChartOfAccounts } from '../ledger/chart-of-accounts/chart-of-accounts';
import type { PostedEntry } from '../ledger/posting-batch/posted-entry';
import type { PostingBatchClosedData } from '../ledger/posting-batch/posting-batch';

export const EXPORT_FORMATS = ['sap', 'netsuite', 'd365'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What every ERP format is made from: a closed batch, its entries in batch order, the chart. */
export interface BatchExportInput {
  batch: PostingBatchClosedData & { closedAt: string };
  entries: readonly PostedEntry[];
  chart: ChartOfAccounts;
}

/** One exported document: the bytes to send and how to label them. */
export interface ExportDocument {
  format: ExportFormat;
  contentType: string;
  fileName: string;
  body: string;
}
