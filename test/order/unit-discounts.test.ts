import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ShipmentConfirmed } from '../../src/order/order.events';
import { history, ship, workedExample } from './order.fixtures';

describe('discounts split per unit', () => {
  it('never discounts a shipped unit below zero when several promotions share a line', () => {
    // Two 1-cent promotions on a line of 2 x 1 cent: split on their own, both cents would land on unit 0.
    const events = history(
      workedExample({
        lines: [{ lineId: 'L1', sku: 'PIN', quantity: 2, unitPriceMinor: 1 }],
        discounts: [
          { promotionId: 'promo-a', funding: 'retailer', amountMinor: 1 },
          { promotionId: 'promo-b', funding: 'retailer', amountMinor: 1 },
        ],
        taxLines: [],
        shippingLines: [],
        tenders: [],
      }),
      ship('s-1', [['L1', 1]]),
      ship('s-2', [['L1', 1]]),
    );
    const shipments = events.filter((e): e is ShipmentConfirmed => e.type === 'ShipmentConfirmed');
    assert.equal(shipments.length, 2);
    for (const shipment of shipments) {
      const [part] = shipment.data.amounts.lines;
      const discount = part.discounts.reduce((sum, d) => sum + d.amountMinor, 0);
      assert.ok(discount <= part.revenueMinor, `unit discounted by ${discount}, more than its ${part.revenueMinor}`);
    }
    const perPromotion = (id: string) =>
      shipments
        .flatMap((s) => s.data.amounts.lines[0].discounts)
        .filter((d) => d.promotionId === id)
        .reduce((sum, d) => sum + d.amountMinor, 0);
    assert.deepEqual([perPromotion('promo-a'), perPromotion('promo-b')], [1, 1], 'each promotion still adds up over the shipments');
  });
});
