import type { PostingAmounts } from '../../order/order.events';
import type { DraftLine, Side } from './journal-entry';

/** One line per promotion (in the order's application order), so each promotion's cost is traceable. */
export function discountLines(amounts: PostingAmounts, side: Side): DraftLine[] {
  return amounts.totals.discounts.map((d) =>
    d.funding === 'retailer'
      ? { role: 'discount.retailer', side, amountMinor: d.amountMinor, promotionId: d.promotionId }
      : { role: 'discount.vendor', side, amountMinor: d.amountMinor, promotionId: d.promotionId, vendorId: d.funding.vendorId },
  );
}

/**
 * The vendor-funded part of each promotion: claimed from the vendor (`claim`) or given back
 * when the units return (`reverse`). Debit first either way, as journals are read.
 */
export function vendorClaimLines(amounts: PostingAmounts, direction: 'claim' | 'reverse'): DraftLine[] {
  return amounts.totals.discounts.flatMap((d): DraftLine[] => {
    if (d.funding === 'retailer' || d.amountMinor === 0) return [];
    const party = { amountMinor: d.amountMinor, promotionId: d.promotionId, vendorId: d.funding.vendorId };
    const receivable: DraftLine = { role: 'receivable.vendor-promo', side: direction === 'claim' ? 'debit' : 'credit', ...party };
    const funding: DraftLine = { role: 'cogs.vendor-funding', side: direction === 'claim' ? 'credit' : 'debit', ...party };
    return direction === 'claim' ? [receivable, funding] : [funding, receivable];
  });
}

/** Tax the retailer owes the authority: line tax it collected itself, plus tax on shipping. */
export function payableTaxMinor(amounts: PostingAmounts): number {
  return amounts.totals.taxMinor - amounts.totals.channelRemittedTaxMinor + amounts.totals.shippingTaxMinor;
}
