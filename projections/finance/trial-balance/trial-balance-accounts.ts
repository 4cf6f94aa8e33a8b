import type { ChartOfAccounts, ErpName } from '../../../src/ledger/chart-of-accounts/chart-of-accounts';
import { ERP_NAMES } from '../../../src/ledger/chart-of-accounts/chart-of-accounts';
import type { TrialBalanceRow } from './trial-balance.query';

/** A role's GL account in each ERP the company is set up for; an ERP without one is left out. */
export type GlAccounts = Partial<Record<ErpName, string>>;

export interface AccountBalanceRow {
  companyCode: string;
  /** Null collects the roles the chart leaves unmapped: visible, never dropped. */
  glAccount: string | null;
  /** The account roles summed into this account, sorted. */
  roles: string[];
  currency: string;
  debitMinor: number;
  creditMinor: number;
  balanceMinor: number;
}

function glAccountOf(chart: ChartOfAccounts, companyCode: string, erp: ErpName, role: string): string | undefined {
  const company = Object.hasOwn(chart.companies, companyCode) ? chart.companies[companyCode] : undefined;
  const accounts = company?.[erp]?.accounts;
  return accounts && Object.hasOwn(accounts, role) ? accounts[role].glAccount : undefined;
}

/** Where one role of one company lands in every ERP. */
export function glAccountsOf(chart: ChartOfAccounts, companyCode: string, role: string): GlAccounts {
  const accounts: GlAccounts = {};
  for (const erp of ERP_NAMES) {
    const account = glAccountOf(chart, companyCode, erp, role);
    if (account !== undefined) accounts[erp] = account;
  }
  return accounts;
}

/**
 * The trial balance regrouped by one ERP's GL accounts: several roles may share an account.
 * Sorted by company, account (unmapped last) and currency.
 */
export function balancesByAccount(chart: ChartOfAccounts, erp: ErpName, rows: readonly TrialBalanceRow[]): AccountBalanceRow[] {
  const byAccount = new Map<string, AccountBalanceRow>();
  for (const row of rows) {
    const glAccount = glAccountOf(chart, row.companyCode, erp, row.role) ?? null;
    const key = JSON.stringify([row.companyCode, glAccount, row.currency]);
    const account = byAccount.get(key) ?? { companyCode: row.companyCode, glAccount, roles: [], currency: row.currency, debitMinor: 0, creditMinor: 0, balanceMinor: 0 };
    if (!account.roles.includes(row.role)) account.roles.push(row.role);
    account.debitMinor += row.debitMinor;
    account.creditMinor += row.creditMinor;
    account.balanceMinor += row.balanceMinor;
    byAccount.set(key, account);
  }
  return [...byAccount.values()].map((a) => ({ ...a, roles: [...a.roles].sort() })).sort(compareAccounts);
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function compareAccounts(a: AccountBalanceRow, b: AccountBalanceRow): number {
  return (
    compareText(a.companyCode, b.companyCode) ||
    (a.glAccount === b.glAccount ? 0 : a.glAccount === null ? 1 : b.glAccount === null ? -1 : compareText(a.glAccount, b.glAccount)) ||
    compareText(a.currency, b.currency)
  );
}
