import { journalProjection } from '../../journal/journal.projection';
import type { ProjectionDatabase } from '../../runner/projection-database';
import { checkpointOf, liveTable } from '../../runner/live-table';

export interface TrialBalanceFilter {
  /** First and last posting date (YYYY-MM-DD), both included. */
  from: string;
  to: string;
  companyCode?: string;
}

export interface TrialBalanceRow {
  companyCode: string;
  role: string;
  currency: string;
  debitMinor: number;
  creditMinor: number;
  /** debit - credit: positive for a debit balance. */
  balanceMinor: number;
}

export interface CurrencyTotal {
  currency: string;
  debitMinor: number;
  creditMinor: number;
}

export interface TrialBalance {
  checkpoint: string | null;
  rows: TrialBalanceRow[];
  /** Per currency over every row: debits equal credits, because every journal entry balances. */
  totals: CurrencyTotal[];
}

/**
 * Sums the journal's lines by company, account role and currency over a posting-date range.
 * Reads the journal read model (its entries are indexed by company code and posting date);
 * entries the rules refused are not in it, they are posting errors.
 */
export function trialBalance(db: ProjectionDatabase, filter: TrialBalanceFilter): TrialBalance {
  const entries = liveTable(db, journalProjection.name, 'entries');
  const lines = liveTable(db, journalProjection.name, 'lines');
  const company = filter.companyCode !== undefined ? 'AND e.company_code = @companyCode' : '';
  const rows = db.db
    .prepare(
      `SELECT e.company_code AS companyCode, l.role AS role, l.currency AS currency,
              SUM(CASE WHEN l.side = 'debit' THEN l.amount_minor ELSE 0 END) AS debitMinor,
              SUM(CASE WHEN l.side = 'credit' THEN l.amount_minor ELSE 0 END) AS creditMinor
       FROM ${entries} e JOIN ${lines} l ON l.entry_key = e.entry_key
       WHERE e.posting_date BETWEEN @from AND @to ${company}
       GROUP BY e.company_code, l.role, l.currency
       ORDER BY e.company_code, l.role, l.currency`,
    )
    .all({ from: filter.from, to: filter.to, ...(filter.companyCode !== undefined && { companyCode: filter.companyCode }) }) as Array<Omit<TrialBalanceRow, 'balanceMinor'>>;
  return {
    checkpoint: checkpointOf(db, journalProjection.name),
    rows: rows.map((row) => ({ ...row, balanceMinor: row.debitMinor - row.creditMinor })),
    totals: totalsByCurrency(rows),
  };
}

function totalsByCurrency(rows: ReadonlyArray<Omit<TrialBalanceRow, 'balanceMinor'>>): CurrencyTotal[] {
  const totals = new Map<string, CurrencyTotal>();
  for (const row of rows) {
    const total = totals.get(row.currency) ?? { currency: row.currency, debitMinor: 0, creditMinor: 0 };
    total.debitMinor += row.debitMinor;
    total.creditMinor += row.creditMinor;
    totals.set(row.currency, total);
  }
  return [...totals.values()].sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0));
}
