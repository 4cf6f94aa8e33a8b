import { allocate, perUnitShares } from '../money';
import type { LinePart, OrderPlacedData, PostingAmounts, PricedLine, ShippingCharge } from './order.events';
import { totalsOf } from './amount-totals';

/**
 * The amounts of units [firstUnit, firstUnit + quantity) of a line. Every line amount (revenue,
 * each promotion's discount, each tax) is split per unit by largest remainder, so the parts of
 * any set of disjoint unit ranges covering the line sum exactly to the line.
 */
export function linePart(line: PricedLine, firstUnit: number, quantity: number): LinePart {
  const units = (shares: number[]): number => shares.slice(firstUnit, firstUnit + quantity).reduce((a, b) => a + b, 0);
  const share = (totalMinor: number): number => units(perUnitShares(totalMinor, line.quantity));
  const discountShares = perUnitDiscounts(line);
  return {
    lineId: line.lineId,
    sku: line.sku,
    firstUnit,
    quantity,
    revenueMinor: share(line.revenueMinor),
    discounts: line.discounts.map((discount, i) => ({ ...discount, amountMinor: units(discountShares[i]) })),
    taxes: line.taxes.map((tax) => ({ ...tax, amountMinor: share(tax.amountMinor) })),
  };
}

/**
 * Each promotion's discount per unit. Splitting every promotion on its own would hand all their
 * leftover cents to the same first unit, discounting it below zero (two 1-cent discounts on a
 * 2 x 1-cent line); so each promotion is split in proportion to what the units have left after
 * the promotions before it, and no unit is ever discounted by more than its price.
 */
function perUnitDiscounts(line: PricedLine): number[][] {
  const left = perUnitShares(line.grossMinor, line.quantity);
  return line.discounts.map((discount) => {
    const shares = allocate(discount.amountMinor, left);
    shares.forEach((share, unit) => (left[unit] -= share));
    return shares;
  });
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
