import { isCurrencyCode, isMinorUnits } from '../money';
import { checkTransaction } from './balance-transaction';
import { isCalendarDate } from '../time/calendar-date';
import { isInstant } from '../time/instant';
import type { MatchTransaction, ReportSettlement, SettlementCommand } from './settlement.commands';
import type { ReportedTransaction, SettlementEvent, SettlementTotals, TransactionMatched } from './settlement.events';
import { refuse } from './settlement.refusals';
import type { SettlementState } from './settlement.state';

export function decideSettlement(command: SettlementCommand, state: SettlementState): SettlementEvent[] {
  switch (command.kind) {
    case 'ReportSettlement':
      return report(command, state);
    case 'MatchTransaction':
      return match(command, state);
  }
}

/**
 * A report is recorded whole, reconciled or not: a discrepancy is a fact finance must see,
 * not a reason to lose the report. Only a report that cannot be read right is refused.
 */
function report(command: ReportSettlement, state: SettlementState): SettlementEvent[] {
  if (state.payout) refuse('SETTLEMENT_ALREADY_REPORTED', `payout ${command.payoutId} is already reported`, { payoutId: command.payoutId });
  const { payoutId, provider, companyCode, currency, payoutAmountMinor, payoutDate } = command;
  if (!isCurrencyCode(currency)) refuse('INVALID_CURRENCY', `${JSON.stringify(currency)} is not an ISO 4217 currency`);
  if (!isMinorUnits(payoutAmountMinor)) refuse('INVALID_AMOUNT', 'the payout amount must be whole minor units within ±10^12', { payoutAmountMinor });
  if (!isCalendarDate(payoutDate)) refuse('INVALID_DATE', `payout date ${JSON.stringify(payoutDate)} is not a YYYY-MM-DD calendar date`);
  const seen = new Set<string>();
  const transactions: ReportedTransaction[] = command.transactions.map((transaction) => {
    if (seen.has(transaction.transactionId)) {
      refuse('DUPLICATE_TRANSACTION', `transaction ${transaction.transactionId} appears twice in the report`, { transactionId: transaction.transactionId });
    }
    seen.add(transaction.transactionId);
    return checkTransaction(transaction, currency);
  });
  const totals = totalsOf(transactions);
  const differenceMinor = payoutAmountMinor - totals.netMinor;
  if (![totals.amountMinor, totals.feeMinor, totals.netMinor, differenceMinor].every((amount) => isMinorUnits(amount))) {
    refuse('INVALID_AMOUNT', 'the totals of the transactions and their difference from the payout must be within ±10^12 minor units', { totals, differenceMinor });
  }
  const outcome = { payoutId, currency, payoutAmountMinor, netTotalMinor: totals.netMinor };
  return [
    { type: 'SettlementReported', data: { payoutId, provider, companyCode, currency, payoutAmountMinor, payoutDate, transactions, totals } },
    differenceMinor === 0 ? { type: 'SettlementReconciled', data: outcome } : { type: 'SettlementDiscrepancyFound', data: { ...outcome, differenceMinor } },
  ];
}

/** Matching the same transaction to the same order again records nothing; to another order is refused. */
function match(command: MatchTransaction, state: SettlementState): TransactionMatched[] {
  if (!state.payout) refuse('SETTLEMENT_NOT_FOUND', `payout ${command.payoutId} has not been reported`, { payoutId: command.payoutId });
  const { transactionId, orderId, captureId, refundId } = command;
  if (!isInstant(command.at)) refuse('INVALID_TIMESTAMP', `at ${JSON.stringify(command.at)} is not an ISO timestamp with an offset within ±14:00`);
  const transaction = state.transactions.get(transactionId);
  if (!transaction) refuse('TRANSACTION_NOT_FOUND', `payout ${command.payoutId} has no transaction ${transactionId}`, { transactionId });
  const held = transaction.orderReference;
  if (held) {
    if (held.orderId === orderId && held.captureId === captureId && held.refundId === refundId) return [];
    refuse('TRANSACTION_ALREADY_MATCHED', `transaction ${transactionId} already belongs to order ${held.orderId}`, { transactionId, held });
  }
  return [
    {
      type: 'TransactionMatched',
      data: {
        payoutId: state.payout.payoutId,
        transactionId,
        orderId,
        ...(captureId !== undefined && { captureId }),
        ...(refundId !== undefined && { refundId }),
        matchedBy: command.matchedBy,
        at: command.at,
      },
    },
  ];
}

function totalsOf(transactions: readonly ReportedTransaction[]): SettlementTotals {
  return transactions.reduce((totals, t) => ({ amountMinor: totals.amountMinor + t.amountMinor, feeMinor: totals.feeMinor + t.feeMinor, netMinor: totals.netMinor + t.netMinor }), {
    amountMinor: 0,
    feeMinor: 0,
    netMinor: 0,
  });
}
