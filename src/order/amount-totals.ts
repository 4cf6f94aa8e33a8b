import { applicationKey, lineDiscount } from './discount-allocations';
import type { AmountTotals, DiscountApplication, LineDiscount, LineTax, ShippingCharge } from './order.events';

interface LineAmounts {
  revenueMinor: number;
  discounts: readonly LineDiscount[];
  taxes: readonly LineTax[];
}

/**
 * Totals over lines (or parts of lines) and shipping. Discounts are reported per application
 * of the order, zero included, so the totals of split shipments add up entry by entry.
 * One pass with plain loops: every order placed is totalled on the request loop.
 */
export function totalsOf(lines: readonly LineAmounts[], shipping: readonly ShippingCharge[], applications: readonly DiscountApplication[]): AmountTotals {
  let revenueMinor = 0;
  let discountMinor = 0;
  let taxMinor = 0;
  let channelRemittedTaxMinor = 0;
  const byApplication = new Map<string, number>();
  for (const line of lines) {
    revenueMinor += line.revenueMinor;
    for (const discount of line.discounts) {
      discountMinor += discount.amountMinor;
      const key = applicationKey(discount);
      byApplication.set(key, (byApplication.get(key) ?? 0) + discount.amountMinor);
    }
    for (const tax of line.taxes) {
      taxMinor += tax.amountMinor;
      if (tax.channelRemitted) channelRemittedTaxMinor += tax.amountMinor;
    }
  }
  let shippingMinor = 0;
  let shippingTaxMinor = 0;
  for (const charge of shipping) {
    shippingMinor += charge.amountMinor;
    shippingTaxMinor += charge.taxMinor;
  }
  return {
    revenueMinor,
    discountMinor,
    discounts: applications.map((application) => lineDiscount(application, byApplication.get(applicationKey(application)) ?? 0)),
    taxMinor,
    channelRemittedTaxMinor,
    shippingMinor,
    shippingTaxMinor,
    totalMinor: revenueMinor - discountMinor + taxMinor + shippingMinor + shippingTaxMinor,
  };
}
