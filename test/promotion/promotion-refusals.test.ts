import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PromotionCommand } from '../../src/promotion/promotion.commands';
import { promotionDecider } from '../../src/promotion/promotion.aggregate';
import type { PromotionEvent } from '../../src/promotion/promotion.events';
import { PROMOTION_REFUSALS, type PromotionRefusalCode } from '../../src/promotion/promotion.refusals';
import { deciderSpec } from '../support/decider-spec';
import { activated, applied, defineSave10, defineVend5, defined, DURING, USD } from './promotion.fixtures';

const { given } = deciderSpec(promotionDecider);
const live = [defined(), activated()];
const apply = (orderId: string, amountMinor: number, currency = 'USD', at = DURING): PromotionCommand => ({
  kind: 'RecordApplication',
  promotionId: 'save10',
  orderId,
  amount: { amountMinor, currency },
  at,
});
const clawback = (orderId: string, returnId: string, amountMinor: number): PromotionCommand => ({
  kind: 'RecordClawback',
  promotionId: 'save10',
  orderId,
  returnId,
  amountMinor,
  at: '2026-12-05T10:00:00Z',
});
const percent = { ...defineSave10, benefit: { type: 'percentage' as const, rate: '10%' } };
const released: PromotionEvent = {
  type: 'PromotionApplicationReleased',
  data: { promotionId: 'save10', orderId: 'order-1', amountMinor: 1000, currency: USD, funding: { retailerMinor: 1000, vendorMinor: 0 }, at: '2026-11-28T00:00:00Z' },
};
const clawedBack: PromotionEvent = {
  type: 'PromotionClawedBack',
  data: {
    promotionId: 'save10',
    orderId: 'order-1',
    returnId: 'ret-1',
    amountMinor: 286,
    currency: USD,
    funding: { retailerMinor: 286, vendorMinor: 0 },
    at: '2026-12-05T10:00:00Z',
  },
};

interface Refusal {
  code: PromotionRefusalCode;
  behaviour: string;
  given: PromotionEvent[];
  when: PromotionCommand;
  details?: Record<string, unknown>;
}

