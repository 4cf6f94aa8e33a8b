import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'node:test';
import { promotionDecider } from '../../src/promotion/promotion.aggregate';
import type { PromotionCommand } from '../../src/promotion/promotion.commands';
import type { PromotionState } from '../../src/promotion/promotion.state';
import { BusinessRuleRefusal } from '../../src/runtime/business-rule-refusal';
import { activated, defineSave10, defineVend5, defined, DURING, USD } from './promotion.fixtures';

// Small amounts matter: rounding errors in splits only show after many one-cent returns.
const order = fc.integer({ min: 0, max: 5 }).map((i) => `order-${i}`);
const step: fc.Arbitrary<PromotionCommand> = fc.oneof(
  fc.record({ orderId: order, amountMinor: fc.oneof(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 800 })) }).map(({ orderId, amountMinor }) => ({
    kind: 'RecordApplication' as const,
    promotionId: 'save10',
    orderId,
    amount: { amountMinor, currency: 'USD' },
    at: DURING,
  })),
  order.map((orderId) => ({ kind: 'ReleaseApplication' as const, promotionId: 'save10', orderId, at: DURING })),
  fc.record({ orderId: order, returnId: fc.integer({ min: 0, max: 7 }), amountMinor: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 300 })) }).map((c) => ({
    kind: 'RecordClawback' as const,
    promotionId: 'save10',
    orderId: c.orderId,
    returnId: `ret-${c.returnId}`,
    amountMinor: c.amountMinor,
    at: DURING,
  })),
);
const terms = fc.record({
  budgetMinor: fc.integer({ min: 1, max: 3000 }),
  usageLimit: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
  fundedShare: fc.constantFrom('1%', '33%', '50%', '66.5%', '100%'),
});

/** What the recorded events say the promotion costs, summed independently of the state. */
function checkInvariants(state: PromotionState, budgetMinor: number, usageLimit: number | undefined): void {
  const spent = state.netCostMinor.get(USD) ?? 0;
  assert.ok(spent >= 0 && spent <= budgetMinor, `spent ${spent} of a ${budgetMinor} budget`);
  const holding = [...state.applications.values()].filter((a) => !a.released);
  assert.equal(state.usageCount, holding.length);
  if (usageLimit !== undefined) assert.ok(state.usageCount <= usageLimit, `${state.usageCount} uses over a limit of ${usageLimit}`);
  assert.equal(
    spent,
    holding.reduce((sum, a) => sum + a.amountMinor - a.clawedBackMinor, 0),
  );
  for (const a of state.applications.values()) {
    assert.equal(a.funding.retailerMinor + a.funding.vendorMinor, a.amountMinor);
    assert.equal(a.clawedBackFunding.retailerMinor + a.clawedBackFunding.vendorMinor, a.clawedBackMinor);
    assert.ok(a.clawedBackFunding.retailerMinor >= 0 && a.clawedBackFunding.retailerMinor <= a.funding.retailerMinor, 'retailer clawback within its share');
    assert.ok(a.clawedBackFunding.vendorMinor >= 0 && a.clawedBackFunding.vendorMinor <= a.funding.vendorMinor, 'vendor clawback within its share');
    if (a.clawedBackMinor === a.amountMinor) assert.deepEqual(a.clawedBackFunding, a.funding, 'a fully returned order reverses its split exactly');
  }
}

describe('promotion: properties', () => {
  it('never exceeds its budget or usage limit, and each party’s share stays whole, however applications, releases and clawbacks interleave', () => {
    fc.assert(
      fc.property(terms, fc.array(step, { maxLength: 60 }), ({ budgetMinor, usageLimit, fundedShare }, steps) => {
        const definition = {
          ...defineSave10,
          benefit: { type: 'percentage' as const, rate: '10%' },
          funding: { source: 'vendor' as const, vendorId: 'acme', fundedShare },
          budget: { amountMinor: budgetMinor, currency: 'USD' },
          ...(usageLimit !== undefined && { usageLimit }),
        };
        let state = [defined(definition), activated()].reduce(promotionDecider.evolve, promotionDecider.initialState());
        for (const command of steps) {
          try {
            const events = promotionDecider.decide(command, state);
            for (const event of events) {
              if (event.type !== 'PromotionDefined' && 'funding' in event.data)
                assert.ok(event.data.funding.retailerMinor >= 0 && event.data.funding.vendorMinor >= 0, 'no party is credited a negative share');
            }
            state = events.reduce(promotionDecider.evolve, state);
          } catch (error) {
            if (!(error instanceof BusinessRuleRefusal)) throw error;
          }
          checkInvariants(state, budgetMinor, usageLimit);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('returns reverse a vendor’s share pro rata: never more than either party bore, exactly all of it when everything comes back', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2000 }),
        fc.constantFrom('1%', '33%', '50%', '66.5%', '99%', '100%'),
        fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 40 }),
        (amountMinor, fundedShare, returns) => {
          const terms = { ...defineVend5, benefit: { type: 'percentage' as const, rate: '10%' }, funding: { source: 'vendor' as const, vendorId: 'acme', fundedShare } };
          const applyCommand = { kind: 'RecordApplication' as const, promotionId: 'vend5', orderId: 'order-1', amount: { amountMinor, currency: 'USD' }, at: DURING };
          let state = [defined(terms), activated('vend5')].reduce(promotionDecider.evolve, promotionDecider.initialState());
          state = promotionDecider.decide(applyCommand, state).reduce(promotionDecider.evolve, state);
          // Return in small pieces until everything is back, so rounding has every chance to drift.
          const pieces = [...returns, amountMinor];
          let left = amountMinor;
          for (const [i, piece] of pieces.entries()) {
            const take = Math.min(piece, left);
            if (take === 0) break;
            const events = promotionDecider.decide(
              { kind: 'RecordClawback', promotionId: 'vend5', orderId: 'order-1', returnId: `ret-${i}`, amountMinor: take, at: DURING },
              state,
            );
            state = events.reduce(promotionDecider.evolve, state);
            left -= take;
            checkInvariants(state, Number.MAX_SAFE_INTEGER, undefined);
          }
          const application = state.applications.get('order-1')!;
          assert.deepEqual(application.clawedBackFunding, application.funding);
        },
      ),
    );
  });
});
