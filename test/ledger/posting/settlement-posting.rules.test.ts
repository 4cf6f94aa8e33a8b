import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BalanceTransaction } from '../../../src/settlement/settlement.commands';
import type { SettlementEvent, SettlementReported } from '../../../src/settlement/settlement.events';
import type { JournalEntry, JournalLine } from '../../../src/ledger/posting/journal-entry';
import { postSettlementEvent } from '../../../src/ledger/posting/settlement-posting.rules';
import { authorize, capture, history, workedExample } from '../../order/order.fixtures';
import { charge, reportPayout, reported, USD } from '../../settlement/settlement.fixtures';
import { entriesOf, postHistory, recorded } from './recorded-history';

const STREAM = 'settlement-stripe/po-1';
const txn = (transactionId: string, type: BalanceTransaction['type'], amountMinor: number, feeMinor: number): BalanceTransaction => ({
  transactionId,
  type,
  currency: 'USD',
  amountMinor,
  feeMinor,
  netMinor: amountMinor - feeMinor,
});
const payoutOf = (transactions: BalanceTransaction[], payoutAmountMinor = transactions.reduce((a, t) => a + t.netMinor, 0)) =>
  reported({ ...reportPayout, transactions, payoutAmountMinor });
/** Given these settlement events on one payout stream, when posted, the entries. */
const post = (...events: SettlementEvent[]): JournalEntry[] => entriesOf(recorded(events, STREAM, 40n).flatMap(postSettlementEvent));
const linesOf = (entries: JournalEntry[], kind: JournalEntry['kind']) =>
  entries.filter((e) => e.kind === kind).flatMap((e) => e.lines.map((l) => `${l.side} ${l.role} ${l.amountMinor}${l.reference ? ` ${l.reference}` : ''}`));
const balanceOf = (lines: readonly JournalLine[], role: string) =>
  lines.filter((l) => l.role === role).reduce((a, l) => a + (l.side === 'debit' ? l.amountMinor : -l.amountMinor), 0);

