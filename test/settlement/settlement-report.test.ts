import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BalanceTransaction } from '../../src/settlement/settlement.commands';
import { settlementDecider } from '../../src/settlement/settlement.aggregate';
import type { SettlementEvent } from '../../src/settlement/settlement.events';
import { deciderSpec } from '../support/decider-spec';
import { cardFeeMinor, charge, reported, reportPayout, USD } from './settlement.fixtures';

const { given, stateAfter } = deciderSpec(settlementDecider);

describe('settlement: payout report', () => {
  it('uses DESIGN’s card fee: 2.9% + 0.30 on 105.19 is 3.35', () => {
    assert.equal(cardFeeMinor, 335);
  });

  it('reconciles the worked order’s payout: charge 105.19 less fee 3.35 pays out 101.84', () => {
    given([])
      .when(reportPayout)
      .then([reported(), { type: 'SettlementReconciled', data: { payoutId: 'po-1', currency: USD, payoutAmountMinor: 10184, netTotalMinor: 10184 } }]);
    const [report] = settlementDecider.decide(reportPayout, stateAfter([]));
    assert.deepEqual(report.type === 'SettlementReported' && report.data.totals, { amountMinor: 10519, feeMinor: 335, netMinor: 10184 });
  });

  it('records a payout that is not the sum of its nets, with the difference visible in state', () => {
    const short = { ...reportPayout, payoutAmountMinor: 10084 };
    const discrepancy: SettlementEvent = {
      type: 'SettlementDiscrepancyFound',
      data: { payoutId: 'po-1', currency: USD, payoutAmountMinor: 10084, netTotalMinor: 10184, differenceMinor: -100 },
    };
    given([])
      .when(short)
      .then([reported(short), discrepancy]);
    const state = stateAfter([reported(short), discrepancy]);
    assert.equal(state.reconciliation, 'discrepancy');
    assert.equal(state.differenceMinor, -100);
  });

  it('nets every kind of balance transaction, each signed as the provider reports it', () => {
    const transactions: BalanceTransaction[] = [
      charge,
      { transactionId: 'txn-refund-1', type: 'refund', currency: 'USD', amountMinor: -2931, feeMinor: 0, netMinor: -2931, orderId: 'order-1', refundId: 'ref-1' },
      { transactionId: 'txn-cb-1', type: 'chargeback', currency: 'USD', amountMinor: -5000, feeMinor: 1500, netMinor: -6500, orderId: 'order-2' },
      { transactionId: 'txn-dw-1', type: 'dispute_won', currency: 'USD', amountMinor: 5000, feeMinor: -1500, netMinor: 6500, orderId: 'order-2' },
      { transactionId: 'txn-dl-1', type: 'dispute_lost', currency: 'USD', amountMinor: 0, feeMinor: 0, netMinor: 0, orderId: 'order-3' },
      { transactionId: 'txn-fee-1', type: 'fee', currency: 'USD', amountMinor: -2500, feeMinor: 0, netMinor: -2500 },
      { transactionId: 'txn-adj-1', type: 'adjustment', currency: 'USD', amountMinor: 12, feeMinor: 0, netMinor: 12 },
    ];
    const report = { ...reportPayout, payoutAmountMinor: 10184 - 2931 - 2500 + 12, transactions };
    const [recorded, outcome] = settlementDecider.decide(report, stateAfter([]));
    assert.deepEqual(recorded, reported(report));
    assert.equal(outcome.type, 'SettlementReconciled');
  });

  it('keeps each transaction’s order, capture and refund references for the matching projection', () => {
    const refund: BalanceTransaction = {
      transactionId: 'txn-refund-1',
      type: 'refund',
      currency: 'USD',
      amountMinor: -2931,
      feeMinor: 0,
      netMinor: -2931,
      orderId: 'order-1',
      refundId: 'ref-1',
    };
    const fee: BalanceTransaction = { transactionId: 'txn-fee-1', type: 'fee', currency: 'USD', amountMinor: -100, feeMinor: 0, netMinor: -100 };
    const state = stateAfter([reported({ ...reportPayout, transactions: [charge, refund, fee] })]);
    assert.deepEqual(state.transactions.get('txn-charge-1')?.orderReference, { orderId: 'order-1', captureId: 'cap-1', matchedBy: 'report' });
    assert.deepEqual(state.transactions.get('txn-refund-1')?.orderReference, { orderId: 'order-1', refundId: 'ref-1', matchedBy: 'report' });
    assert.equal(state.transactions.get('txn-fee-1')?.orderReference, undefined);
  });

  it('reconciles an empty payout of zero', () => {
    const empty = { ...reportPayout, payoutAmountMinor: 0, transactions: [] };
    const [, outcome] = settlementDecider.decide(empty, stateAfter([]));
    assert.equal(outcome.type, 'SettlementReconciled');
  });
});

describe('settlement: matching a transaction to an order', () => {
  const marketplace: BalanceTransaction = { transactionId: 'txn-mkt-1', type: 'charge', currency: 'USD', amountMinor: 4000, feeMinor: 400, netMinor: 3600 };
  const history = [reported({ ...reportPayout, payoutAmountMinor: 3600, transactions: [marketplace] })];
  const matchCommand = {
    kind: 'MatchTransaction',
    payoutId: 'po-1',
    transactionId: 'txn-mkt-1',
    orderId: 'order-7',
    captureId: 'cap-7',
    matchedBy: 'finance:alice',
    at: '2026-12-01T09:00:00Z',
  } as const;
  const matched: SettlementEvent = {
    type: 'TransactionMatched',
    data: { payoutId: 'po-1', transactionId: 'txn-mkt-1', orderId: 'order-7', captureId: 'cap-7', matchedBy: 'finance:alice', at: '2026-12-01T09:00:00Z' },
  };

  it('ties a transaction the provider reported without an order to its order’s capture', () => {
    given(history).when(matchCommand).then([matched]);
    assert.deepEqual(stateAfter([...history, matched]).transactions.get('txn-mkt-1')?.orderReference, {
      orderId: 'order-7',
      captureId: 'cap-7',
      matchedBy: 'finance:alice',
    });
  });

  it('matching the same transaction to the same capture again records nothing', () => {
    given([...history, matched])
      .when({ ...matchCommand, matchedBy: 'matcher', at: '2026-12-02T09:00:00Z' })
      .then([]);
  });
});