const refusals: Refusal[] = [
  { code: 'PROMOTION_ALREADY_DEFINED', behaviour: 'a promotion is defined once', given: [defined()], when: defineSave10 },
  { code: 'PROMOTION_NOT_FOUND', behaviour: 'nothing happens to a promotion never defined', given: [], when: { kind: 'ActivatePromotion', promotionId: 'save10', at: DURING } },
  { code: 'PROMOTION_NOT_FOUND', behaviour: 'no application on an undefined promotion', given: [], when: apply('order-1', 1000) },
  { code: 'PROMOTION_INACTIVE', behaviour: 'a defined but not activated promotion gives nothing', given: [defined()], when: apply('order-1', 1000) },
  {
    code: 'PROMOTION_EXPIRED',
    behaviour: 'a promotion cannot be activated after its window',
    given: [defined()],
    when: { kind: 'ActivatePromotion', promotionId: 'save10', at: '2026-12-01T00:00:00Z' },
  },
  { code: 'PROMOTION_OUTSIDE_WINDOW', behaviour: 'no application before the window', given: live, when: apply('order-1', 1000, 'USD', '2026-11-26T23:59:59Z') },
  { code: 'PROMOTION_OUTSIDE_WINDOW', behaviour: 'the window ends just before `to`', given: live, when: apply('order-1', 1000, 'USD', '2026-12-01T00:00:00Z') },
  {
    code: 'PROMOTION_BUDGET_EXCEEDED',
    behaviour: 'an application that would overspend the budget',
    given: [defined({ ...defineSave10, budget: { amountMinor: 2500, currency: 'USD' } }), activated(), applied('order-1', 1000), applied('order-2', 1000)],
    when: apply('order-3', 1000),
    details: { budgetMinor: 2500, spentMinor: 2000, remainingMinor: 500, requestedMinor: 1000 },
  },
  {
    code: 'PROMOTION_BUDGET_EXCEEDED',
    behaviour: 'without a budget, a net cost beyond the 10^12 amount bound',
    given: [defined(percent), activated(), applied('order-1', 999_999_999_000)],
    when: apply('order-2', 1001),
    details: { budgetMinor: 1_000_000_000_000, spentMinor: 999_999_999_000, remainingMinor: 1000, requestedMinor: 1001 },
  },
  {
    code: 'PROMOTION_USAGE_LIMIT_REACHED',
    behaviour: 'a promotion held by as many orders as its limit',
    given: [defined({ ...defineSave10, usageLimit: 1 }), activated(), applied('order-1', 1000)],
    when: apply('order-2', 1000),
    details: { usageLimit: 1 },
  },
  { code: 'PROMOTION_ALREADY_APPLIED', behaviour: 'an order holds a promotion once, at one amount', given: [...live, applied('order-1', 1000)], when: apply('order-1', 900) },
  {
    code: 'PROMOTION_ALREADY_APPLIED',
    behaviour: 'a cancelled order cannot take the promotion again',
    given: [...live, applied('order-1', 1000), released],
    when: apply('order-1', 1000),
  },
  { code: 'APPLICATION_EXCEEDS_BENEFIT', behaviour: 'SAVE10 across an order gives at most 10.00', given: live, when: apply('order-1', 1001), details: { benefitMinor: 1000 } },
  { code: 'APPLICATION_NOT_FOUND', behaviour: 'no clawback on an order that never held the promotion', given: live, when: clawback('order-9', 'ret-1', 100) },
  {
    code: 'CLAWBACK_EXCEEDS_APPLIED',
    behaviour: 'clawbacks never take back more than the order was given',
    given: [...live, applied('order-1', 1000), clawedBack],
    when: clawback('order-1', 'ret-2', 715),
    details: { appliedMinor: 1000, clawedBackMinor: 286, requestedMinor: 715 },
  },
  {
    code: 'CLAWBACK_EXCEEDS_APPLIED',
    behaviour: 'a cancelled order holds nothing to claw back',
    given: [...live, applied('order-1', 1000), released],
    when: clawback('order-1', 'ret-1', 1),
  },
  {
    code: 'CLAWBACK_ALREADY_RECORDED',
    behaviour: 'a return claws back once, at one amount',
    given: [...live, applied('order-1', 1000), clawedBack],
    when: clawback('order-1', 'ret-1', 300),
  },
  {
    code: 'PUBLICATION_REASON_REQUIRED',
    behaviour: 'a failed publication says why',
    given: [defined()],
    when: { kind: 'RecordPublication', promotionId: 'save10', channel: 'pos', status: 'failed', reason: '  ', at: DURING },
  },
  { code: 'CURRENCY_MISMATCH', behaviour: 'a USD promotion is not applied in EUR', given: live, when: apply('order-1', 1000, 'EUR') },
  {
    code: 'CURRENCY_MISMATCH',
    behaviour: 'a budget in another currency than the fixed benefit',
    given: [],
    when: { ...defineSave10, budget: { amountMinor: 100_000, currency: 'EUR' } },
  },
  {
    code: 'INVALID_WINDOW',
    behaviour: 'a window must end after it starts',
    given: [],
    when: { ...defineSave10, window: { from: '2026-12-01T00:00:00Z', to: '2026-12-01T00:00:00Z' } },
  },
  {
    code: 'INVALID_WINDOW',
    behaviour: 'a window needs real timestamps',
    given: [],
    when: { ...defineSave10, window: { from: '2026-02-30T00:00:00Z', to: '2026-03-31T00:00:00Z' } },
  },
  {
    code: 'INVALID_WINDOW',
    behaviour: 'a window needs offsets a clock has',
    given: [],
    when: { ...defineSave10, window: { from: '2026-11-27T00:00:00+25:00', to: '2026-12-01T00:00:00Z' } },
  },
  { code: 'INVALID_TIMESTAMP', behaviour: 'time comes on the command as an ISO timestamp with an offset', given: live, when: apply('order-1', 1000, 'USD', '2026-11-27 10:00') },
  {
    code: 'INVALID_TIMESTAMP',
    behaviour: 'a publication needs a timestamp',
    given: [defined()],
    when: { kind: 'RecordPublication', promotionId: 'save10', channel: 'pos', status: 'published', at: 'yesterday' },
  },
  { code: 'INVALID_BENEFIT', behaviour: 'a percentage above 100%', given: [], when: { ...percent, benefit: { type: 'percentage', rate: '110%' } } },
  { code: 'INVALID_BENEFIT', behaviour: 'a percentage that is not one', given: [], when: { ...percent, benefit: { type: 'percentage', rate: 'ten' } } },
  {
    code: 'INVALID_BENEFIT',
    behaviour: 'a fixed benefit of nothing',
    given: [],
    when: { ...defineSave10, benefit: { type: 'fixed', amount: { amountMinor: 0, currency: 'USD' } } },
  },
  {
    code: 'INVALID_FUNDING',
    behaviour: 'a vendor cannot fund more than all of it',
    given: [],
    when: { ...defineVend5, funding: { source: 'vendor', vendorId: 'acme', fundedShare: '120%' } },
  },
  { code: 'INVALID_FUNDING', behaviour: 'vendor funding names the vendor', given: [], when: { ...defineVend5, funding: { source: 'vendor', vendorId: ' ', fundedShare: '100%' } } },
  { code: 'INVALID_BUDGET', behaviour: 'a budget is a positive amount', given: [], when: { ...defineSave10, budget: { amountMinor: -1, currency: 'USD' } } },
  { code: 'INVALID_USAGE_LIMIT', behaviour: 'a usage limit is a positive whole number', given: [], when: { ...defineSave10, usageLimit: 0 } },
  { code: 'INVALID_ELIGIBILITY', behaviour: 'an empty SKU list would make a promotion nobody can use', given: [], when: { ...defineSave10, eligibleSkus: [] } },
  { code: 'INVALID_ELIGIBILITY', behaviour: 'SKUs are listed once', given: [], when: { ...defineSave10, eligibleSkus: ['A', 'A'] } },
  {
    code: 'INVALID_CURRENCY',
    behaviour: 'money is in an ISO 4217 currency',
    given: [],
    when: { ...defineSave10, benefit: { type: 'fixed', amount: { amountMinor: 1000, currency: 'XYZ' } } },
  },
  { code: 'INVALID_CURRENCY', behaviour: 'an application in an unknown currency', given: live, when: apply('order-1', 1000, 'usd') },
  { code: 'INVALID_AMOUNT', behaviour: 'an application is whole minor units', given: live, when: apply('order-1', 10.5) },
  { code: 'INVALID_AMOUNT', behaviour: 'an application is at most 10^12 minor units', given: [defined(percent), activated()], when: apply('order-1', 1_000_000_000_001) },
  { code: 'INVALID_AMOUNT', behaviour: 'a clawback is positive', given: [...live, applied('order-1', 1000)], when: clawback('order-1', 'ret-1', 0) },
];

describe('promotion: refusals (nothing is recorded)', () => {
  for (const refusal of refusals) {
    it(`${refusal.code}: ${refusal.behaviour}`, () => {
      given(refusal.given).when(refusal.when).thenRefuses(refusal.code, refusal.details);
    });
  }

  it('covers every refusal code the promotion can give', () => {
    const covered = new Set(refusals.map((r) => r.code));
    assert.deepEqual(
      PROMOTION_REFUSALS.filter((code) => !covered.has(code)),
      [],
      'codes without a spec',
    );
  });
});
