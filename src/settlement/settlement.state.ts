import type { CurrencyCode } from '../money';
import type { BalanceTransactionType } from './settlement.commands';
import type { SettlementTotals } from './settlement.events';

export interface OrderReference {
  orderId: string;
  captureId?: string;
  refundId?: string;
  /** `report` when the provider named the order, otherwise who matched it. */
  matchedBy: string;
}

export interface SettlementTransaction {
  type: BalanceTransactionType;
  netMinor: number;
  orderReference?: OrderReference;
}

export interface SettlementState {
  payout: { payoutId: string; provider: string; companyCode: string; currency: CurrencyCode; amountMinor: number; date: string; totals: SettlementTotals } | null;
  reconciliation: 'unreported' | 'reconciled' | 'discrepancy';
  /** Payout − sum of nets; 0 when reconciled. */
  differenceMinor: number;
  /** By transaction id. */
  transactions: Map<string, SettlementTransaction>;
}

export function initialSettlementState(): SettlementState {
  return { payout: null, reconciliation: 'unreported', differenceMinor: 0, transactions: new Map() };
}
