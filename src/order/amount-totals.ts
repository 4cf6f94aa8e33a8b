import { applicationKey, lineDiscount } from './discount-allocations';
import type { AmountTotals, DiscountApplication, LineDiscount, LineTax, ShippingCharge } from './order.events';

interface LineAmounts {
  revenueMinor: number;
  discounts: readonly LineDiscount[];
  taxes: readonly LineTax[];
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/**
 * Totals over lines (or parts of lines) and shipping. Discounts are reported per application
 * of the order, zero included, so the totals of split shipments add up entry by entry.
 */
export function totalsOf(lines: readonly LineAmounts[], shipping: readonly ShippingCharge[], applications: readonly DiscountApplication[]): AmountTotals {
  const discounts = lines.flatMap((line) => line.discounts);
  const taxes = lines.flatMap((line) => line.taxes);
  const revenueMinor = sum(lines.map((line) => line.revenueMinor));
  const discountMinor = sum(discounts.map((d) => d.amountMinor));
  const taxMinor = sum(taxes.map((t) => t.amountMinor));
  const shippingMinor = sum(shipping.map((s) => s.amountMinor));
  const shippingTaxMinor = sum(shipping.map((s) => s.taxMinor));
  const byApplication = new Map<string, number>();
  for (const discount of discounts) {
    const key = applicationKey(discount);
    byApplication.set(key, (byApplication.get(key) ?? 0) + discount.amountMinor);
  }
  return {
    revenueMinor,
    discountMinor,
    discounts: applications.map((application) => lineDiscount(application, byApplication.get(applicationKey(application)) ?? 0)),
    taxMinor,
    channelRemittedTaxMinor: sum(taxes.filter((t) => t.channelRemitted).map((t) => t.amountMinor)),
    shippingMinor,
    shippingTaxMinor,
    totalMinor: revenueMinor - discountMinor + taxMinor + shippingMinor + shippingTaxMinor,
  };
}
