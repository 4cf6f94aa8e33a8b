import type { AmountTotals } from '../../src/order/order.events';

/** Adds totals entry by entry; discounts line up because every part lists every application. */
export function addTotals(a: AmountTotals, b: AmountTotals): AmountTotals {
  return {
    revenueMinor: a.revenueMinor + b.revenueMinor,
    discountMinor: a.discountMinor + b.discountMinor,
    discounts: a.discounts.map((d, i) => ({ ...d, amountMinor: d.amountMinor + b.discounts[i].amountMinor })),
    taxMinor: a.taxMinor + b.taxMinor,
    channelRemittedTaxMinor: a.channelRemittedTaxMinor + b.channelRemittedTaxMinor,
    shippingMinor: a.shippingMinor + b.shippingMinor,
    shippingTaxMinor: a.shippingTaxMinor + b.shippingTaxMinor,
    totalMinor: a.totalMinor + b.totalMinor,
  };
}
