import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BalanceTransaction, SettlementCommand } from '../../src/settlement/settlement.commands';
import { settlementDecider } from '../../src/settlement/settlement.aggregate';
import type { SettlementEvent } from '../../src/settlement/settlement.events';
import { SETTLEMENT_REFUSALS, type SettlementRefusalCode } from '../../src/settlement/settlement.refusals';
import { deciderSpec } from '../support/decider-spec';
import { charge, reported, reportPayout } from './settlement.fixtures';

const { given } = deciderSpec(settlementDecider);
const withTransactions = (...transactions: BalanceTransaction[]): SettlementCommand => ({ ...reportPayout, transactions });
const match = { kind: 'MatchTransaction', payoutId: 'po-1', transactionId: 'txn-charge-1', orderId: 'order-9', matchedBy: 'finance:alice', at: '2026-12-01T09:00:00Z' } as const;

interface Refusal {
  code: SettlementRefusalCode;
  behaviour: string;
  given: SettlementEvent[];
  when: SettlementCommand;
  details?: Record<string, unknown>;
}

const refusals: Refusal[] = [
  { code: 'SETTLEMENT_ALREADY_REPORTED', behaviour: 'a payout is reported once', given: [reported()], when: reportPayout },
  { code: 'SETTLEMENT_NOT_FOUND', behaviour: 'no matching on a payout not yet reported', given: [], when: match },
  {
    code: 'NET_MISMATCH',
    behaviour: 'a transaction whose net is not amount − fee',
    given: [],
    when: withTransactions({ ...charge, netMinor: 10185 }),
    details: { transactionId: 'txn-charge-1', expectedNetMinor: 10184 },
  },
  { code: 'CURRENCY_MISMATCH', behaviour: 'a transaction in another currency than its payout', given: [], when: withTransactions({ ...charge, currency: 'EUR' }) },
  { code: 'DUPLICATE_TRANSACTION', behaviour: 'a transaction listed twice would be paid twice', given: [], when: withTransactions(charge, charge) },
  {
    code: 'AMOUNT_SIGN_MISMATCH',
    behaviour: 'a refund reported as money in (a sign flipped at the edge)',
    given: [],
    when: withTransactions({ ...charge, transactionId: 'r', type: 'refund', netMinor: 10184 }),
  },
  {
    code: 'AMOUNT_SIGN_MISMATCH',
    behaviour: 'a charge reported as money out',
    given: [],
    when: withTransactions({ ...charge, amountMinor: -10519, feeMinor: 0, netMinor: -10519 }),
  },
  { code: 'TRANSACTION_NOT_FOUND', behaviour: 'no matching a transaction the payout does not hold', given: [reported()], when: { ...match, transactionId: 'txn-other' } },
  { code: 'TRANSACTION_ALREADY_MATCHED', behaviour: 'a transaction belongs to one order', given: [reported()], when: match, details: { transactionId: 'txn-charge-1' } },
  { code: 'INVALID_CURRENCY', behaviour: 'a payout in an unknown currency', given: [], when: { ...reportPayout, currency: 'DOLLARS' } },
  { code: 'INVALID_AMOUNT', behaviour: 'a payout amount in fractions of a minor unit', given: [], when: { ...reportPayout, payoutAmountMinor: 101.84 } },
  { code: 'INVALID_AMOUNT', behaviour: 'a transaction fee in fractions of a minor unit', given: [], when: withTransactions({ ...charge, feeMinor: 3.35 }) },
  {
    code: 'INVALID_AMOUNT',
    behaviour: 'transactions whose nets sum beyond 10^12',
    given: [],
    when: {
      ...reportPayout,
      payoutAmountMinor: 0,
      transactions: [
        { ...charge, amountMinor: 600_000_000_000, feeMinor: 0, netMinor: 600_000_000_000 },
        { ...charge, transactionId: 'txn-2', amountMinor: 600_000_000_000, feeMinor: 0, netMinor: 600_000_000_000 },
      ],
    },
  },
  { code: 'INVALID_AMOUNT', behaviour: 'a payout of more than 10^12', given: [], when: { ...reportPayout, payoutAmountMinor: 1_000_000_000_001 } },
  { code: 'INVALID_DATE', behaviour: 'a payout date that does not exist', given: [], when: { ...reportPayout, payoutDate: '2026-11-31' } },
  { code: 'INVALID_TIMESTAMP', behaviour: 'a match made in a leap second', given: [reported()], when: { ...match, at: '2026-12-31T23:59:60Z' } },
];

describe('settlement: refusals (nothing is recorded)', () => {
  for (const refusal of refusals) {
    it(`${refusal.code}: ${refusal.behaviour}`, () => {
      given(refusal.given).when(refusal.when).thenRefuses(refusal.code, refusal.details);
    });
  }

  it('covers every refusal code a settlement can give', () => {
    const covered = new Set(refusals.map((r) => r.code));
    assert.deepEqual(
      SETTLEMENT_REFUSALS.filter((code) => !covered.has(code)),
      [],
      'codes without a spec',
    );
  });
});
