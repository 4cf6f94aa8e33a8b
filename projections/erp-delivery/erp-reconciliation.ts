import type { ErpReadBack } from '../../src/erp/connector/erp-read-back';
import { type ChartOfAccounts, type ErpName, accountFor, UnmappedAccountError } from '../../src/ledger/chart-of-accounts/chart-of-accounts';
import type { BatchedLine, DeliveredDocument } from './erp-deliveries.queries';

export interface Amounts {
  debitMinor: number;
  creditMinor: number;
}

/** One company, ERP account, currency and day: what Ledgerbridge posted, what the ERP acknowledged of it, and what the ERP's books hold. */
export interface ReconciliationRow {
  date: string;
  /** The ERP's GL account (from the chart), or `unmapped:<role>` when the chart has none. */
  account: string;
  currency: string;
  /** Lines of Ledgerbridge's closed batches. */
  ledgerbridge: Amounts;
  /** Of those, the lines of entries the ERP acknowledged (a document per entry, or its batch's journal). */
  acknowledged: Amounts;
  /** Lines of Ledgerbridge's documents as the ERP's books hold them; null when they could not be read back. */
  erp: Amounts | null;
}

export interface ReconciliationDifference extends ReconciliationRow {
  /** not-acknowledged: posted but not (or not wholly) acknowledged yet; erp-differs: the ERP's books hold other amounts than posted. */
  kinds: Array<'not-acknowledged' | 'erp-differs'>;
}

export interface Reconciliation {
  companyCode: string;
  target: string;
  erp: ErpName;
  from: string;
  to: string;
  /** The read models' position the Ledgerbridge side reflects. */
  checkpoint: string | null;
  /** How the ERP side was read: its own API (read-back), or why it could not be. */
  erpBooks: { readBack: true; documentsRead: number } | { readBack: false; why: string };
  rows: ReconciliationRow[];
  /** Every row where the sides differ. */
  differences: ReconciliationDifference[];
}

const zero = (): Amounts => ({ debitMinor: 0, creditMinor: 0 });
const same = (a: Amounts, b: Amounts) => a.debitMinor === b.debitMinor && a.creditMinor === b.creditMinor;

/**
 * Per day, ERP account and currency: Ledgerbridge's batched lines mapped through the chart to the
 * target's ERP accounts, the part of them the delivery log shows acknowledged, and the ERP's own
 * lines for Ledgerbridge's documents; every row where they differ is listed.
 */
export function reconcile(input: {
  companyCode: string;
  target: string;
  erp: ErpName;
  from: string;
  to: string;
  checkpoint: string | null;
  chart: ChartOfAccounts;
  lines: readonly BatchedLine[];
  documents: readonly DeliveredDocument[];
  readBack: ErpReadBack;
}): Reconciliation {
  const { chart, companyCode, erp } = input;
  const rows = new Map<string, ReconciliationRow>();
  const rowOf = (date: string, account: string, currency: string) => {
    const key = JSON.stringify([date, account, currency]);
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { date, account, currency, ledgerbridge: zero(), acknowledged: zero(), erp: input.readBack.available ? zero() : null }));
    return row;
  };
  const acknowledgedBatches = new Set(input.documents.filter((d) => d.position === 0).map((d) => d.batchId));
  const acknowledgedEntries = new Set(input.documents.filter((d) => d.position > 0).map((d) => `${d.batchId}#${d.position}`));
  const add = (amounts: Amounts, side: 'debit' | 'credit', amountMinor: number) => {
    if (side === 'debit') amounts.debitMinor += amountMinor;
    else amounts.creditMinor += amountMinor;
  };
  for (const line of input.lines) {
    let account: string;
    try {
      account = accountFor(chart, companyCode, erp, line.role).glAccount;
    } catch (error) {
      if (!(error instanceof UnmappedAccountError)) throw error;
      account = `unmapped:${line.role}`;
    }
    const row = rowOf(line.postingDate, account, line.currency);
    add(row.ledgerbridge, line.side, line.amountMinor);
    if (acknowledgedBatches.has(line.batchId) || acknowledgedEntries.has(`${line.batchId}#${line.position}`)) add(row.acknowledged, line.side, line.amountMinor);
  }
  if (input.readBack.available) {
    for (const line of input.readBack.lines) {
      if (line.date < input.from || line.date > input.to) continue;
      const row = rowOf(line.date, line.account, line.currency);
      row.erp!.debitMinor += line.debitMinor;
      row.erp!.creditMinor += line.creditMinor;
    }
  }
  const ordered = [...rows.values()].sort((a, b) => (a.date + a.account + a.currency < b.date + b.account + b.currency ? -1 : 1));
  const differences = ordered.flatMap((row): ReconciliationDifference[] => {
    const kinds: ReconciliationDifference['kinds'] = [];
    if (!same(row.ledgerbridge, row.acknowledged)) kinds.push('not-acknowledged');
    if (row.erp && !same(row.acknowledged, row.erp)) kinds.push('erp-differs');
    return kinds.length > 0 ? [{ ...row, kinds }] : [];
  });
  return {
    companyCode,
    target: input.target,
    erp,
    from: input.from,
    to: input.to,
    checkpoint: input.checkpoint,
    erpBooks: input.readBack.available ? { readBack: true, documentsRead: input.readBack.documentsRead } : { readBack: false, why: input.readBack.why },
    rows: ordered,
    differences,
  };
}

/** What to read back: the documents the target holds for the batches that hold these lines (NetSuite by internal id). */
export function documentsToReadBack(erp: ErpName, lines: readonly BatchedLine[], documents: readonly DeliveredDocument[]): string[] {
  const batches = new Set(lines.map((line) => line.batchId));
  const wanted = documents.filter((d) => batches.has(d.batchId)).map((d) => (erp === 'netsuite' ? (d.internalId ?? d.documentNumber) : d.documentNumber));
  return [...new Set(wanted)];
}
