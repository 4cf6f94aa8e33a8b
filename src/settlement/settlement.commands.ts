export type BalanceTransactionType = 'charge' | 'refund' | 'fee' | 'chargeback' | 'dispute_won' | 'dispute_lost' | 'adjustment';

/**
 * One line of a provider's payout report, signed as the provider reports it: money in is
 * positive (charges, won disputes), money out negative (refunds, chargebacks, fees).
 * `feeMinor` is what the provider kept from this transaction; `netMinor` what reached the payout.
 */
export interface BalanceTransaction {
  transactionId: string;
  type: BalanceTransactionType;
  currency: string;
  amountMinor: number;
  feeMinor: number;
  netMinor: number;
  /** The order, capture and refund the provider says this money belongs to, when it says. */
  orderId?: string;
  captureId?: string;
  refundId?: string;
}

export interface ReportSettlement {
  kind: 'ReportSettlement';
  payoutId: string;
  provider: string;
  /** The legal entity whose bank receives the payout: its entries are batched under it. */
  companyCode: string;
  currency: string;
  payoutAmountMinor: number;
  /** The day the payout reaches the bank, `YYYY-MM-DD`: the posting date of its entries. */
  payoutDate: string;
  transactions: BalanceTransaction[];
}

/**
 * Ties a reported transaction to an order's capture or refund, for transactions the
 * provider reported without one (marketplace payouts, manual charges). Issued by whoever
 * looked the order up: a matching process or a finance operator.
 */
export interface MatchTransaction {
  kind: 'MatchTransaction';
  payoutId: string;
  transactionId: string;
  orderId: string;
  captureId?: string;
  refundId?: string;
  matchedBy: string;
  at: string;
}

export type SettlementCommand = ReportSettlement | MatchTransaction;
