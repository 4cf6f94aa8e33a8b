import type { AccountRole } from '../../../src/ledger/posting/account-roles';

/**
 * The two liabilities finance chases per order: money taken for goods not yet handed over
 * (deposits not yet earned), and money owed for returned goods not yet refunded.
 */
export type OpenItemKind = 'deposit-not-earned' | 'refund-payable';

export const OPEN_ITEM_KINDS: readonly OpenItemKind[] = ['deposit-not-earned', 'refund-payable'];

export function openItemKindOf(role: AccountRole): OpenItemKind | undefined {
  if (role === 'liability.customer-deposits') return 'deposit-not-earned';
  if (role === 'liability.refunds-payable') return 'refund-payable';
  return undefined;
}
