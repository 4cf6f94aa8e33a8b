import type { ChartOfAccounts } from '../../projections/chart-of-accounts/chart-of-accounts';
import type { PostedEntry } from '../../projections/posting-batches/posted-entry';
import type { PostingBatchClosedData } from '../../projections/posting-batches/posting-batch';

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