describe('settlement posting rules', () => {
  it('posts DESIGN’s card fee 3.35 and payout 101.84 on the payout date, under the payout’s company code', () => {
    const entries = post(reported());
    assert.deepEqual(linesOf(entries, 'settlement-fees'), ['debit expense.payment-fees 335 txn-charge-1', 'credit psp.clearing 335 txn-charge-1']);
    assert.deepEqual(linesOf(entries, 'settlement-payout'), ['debit bank 10184 po-1', 'credit psp.clearing 10184 po-1']);
    assert.deepEqual(
      entries.map((e) => [e.entryId, e.sourceType, e.sourceId, e.companyCode, e.currency, e.postingDate]),
      [
        [`${STREAM}-e0/settlement-fees`, 'settlement', 'stripe/po-1', 'US01', 'USD', '2026-11-30'],
        [`${STREAM}-e0/settlement-payout`, 'settlement', 'stripe/po-1', 'US01', 'USD', '2026-11-30'],
      ],
    );
    assert.deepEqual(
      entries[1].lines.map((l) => l.lineId),
      [`${STREAM}-e0/settlement-payout/1`, `${STREAM}-e0/settlement-payout/2`],
    );
    assert.deepEqual(entries[0].lines[0].lineage, {
      streamId: STREAM,
      revision: 0,
      eventId: `${STREAM}-e0`,
      eventType: 'SettlementReported',
      globalPosition: '40',
      commandId: `${STREAM}-c0`,
      correlationId: `corr-${STREAM}`,
    });
  });

  it('empties psp.clearing when the payout pays out the captured order: capture 105.19 = fee 3.35 + bank 101.84', () => {
    const order = entriesOf(postHistory(recorded(history(workedExample(), authorize(10519), capture(10519)))));
    const lines = [...order, ...post(reported())].flatMap((e) => e.lines);
    assert.equal(balanceOf(lines, 'psp.clearing'), 0);
    assert.equal(balanceOf(lines, 'bank'), 10184);
    assert.equal(balanceOf(lines, 'expense.payment-fees'), 335);
  });

  it('parks a chargeback’s money in psp.disputed-funds with its dispute fee, and a won dispute brings both back', () => {
    const entries = post(payoutOf([charge, txn('txn-cb', 'chargeback', -2500, 1500), txn('txn-won', 'dispute_won', 2500, -1500)]));
    assert.deepEqual(linesOf(entries, 'settlement-disputes'), [
      'debit psp.disputed-funds 2500 txn-cb',
      'debit expense.dispute-fees 1500 txn-cb',
      'credit psp.clearing 4000 txn-cb',
      'credit psp.disputed-funds 2500 txn-won',
      'credit expense.dispute-fees 1500 txn-won',
      'debit psp.clearing 4000 txn-won',
    ]);
    const lines = entries.flatMap((e) => e.lines);
    assert.deepEqual([balanceOf(lines, 'psp.disputed-funds'), balanceOf(lines, 'expense.dispute-fees')], [0, 0]);
  });

  it('expenses a lost dispute’s withdrawn money and its fee', () => {
    const entries = post(payoutOf([charge, txn('txn-lost', 'dispute_lost', -2500, 1500)]));
    assert.deepEqual(linesOf(entries, 'settlement-disputes'), [
      'debit expense.dispute-losses 2500 txn-lost',
      'debit expense.dispute-fees 1500 txn-lost',
      'credit psp.clearing 4000 txn-lost',
    ]);
  });

  it('posts provider fees, refund fees and adjustments either way round, by their sign', () => {
    const entries = post(
      payoutOf([
        charge,
        txn('txn-monthly', 'fee', -500, 0),
        txn('txn-refund', 'refund', -1000, 25),
        txn('txn-credit', 'adjustment', 300, 0),
        txn('txn-debit', 'adjustment', -120, 0),
      ]),
    );
    assert.deepEqual(linesOf(entries, 'settlement-fees'), [
      'debit expense.payment-fees 335 txn-charge-1',
      'credit psp.clearing 335 txn-charge-1',
      'debit expense.payment-fees 500 txn-monthly',
      'credit psp.clearing 500 txn-monthly',
      'debit expense.payment-fees 25 txn-refund',
      'credit psp.clearing 25 txn-refund',
    ]);
    assert.deepEqual(linesOf(entries, 'settlement-adjustments'), [
      'credit expense.psp-adjustments 300 txn-credit',
      'debit psp.clearing 300 txn-credit',
      'debit expense.psp-adjustments 120 txn-debit',
      'credit psp.clearing 120 txn-debit',
    ]);
  });

  it('posts what reached the bank when the payout does not reconcile, leaving the difference in psp.clearing rather than plugging it', () => {
    const entries = post(payoutOf([charge], 10000));
    assert.deepEqual(linesOf(entries, 'settlement-payout'), ['debit bank 10000 po-1', 'credit psp.clearing 10000 po-1']);
    const lines = entries.flatMap((e) => e.lines);
    assert.deepEqual([...new Set(lines.map((l) => l.role))].sort(), ['bank', 'expense.payment-fees', 'psp.clearing']);
    assert.equal(balanceOf(lines, 'psp.clearing'), -(335 + 10000));
  });

  it('posts nothing for reconciliation verdicts and matches: they move no money', () => {
    const verdicts: SettlementEvent[] = [
      { type: 'SettlementReconciled', data: { payoutId: 'po-1', currency: USD, payoutAmountMinor: 10184, netTotalMinor: 10184 } },
      { type: 'TransactionMatched', data: { payoutId: 'po-1', transactionId: 'txn-charge-1', orderId: 'o-1', matchedBy: 'finance', at: '2026-12-01T08:00:00Z' } },
    ];
    assert.deepEqual(recorded(verdicts, STREAM).flatMap(postSettlementEvent), []);
  });

  it('refuses a transaction whose figures do not add up as an unbalanced entry, never a plug', () => {
    const tampered = payoutOf([txn('txn-cb', 'chargeback', -2500, 1500)]) as SettlementReported;
    tampered.data.transactions[0].netMinor = -3999;
    const postings = recorded([tampered], STREAM).flatMap(postSettlementEvent);
    const refused = postings.flatMap((p) => (p.ok ? [] : [p.error]));
    assert.deepEqual(
      refused.map((e) => [e.entryId, e.reason, e.imbalances]),
      [[`${STREAM}-e0/settlement-disputes`, 'unbalanced', [{ currency: 'USD', debitMinor: 4000, creditMinor: 3999 }]]],
    );
  });

  it('refuses to guess the company code of a payout recorded without one', () => {
    const legacy = reported() as SettlementReported;
    delete (legacy.data as Partial<SettlementReported['data']>).companyCode;
    const [posting] = recorded([legacy], STREAM).flatMap(postSettlementEvent);
    assert.deepEqual(!posting.ok && [posting.error.reason, posting.error.entryId], ['missing-company-code', `${STREAM}-e0/unknown`]);
  });
});
