import { type CurrencyCode, currencyCode, divideRounded } from '../../money';
import { ChannelPayloadError, PayloadReader } from '../payload-reader';

/** A Shopify refund as Ledgerbridge reads it, in minor units of the refund's currency. */
export interface ShopifyRefund {
  refundId: string;
  orderId: string;
  createdAt: string;
  currency: CurrencyCode;
  lines: Array<{ lineId: string; quantity: number; subtotalMinor: number; taxMinor: number }>;
  /** Shipping refunds and refund discrepancies, signed as Shopify sends them. */
  adjustmentsMinor: number;
  /** Money actually sent back: successful refund transactions. */
  refundedMinor: number;
}

/**
 * Reads a `refunds/create` body (also accepted wrapped as `{"refund": ...}`, the REST shape).
 * Where Shopify omits a refund line's subtotal or tax, they come from the line item: price x
 * quantity, and the line's tax in proportion to the quantity refunded.
 */
export function readShopifyRefund(payload: unknown): ShopifyRefund {
  let refund = new PayloadReader(payload, '');
  if (refund.has('refund') && !refund.has('order_id')) refund = refund.field('refund');

  const transactions = refund.field('transactions').optionalItems().filter(
    (t) => t.field('kind').value === 'refund' && t.field('status').value === 'success',
  );
  const currencyField = transactions[0]?.field('currency');
  if (!currencyField) throw new ChannelPayloadError(refund.field('transactions').path, 'must hold a successful refund transaction');
  let currency: CurrencyCode;
  try {
    currency = currencyCode(currencyField.string());
  } catch {
    throw new ChannelPayloadError(currencyField.path, 'must be an ISO 4217 currency code');
  }

  const lines = refund.field('refund_line_items').optionalItems().map((item) => {
    const quantity = item.field('quantity').positiveInteger();
    const lineItem = item.field('line_item');
    const lineQuantity = lineItem.field('quantity').positiveInteger();
    const subtotalMinor = item.has('subtotal') ? item.field('subtotal').amount(currency) : lineItem.field('price').amount(currency) * quantity;
    const lineTax = lineItem.field('tax_lines').optionalItems().reduce((sum, tax) => sum + tax.field('price').amount(currency), 0);
    const taxMinor = item.has('total_tax')
      ? item.field('total_tax').amount(currency)
      : Number(divideRounded(BigInt(lineTax) * BigInt(quantity), BigInt(lineQuantity), 'half-even'));
    return { lineId: item.field('line_item_id').id(), quantity, subtotalMinor, taxMinor };
  });

  return {
    refundId: refund.field('id').id(),
    orderId: refund.field('order_id').id(),
    createdAt: refund.field('created_at').string(),
    currency,
    lines,
    adjustmentsMinor: refund.field('order_adjustments').optionalItems().reduce(
      (sum, a) => sum + a.field('amount').amount(currency) + (a.has('tax_amount') ? a.field('tax_amount').amount(currency) : 0),
      0,
    ),
    refundedMinor: transactions.reduce((sum, t) => sum + t.field('amount').amount(currency), 0),
  };
}

/** Refunded money must equal refunded lines and their tax plus adjustments, or the refund is not posted. */
export function shopifyRefundDifference(refund: ShopifyRefund): { computedMinor: number; statedMinor: number } | undefined {
  const computedMinor = refund.lines.reduce((sum, l) => sum + l.subtotalMinor + l.taxMinor, 0) + refund.adjustmentsMinor;
  return computedMinor === refund.refundedMinor ? undefined : { computedMinor, statedMinor: refund.refundedMinor };
}
