import { applyRate, currencyCode, rate } from '../../src/money';
import type { BalanceTransaction, ReportSettlement } from '../../src/settlement/settlement.commands';
import type { SettlementEvent } from '../../src/settlement/settlement.events';

export const USD = currencyCode('USD');

/** DESIGN's card fee on the worked order: 2.9% of 105.19 + 0.30 = 3.35. */
export const cardFeeMinor = applyRate(10519, rate('2.9%')) + 30;

export const charge: BalanceTransaction = {
  transactionId: 'txn-charge-1',
  type: 'charge',
  currency: 'USD',
  amountMinor: 10519,
  feeMinor: cardFeeMinor,
  netMinor: 10519 - cardFeeMinor,
  orderId: 'order-1',
  captureId: 'cap-1',
};

/** One payout carrying only the worked order's charge: 101.84. */
export const reportPayout: ReportSettlement = {
  kind: 'ReportSettlement',
  payoutId: 'po-1',
  provider: 'stripe',
  companyCode: 'US01',
  currency: 'USD',
  payoutAmountMinor: 10184,
  payoutDate: '2026-11-30',
  transactions: [charge],
};

export function reported(command: ReportSettlement = reportPayout): SettlementEvent {
  const transactions = command.transactions.map((t) => ({ ...t, currency: USD }));
  const totals = {
    amountMinor: transactions.reduce((s, t) => s + t.amountMinor, 0),
    feeMinor: transactions.reduce((s, t) => s + t.feeMinor, 0),
    netMinor: transactions.reduce((s, t) => s + t.netMinor, 0),
  };
  const { payoutId, provider, companyCode, payoutAmountMinor, payoutDate } = command;
  return { type: 'SettlementReported', data: { payoutId, provider, companyCode, currency: USD, payoutAmountMinor, payoutDate, transactions, totals } };
}
