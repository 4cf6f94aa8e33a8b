import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { settlementReconciliationProjection } from '../../../projections/finance/settlement-reconciliation/settlement-reconciliation.projection';
import { settlementReconciliations } from '../../../projections/finance/settlement-reconciliation/settlement-reconciliation.query';
import { ProjectionRunner } from '../../../projections/runner/projection-runner';
import { journalHarness } from '../journal/journal-harness';

describe('settlement reconciliation over a payout recorded before payouts named their company', () => {
  it('keeps the view running and lists the payout without a company code', async () => {
    const h = journalHarness('settlement-legacy');
    const db = h.openProjections();
    const runner = new ProjectionRunner(h.store, db, settlementReconciliationProjection);
    try {
      const legacy = {
        provider: 'stripe',
        payoutId: 'po_old',
        currency: 'USD',
        payoutAmountMinor: 10184,
        payoutDate: '2026-10-30',
        transactions: [{ transactionId: 'txn_1', type: 'charge', currency: 'USD', amountMinor: 10519, feeMinor: 335, netMinor: 10184 }],
        totals: { amountMinor: 10519, feeMinor: 335, netMinor: 10184 },
      };
      const appended = await h.store.appendToStream('settlement-stripe/po_old', [{ eventId: '5e771e00-0000-4000-8000-000000000001', type: 'SettlementReported', data: legacy }], {
        expectedRevision: 'no_stream',
      });
      await runner.start();
      await runner.waitFor(appended.position);
      const { payouts } = settlementReconciliations(db, {});
      assert.deepEqual(
        payouts.map((p) => [p.payoutId, p.companyCode, p.status, p.differenceMinor]),
        [['po_old', null, 'reconciled', 0]],
      );
      assert.deepEqual(settlementReconciliations(db, { companyCode: 'US01' }).payouts, [], 'a company filter cannot claim it');
    } finally {
      await runner.stop();
      db.close();
      await h.close();
    }
  });
});
