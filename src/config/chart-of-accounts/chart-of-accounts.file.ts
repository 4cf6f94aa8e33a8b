import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ChartOfAccounts } from '../../ledger/chart-of-accounts/chart-of-accounts';
import { ChartOfAccountsError, parseChartOfAccounts } from '../../ledger/chart-of-accounts/chart-of-accounts.parse';

/** The chart shipped with Ledgerbridge; this file runs from dist/projections/chart-of-accounts. */
export const SHIPPED_CHART_OF_ACCOUNTS = resolve(__dirname, '..', '..', '..', '..', 'config', 'chart-of-accounts.json');

/** Reads and validates a chart file; every failure is a ChartOfAccountsError naming the file. */
export function loadChartOfAccounts(file: string): ChartOfAccounts {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ChartOfAccountsError(file, [`cannot be read: ${(error as Error).message}`]);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new ChartOfAccountsError(file, [`is not JSON: ${(error as Error).message}`]);
  }
  return parseChartOfAccounts(document, file);
}
