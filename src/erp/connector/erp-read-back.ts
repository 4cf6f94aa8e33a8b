/** A line as the ERP booked it, in the ERP's own terms (its GL account, its document). */
export interface ErpBookedLine {
  /** The posting date (YYYY-MM-DD). */
  date: string;
  account: string;
  currency: string;
  debitMinor: number;
  creditMinor: number;
  /** The ERP document holding the line. */
  document: string;
}

/**
 * What an ERP's books say of Ledgerbridge's documents, read back through its API: the lines it
 * holds, or why they cannot be read (the ERP offers no read API the connector uses).
 */
export type ErpReadBack = { available: true; lines: ErpBookedLine[]; documentsRead: number } | { available: false; why: string };
