import type { CurrencyCode } from '../money';
import type { BalanceTransaction } from './settlement.commands';

export type ReportedTransaction = Omit<BalanceTransaction, 'currency'> & { currency: CurrencyCode };

export interface SettlementTotals {
  amountMinor: number;
  feeMinor: number;
  netMinor: number;
}

/**
 * The payout report as received, every transaction with the order, capture and refund
 * references the provider gave. An aggregate cannot read another aggregate, so the match to
 * an order's `PaymentCaptured` / `RefundIssued` is not decided here: the settlement
 * reconciliation projection joins these references (and later `TransactionMatched` facts)
 * with the order events from the log, and shows what stays unmatched.
 */
export type SettlementReported = {
  type: 'SettlementReported';
  data: {
    payoutId: string;
    provider: string;
    companyCode: string;
    currency: CurrencyCode;
    payoutAmountMinor: number;
    payoutDate: string;
    transactions: ReportedTransaction[];
    totals: SettlementTotals;
  };
};

/** The payout equals the sum of its transactions' nets: the clearing account can be emptied into the bank. */
export type SettlementReconciled = {
  type: 'SettlementReconciled';
  data: { payoutId: string; currency: CurrencyCode; payoutAmountMinor: number; netTotalMinor: number };
};

/** The payout is not the sum of the nets; `differenceMinor` = payout − nets, for finance to chase. */
export type SettlementDiscrepancyFound = {
  type: 'SettlementDiscrepancyFound';
  data: { payoutId: string; currency: CurrencyCode; payoutAmountMinor: number; netTotalMinor: number; differenceMinor: number };
};

export type TransactionMatched = {
  type: 'TransactionMatched';
  data: { payoutId: string; transactionId: string; orderId: string; captureId?: string; refundId?: string; matchedBy: string; at: string };
};

export type SettlementEvent = SettlementReported | SettlementReconciled | SettlementDiscrepancyFound | TransactionMatched;
