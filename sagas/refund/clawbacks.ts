import type { PostingAmounts } from '../../src/order/order.events';
import type { Clawback } from './refund.events';

/**
 * What each promotion gives back for the returned units: the per-unit discount shares the
 * order already split onto them (ReturnReceived amounts), summed per promotion, in the order
 * the promotions first appear on the returned lines. Vendor-funded ones included: the promotion
 * splits the clawback between retailer and vendor by its own funding.
 */
export function clawbacksFor(amounts: PostingAmounts): Clawback[] {
  const byPromotion: Clawback[] = [];
  for (const line of amounts.lines) {
    for (const discount of line.discounts) {
      const known = byPromotion.find((c) => c.promotionId === discount.promotionId);
      if (known) known.amountMinor += discount.amountMinor;
      else byPromotion.push({ promotionId: discount.promotionId, amountMinor: discount.amountMinor });
    }
  }
  return byPromotion.filter((c) => c.amountMinor > 0);
}
