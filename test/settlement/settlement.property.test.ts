import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'node:test';
import { registerCloseDecider } from '../../src/settlement/register-close/register-close.aggregate';
import type { BalanceTransaction } from '../../src/settlement/settlement.commands';
import { settlementDecider } from '../../src/settlement/settlement.aggregate';
import { reportPayout } from './settlement.fixtures';

const transaction = (index: number): fc.Arbitrary<BalanceTransaction> =>
  fc
    .record({
      type: fc.constantFrom('charge', 'refund', 'fee', 'chargeback', 'dispute_won', 'dispute_lost', 'adjustment' as const),
      magnitude: fc.integer({ min: 0, max: 1_000_000 }),
      feeMinor: fc.integer({ min: -5_000, max: 50_000 }),
      negative: fc.boolean(),
    })
    .map(({ type, magnitude, feeMinor, negative }) => {
      const out = type === 'refund' || type === 'chargeback' || (negative && (type === 'fee' || type === 'dispute_lost' || type === 'adjustment'));
      const amountMinor = out ? -magnitude : magnitude;
      return { transactionId: `txn-${index}`, type, currency: 'USD', amountMinor, feeMinor, netMinor: amountMinor - feeMinor };
    });
const transactions = fc.integer({ min: 0, max: 25 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => transaction(i))));

describe('settlement: properties', () => {
  it('reconciles exactly when the payout equals the sum of the nets, otherwise records payout − nets', () => {
    fc.assert(
      fc.property(transactions, fc.integer({ min: -3, max: 3 }), fc.boolean(), (reported, offset, exact) => {
        const nets = reported.reduce((sum, t) => sum + t.netMinor, 0);
        const payoutAmountMinor = exact ? nets : nets + offset;
        const [, outcome] = settlementDecider.decide({ ...reportPayout, payoutAmountMinor, transactions: reported }, settlementDecider.initialState());
        if (payoutAmountMinor === nets) assert.equal(outcome.type, 'SettlementReconciled');
        else assert.deepEqual(outcome.type === 'SettlementDiscrepancyFound' && outcome.data.differenceMinor, payoutAmountMinor - nets);
      }),
    );
  });

  it('a register’s total over/short is counted − expected, and the sum of its tenders’', () => {
    const tender = fc.record({ expectedMinor: fc.integer({ min: 0, max: 10_000_000 }), countedMinor: fc.integer({ min: 0, max: 10_000_000 }) });
    fc.assert(
      fc.property(fc.array(tender, { minLength: 1, maxLength: 8 }), (counts) => {
        const tenders = counts.map((c, i) => ({ tender: `tender-${i}`, ...c }));
        const [closed] = registerCloseDecider.decide(
          { kind: 'CloseRegister', storeId: 's', registerId: 'r', businessDate: '2026-11-27', companyCode: 'US01', currency: 'USD', tenders, closedAt: '2026-11-27T22:00:00Z' },
          registerCloseDecider.initialState(),
        );
        const { totals } = closed.data;
        assert.equal(totals.overShortMinor, totals.countedMinor - totals.expectedMinor);
        assert.equal(
          totals.overShortMinor,
          closed.data.tenders.reduce((sum, t) => sum + t.overShortMinor, 0),
        );
      }),
    );
  });
});
