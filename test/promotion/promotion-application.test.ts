import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { promotionDecider } from '../../src/promotion/promotion.aggregate';
import type { PromotionEvent } from '../../src/promotion/promotion.events';
import { deciderSpec } from '../support/decider-spec';
import { activated, applied, defineSave10, defineVend5, defined, DURING, USD } from './promotion.fixtures';

const { given, stateAfter } = deciderSpec(promotionDecider);
const live = [defined(), activated()];
const apply = (orderId: string, amountMinor: number, promotionId = 'save10') =>
  ({ kind: 'RecordApplication', promotionId, orderId, amount: { amountMinor, currency: 'USD' }, at: DURING }) as const;
const clawback = (orderId: string, returnId: string, amountMinor: number, promotionId = 'save10') =>
  ({ kind: 'RecordClawback', promotionId, orderId, returnId, amountMinor, at: '2026-12-05T10:00:00Z' }) as const;
const clawedBack = (orderId: string, returnId: string, amountMinor: number, funding: { retailerMinor: number; vendorMinor: number }, promotionId = 'save10'): PromotionEvent => ({
  type: 'PromotionClawedBack',
  data: { promotionId, orderId, returnId, amountMinor, currency: USD, funding, at: '2026-12-05T10:00:00Z' },
});

describe('promotion: application on orders', () => {
  it('records SAVE10 on an order as retailer funded, counting one use and its cost', () => {
    given(live)
      .when(apply('order-1', 1000))
      .then([applied('order-1', 1000)]);
    const state = stateAfter([...live, applied('order-1', 1000)]);
    assert.equal(state.usageCount, 1);
    assert.equal(state.netCostMinor.get(USD), 1000);
  });

  it('records VEND5 as funded by Acme in full; a half-funded share rounds half-even', () => {
    given([defined(defineVend5), activated('vend5')])
      .when(apply('order-1', 500, 'vend5'))
      .then([applied('order-1', 500, { retailerMinor: 0, vendorMinor: 500 }, 'vend5')]);
    const halfFunded = { ...defineVend5, funding: { source: 'vendor' as const, vendorId: 'acme', fundedShare: '50%' } };
    given([defined(halfFunded), activated('vend5')])
      .when(apply('order-1', 5, 'vend5'))
      .then([applied('order-1', 5, { retailerMinor: 3, vendorMinor: 2 }, 'vend5')]);
  });

  it('applies on the first instant of the window', () => {
    given(live)
      .when({ ...apply('order-1', 1000), at: '2026-11-27T00:00:00Z' })
      .then([
        {
          type: 'PromotionApplied',
          data: { promotionId: 'save10', orderId: 'order-1', amountMinor: 1000, currency: USD, funding: { retailerMinor: 1000, vendorMinor: 0 }, at: '2026-11-27T00:00:00Z' },
        },
      ]);
  });

  it('a per-unit (each) fixed benefit may add up to more than its amount on one order', () => {
    const perUnit = { ...defineSave10, allocation: 'each' as const };
    given([defined(perUnit), activated()])
      .when(apply('order-1', 3000))
      .then([applied('order-1', 3000)]);
  });

  it('treats the same application recorded again (a retried saga step) as already done', () => {
    given([...live, applied('order-1', 1000)])
      .when(apply('order-1', 1000))
      .then([]);
  });
});

