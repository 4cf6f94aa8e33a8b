import type { PostedEntry } from './posted-entry';
import type { CurrencyTotal } from './posting-batch';

/** Debits, credits and line count per currency over the entries' lines, in currency-code order. */
export function batchTotals(entries: readonly PostedEntry[]): CurrencyTotal[] {
  const byCurrency = new Map<string, CurrencyTotal>();
  for (const line of entries.flatMap((e) => e.lines)) {
    const total = byCurrency.get(line.currency) ?? { currency: line.currency, debitMinor: 0, creditMinor: 0, lineCount: 0 };
    if (line.side === 'debit') total.debitMinor += line.amountMinor;
    else total.creditMinor += line.amountMinor;
    total.lineCount += 1;
    byCurrency.set(line.currency, total);
  }
  return [...byCurrency.values()].sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0));
}
