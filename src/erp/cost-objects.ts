import type { AccountMapping } from '../ledger/chart-of-accounts/chart-of-accounts';
import type { PostedEntry } from '../ledger/posting-batch/posted-entry';

/** The cost objects one line of an entry is booked to in an ERP. */
export interface CostObjects {
  costCenter?: string;
  profitCenter?: string;
}

/**
 * A line's cost objects: the chart gives the accounts that take a cost center one (the expense
 * accounts), and on those an entry of a store reference data maps books to the store's cost
 * center instead (a store's cash over/short is the store's); the store's profit center goes on
 * every line of its entries. An entry without reference data keeps the chart's cost center alone,
 * so its export is what it always was.
 */
export function costObjectsOf(entry: Pick<PostedEntry, 'costCenter' | 'profitCenter'>, account: AccountMapping): CostObjects {
  const costCenter = account.costCenter === undefined ? undefined : (entry.costCenter ?? account.costCenter);
  return {
    ...(costCenter !== undefined && { costCenter }),
    ...(entry.profitCenter !== undefined && { profitCenter: entry.profitCenter }),
  };
}
