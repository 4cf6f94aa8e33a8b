import { perUnitShares } from '../money';
import type { LinePart, OrderPlacedData, PostingAmounts, PricedLine, ShippingCharge } from './order.events';
import { totalsOf } from './amount-totals';

/**
 * The amounts of units [firstUnit, firstUnit + quantity) of a line. Every line amount (revenue,
 * each promotion's discount, each tax) is split per unit by largest remainder, so the parts of
 * any set of disjoint unit ranges covering the line sum exactly to the line.
 */
export function linePart(line: PricedLine, firstUnit: number, quantity: number): LinePart {
  const share = (totalMinor: number): number =>
    perUnitShares(totalMinor, line.quantity)
      .slice(firstUnit, firstUnit + quantity)
      .reduce((a, b) => a + b, 0);
  return {
    lineId: line.lineId,
    sku: line.sku,
    firstUnit,
    quantity,
    revenueMinor: share(line.revenueMinor),
    discounts: line.discounts.map((discount) => ({ ...discount, amountMinor: share(discount.amountMinor) })),
    taxes: line.taxes.map((tax) => ({ ...tax, amountMinor: share(tax.amountMinor) })),
  };
}

/** What one fulfillment or return posts, with the order's currency and company code. */
export function postingAmounts(order: OrderPlacedData, parts: LinePart[], shipping: ShippingCharge[]): PostingAmounts {
  return {
    currency: order.currency,
    companyCode: order.companyCode,
    lines: parts,
    shipping,
    totals: totalsOf(parts, shipping, order.discounts),
  };
}
