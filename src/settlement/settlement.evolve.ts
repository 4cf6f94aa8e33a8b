import type { SettlementEvent } from './settlement.events';
import type { OrderReference, SettlementState, SettlementTransaction } from './settlement.state';

export function evolveSettlement(state: SettlementState, event: SettlementEvent): SettlementState {
  switch (event.type) {
    case 'SettlementReported': {
      const { payoutId, provider, companyCode, currency, payoutAmountMinor, payoutDate, totals } = event.data;
      const transactions = new Map<string, SettlementTransaction>();
      for (const t of event.data.transactions) {
        const reference = t.orderId === undefined ? undefined : referenceOf({ ...t, orderId: t.orderId, matchedBy: 'report' });
        transactions.set(t.transactionId, { type: t.type, netMinor: t.netMinor, ...(reference && { orderReference: reference }) });
      }
      return { ...state, payout: { payoutId, provider, companyCode, currency, amountMinor: payoutAmountMinor, date: payoutDate, totals }, transactions };
    }
    case 'SettlementReconciled':
      return { ...state, reconciliation: 'reconciled', differenceMinor: 0 };
    case 'SettlementDiscrepancyFound':
      return { ...state, reconciliation: 'discrepancy', differenceMinor: event.data.differenceMinor };
    case 'TransactionMatched': {
      const transaction = state.transactions.get(event.data.transactionId);
      if (!transaction) return state;
      const transactions = new Map(state.transactions).set(event.data.transactionId, { ...transaction, orderReference: referenceOf(event.data) });
      return { ...state, transactions };
    }
  }
}

function referenceOf(source: OrderReference): OrderReference {
  return {
    orderId: source.orderId,
    ...(source.captureId !== undefined && { captureId: source.captureId }),
    ...(source.refundId !== undefined && { refundId: source.refundId }),
    matchedBy: source.matchedBy,
  };
}