describe('promotion: release when an order is cancelled', () => {
  it('gives the order’s use and cost back', () => {
    const released: PromotionEvent = {
      type: 'PromotionApplicationReleased',
      data: { promotionId: 'save10', orderId: 'order-1', amountMinor: 1000, currency: USD, funding: { retailerMinor: 1000, vendorMinor: 0 }, at: '2026-11-28T00:00:00Z' },
    };
    given([...live, applied('order-1', 1000)])
      .when({ kind: 'ReleaseApplication', promotionId: 'save10', orderId: 'order-1', at: '2026-11-28T00:00:00Z' })
      .then([released]);
    const state = stateAfter([...live, applied('order-1', 1000), released]);
    assert.equal(state.usageCount, 0);
    assert.equal(state.netCostMinor.get(USD), 0);
    assert.equal(state.applications.get('order-1')?.released, true);
  });

  it('is idempotent: releasing twice, or an order that never held the promotion, records nothing', () => {
    const released: PromotionEvent = {
      type: 'PromotionApplicationReleased',
      data: { promotionId: 'save10', orderId: 'order-1', amountMinor: 1000, currency: USD, funding: { retailerMinor: 1000, vendorMinor: 0 }, at: '2026-11-28T00:00:00Z' },
    };
    const release = { kind: 'ReleaseApplication', promotionId: 'save10', orderId: 'order-1', at: '2026-11-29T00:00:00Z' } as const;
    given([...live, applied('order-1', 1000), released])
      .when(release)
      .then([]);
    given(live).when(release).then([]);
  });

  it('still releases after the promotion was deactivated and its window ended', () => {
    const deactivated: PromotionEvent = { type: 'PromotionDeactivated', data: { promotionId: 'save10', at: '2026-11-28T00:00:00Z' } };
    const late = { kind: 'ReleaseApplication', promotionId: 'save10', orderId: 'order-1', at: '2027-01-10T00:00:00Z' } as const;
    const [event] = promotionDecider.decide(late, stateAfter([...live, applied('order-1', 1000), deactivated]));
    assert.equal(event.type, 'PromotionApplicationReleased');
  });

  it('releases only what the order still holds after clawbacks', () => {
    given([...live, applied('order-1', 1000), clawedBack('order-1', 'ret-1', 286, { retailerMinor: 286, vendorMinor: 0 })])
      .when({ kind: 'ReleaseApplication', promotionId: 'save10', orderId: 'order-1', at: '2026-12-06T00:00:00Z' })
      .then([
        {
          type: 'PromotionApplicationReleased',
          data: { promotionId: 'save10', orderId: 'order-1', amountMinor: 714, currency: USD, funding: { retailerMinor: 714, vendorMinor: 0 }, at: '2026-12-06T00:00:00Z' },
        },
      ]);
  });
});

describe('promotion: clawback on returns', () => {
  it('claws back the returned unit’s share of SAVE10 (DESIGN: 2.86 of line one’s 5.71)', () => {
    given([...live, applied('order-1', 1000)])
      .when(clawback('order-1', 'ret-1', 286))
      .then([clawedBack('order-1', 'ret-1', 286, { retailerMinor: 286, vendorMinor: 0 })]);
    const state = stateAfter([...live, applied('order-1', 1000), clawedBack('order-1', 'ret-1', 286, { retailerMinor: 286, vendorMinor: 0 })]);
    assert.equal(state.netCostMinor.get(USD), 714);
    assert.equal(state.usageCount, 1, 'a partly returned order still holds the promotion');
  });

  it('reverses a vendor’s claim pro rata, and returns of every unit reverse it exactly', () => {
    const halfFunded = { ...defineVend5, funding: { source: 'vendor' as const, vendorId: 'acme', fundedShare: '50%' } };
    const history = [defined(halfFunded), activated('vend5'), applied('order-1', 5, { retailerMinor: 3, vendorMinor: 2 }, 'vend5')];
    given(history)
      .when(clawback('order-1', 'ret-1', 1, 'vend5'))
      .then([clawedBack('order-1', 'ret-1', 1, { retailerMinor: 1, vendorMinor: 0 }, 'vend5')]);
    const events = [...history];
    for (const returnId of ['ret-1', 'ret-2', 'ret-3', 'ret-4', 'ret-5']) {
      events.push(...promotionDecider.decide(clawback('order-1', returnId, 1, 'vend5'), stateAfter(events)));
    }
    const application = stateAfter(events).applications.get('order-1');
    assert.deepEqual(application?.clawedBackFunding, { retailerMinor: 3, vendorMinor: 2 });
  });

  it('treats the same return clawed back again as already done', () => {
    given([...live, applied('order-1', 1000), clawedBack('order-1', 'ret-1', 286, { retailerMinor: 286, vendorMinor: 0 })])
      .when(clawback('order-1', 'ret-1', 286))
      .then([]);
  });

  it('claws back after the promotion ended and was deactivated', () => {
    const deactivated: PromotionEvent = { type: 'PromotionDeactivated', data: { promotionId: 'save10', at: '2026-12-02T00:00:00Z' } };
    given([...live, applied('order-1', 1000), deactivated])
      .when(clawback('order-1', 'ret-1', 1000))
      .then([clawedBack('order-1', 'ret-1', 1000, { retailerMinor: 1000, vendorMinor: 0 })]);
  });
});
