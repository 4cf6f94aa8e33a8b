import { type CurrencyCode, isMinorUnits } from '../money';
import type { BalanceTransaction, BalanceTransactionType } from './settlement.commands';
import type { ReportedTransaction } from './settlement.events';
import { refuse } from './settlement.refusals';

/**
 * Directions a type's gross amount can take. A refund reported as positive is a mapping bug at
 * the edge (a sign flipped), and would silently double the money in the clearing account.
 * Fees, lost disputes and adjustments go either way (fee credits, reversals).
 */
const SIGN: Partial<Record<BalanceTransactionType, 'in' | 'out'>> = {
  charge: 'in',
  dispute_won: 'in',
  refund: 'out',
  chargeback: 'out',
};

/** Checks one reported transaction against the report's currency and its own arithmetic. */
export function checkTransaction(transaction: BalanceTransaction, currency: CurrencyCode): ReportedTransaction {
  const { transactionId, amountMinor, feeMinor, netMinor } = transaction;
  if (![amountMinor, feeMinor, netMinor].every((amount) => isMinorUnits(amount))) {
    refuse('INVALID_AMOUNT', `transaction ${transactionId} has amounts that are not whole minor units within ±10^12`, { transactionId, amountMinor, feeMinor, netMinor });
  }
  if (transaction.currency !== currency) {
    refuse('CURRENCY_MISMATCH', `transaction ${transactionId} is in ${transaction.currency}, the payout in ${currency}`, {
      transactionId,
      expected: currency,
      actual: transaction.currency,
    });
  }
  const sign = SIGN[transaction.type];
  if ((sign === 'in' && amountMinor < 0) || (sign === 'out' && amountMinor > 0)) {
    refuse('AMOUNT_SIGN_MISMATCH', `a ${transaction.type} moves money ${sign === 'in' ? 'in' : 'out'}, but ${transactionId} reports ${amountMinor}`, {
      transactionId,
      type: transaction.type,
      amountMinor,
    });
  }
  if (netMinor !== amountMinor - feeMinor) {
    refuse('NET_MISMATCH', `transaction ${transactionId}: net ${netMinor} is not amount ${amountMinor} − fee ${feeMinor}`, {
      transactionId,
      amountMinor,
      feeMinor,
      netMinor,
      expectedNetMinor: amountMinor - feeMinor,
    });
  }
  return { ...transaction, currency };
}
