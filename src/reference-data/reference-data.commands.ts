/** A row as the file or body gave it: every value text, checked by the decider, which reports each bad one. */
export type ImportRow = Record<string, string>;

export interface ImportReferenceData {
  kind: 'ImportReferenceData';
  format: 'csv' | 'json';
  rows: ImportRow[];
  by: string;
  at: string;
}

export type ReferenceDataCommand = ImportReferenceData;
