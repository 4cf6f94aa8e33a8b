import type { TotalsDifference } from '../totals-difference';
import type { ShopifyOrder } from './shopify-order';

/**
 * Checks the totals Shopify states against what its lines add up to (lines, discounts, tax,
 * shipping, grand total). A payload that disagrees with itself is not posted.
 */
export function shopifyOrderTotalsDifferences(order: ShopifyOrder): TotalsDifference[] {
  const lines = order.lines.reduce((sum, line) => sum + line.unitPriceMinor * line.quantity, 0);
  const lineDiscounts = order.lines.reduce((sum, line) => sum + line.discounts.reduce((s, d) => s + d.amountMinor, 0), 0);
  const shippingDiscounts = order.shipping.reduce((sum, s) => sum + s.discountMinor, 0);
  const tax =
    order.lines.reduce((sum, line) => sum + line.taxes.reduce((s, t) => s + t.amountMinor, 0), 0) +
    order.shipping.reduce((sum, s) => sum + s.taxMinor, 0);
  const shipping = order.shipping.reduce((sum, s) => sum + s.amountMinor, 0);
  const total = lines - lineDiscounts - shippingDiscounts + shipping + (order.taxesIncluded ? 0 : tax);

  const checks: TotalsDifference[] = [
    { field: 'total_line_items_price', computedMinor: lines, statedMinor: order.totals.linesMinor },
    { field: 'total_discounts', computedMinor: lineDiscounts + shippingDiscounts, statedMinor: order.totals.discountsMinor },
    { field: 'total_tax', computedMinor: tax, statedMinor: order.totals.taxMinor },
    { field: 'total_shipping_price', computedMinor: shipping, statedMinor: order.totals.shippingMinor },
    { field: 'total_price', computedMinor: total, statedMinor: order.totals.totalMinor },
  ];
  return checks.filter((check) => check.computedMinor !== check.statedMinor);
}
