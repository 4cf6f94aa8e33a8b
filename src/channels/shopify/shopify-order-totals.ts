import type { TotalsDifference } from '../totals-difference';
import type { ShopifyAllocation, ShopifyOrder } from './shopify-order';

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
const allocated = (allocations: readonly ShopifyAllocation[]): number => sum(allocations.map((a) => a.amountMinor));

/**
 * Checks every total Shopify states against what its lines add up to: lines, subtotal (lines
 * after their discounts), discounts, each discount code's amount, tax, shipping and the grand
 * total. Each one that disagrees is listed with the stated and the computed amount; a payload
 * that disagrees with itself is not posted.
 */
export function shopifyOrderTotalsDifferences(order: ShopifyOrder): TotalsDifference[] {
  const lines = sum(order.lines.map((line) => line.unitPriceMinor * line.quantity));
  const lineDiscounts = sum(order.lines.map((line) => allocated(line.discounts)));
  const shippingDiscounts = sum(order.shipping.map((s) => s.discountMinor));
  const tax = sum(order.lines.flatMap((line) => line.taxes.map((t) => t.amountMinor))) + sum(order.shipping.map((s) => s.taxMinor));
  const shipping = sum(order.shipping.map((s) => s.amountMinor));
  const total = lines - lineDiscounts - shippingDiscounts + shipping + (order.taxesIncluded ? 0 : tax);

  const checks: TotalsDifference[] = [
    { field: 'total_line_items_price', computedMinor: lines, statedMinor: order.totals.linesMinor },
    ...(order.totals.subtotalMinor !== undefined ? [{ field: 'subtotal_price', computedMinor: lines - lineDiscounts, statedMinor: order.totals.subtotalMinor }] : []),
    { field: 'total_discounts', computedMinor: lineDiscounts + shippingDiscounts, statedMinor: order.totals.discountsMinor },
    ...discountCodeChecks(order),
    { field: 'total_tax', computedMinor: tax, statedMinor: order.totals.taxMinor },
    { field: 'total_shipping_price', computedMinor: shipping, statedMinor: order.totals.shippingMinor },
    { field: 'total_price', computedMinor: total, statedMinor: order.totals.totalMinor },
  ];
  return checks.filter((check) => check.computedMinor !== check.statedMinor);
}

/**
 * Each code the customer entered took off what its discount applications allocated to lines and
 * shipping. Codes are stated in the buyer's currency only, so an order paid in another currency
 * than the shop's cannot be checked this way.
 */
function discountCodeChecks(order: ShopifyOrder): TotalsDifference[] {
  if (order.presentmentCurrency !== order.currency) return [];
  const allocations = [...order.lines.flatMap((line) => line.discounts), ...order.shipping.flatMap((s) => s.discounts)];
  return order.discountCodes.map((code, i) => {
    const applications = new Set(order.discountApplications.filter((a) => a.type === 'discount_code' && a.label.toLowerCase() === code.code.toLowerCase()).map((a) => a.index));
    return { field: `discount_codes[${i}].amount`, computedMinor: allocated(allocations.filter((a) => applications.has(a.applicationIndex))), statedMinor: code.amountMinor };
  });
}
