import type { AccountRole } from './account-roles';
import type { DraftLine } from './journal-entry';

/**
 * A line from a signed amount, positive meaning debit: payout reports sign every figure (money
 * in positive, out negative, fee credits negative), so one rule per transaction type covers
 * both directions without a branch per sign.
 */
export function signedLine(role: AccountRole, debitMinor: number, details: Omit<DraftLine, 'role' | 'side' | 'amountMinor'> = {}): DraftLine {
  return debitMinor < 0 ? { role, side: 'credit', amountMinor: -debitMinor, ...details } : { role, side: 'debit', amountMinor: debitMinor, ...details };
}
