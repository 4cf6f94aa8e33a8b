import { type CurrencyCode, divideRounded } from '../../money';
import { ChannelPayloadError, PayloadReader } from '../payload-reader';
import { currencyOf } from './shopify-order';

/** A Shopify refund as Ledgerbridge reads it, in minor units of the shop's currency. */
export interface ShopifyRefund {
  refundId: string;
  orderId: string;
  /** When the refund took effect (`processed_at`, else `created_at`), in UTC. */
  at: string;
  currency: CurrencyCode;
  lines: Array<{ lineId: string; quantity: number; subtotalMinor: number; taxMinor: number; restockType?: string }>;
  /** Shipping refunded: `refund_shipping_lines`, or (older payloads) the `shipping_refund` adjustments. */
  shippingMinor: number;
  /** Other order adjustments (refund discrepancies), signed as Shopify sends them: what the order keeps. */
  adjustmentsMinor: number;
  /** Money actually sent back: successful refund transactions. */
  refundedMinor: number;
}

/** Units the refund takes back from the customer: a `cancel` restock is of units never shipped, refunded as money only. */
export const returnedLines = (refund: ShopifyRefund) => refund.lines.filter((line) => line.restockType !== 'cancel');

/** The refund object of a webhook body (unwrapped) or of an Admin API answer (`{"refund": ...}`). */
function refundNode(payload: unknown): PayloadReader {
  const body = new PayloadReader(payload, '');
  return body.has('refund') && !body.has('order_id') ? body.field('refund') : body;
}

/** An amount in shop money: `<name>_set.shop_money` when given, else the field itself (string or number). */
function shopMoney(node: PayloadReader, name: string, setName: string, currency: CurrencyCode): number {
  if (node.has(setName)) {
    const money = node.field(setName).field('shop_money');
    const code = money.has('currency_code') ? money.field('currency_code') : money.field('currency');
    if (code.string() !== currency) throw new ChannelPayloadError(code.path, `is ${code.string()}, the refund is in ${currency}`);
    return money.field('amount').amount(currency);
  }
  return node.field(name).amount(currency);
}

/**
 * The refund's currency. The `refunds/create` sample leaves `transactions[].currency` null
 * (its `total_unsettled_set` says `XXX`), so the shop money of its lines or adjustments names it.
 */
function refundCurrency(refund: PayloadReader, transactions: PayloadReader[]): CurrencyCode {
  for (const t of transactions) {
    if (t.has('amount_set')) return currencyOf(t.field('amount_set').field('shop_money').field('currency_code'));
    if (t.has('currency')) return currencyOf(t.field('currency'));
  }
  const sets = [
    ...refund
      .field('refund_line_items')
      .optionalItems()
      .map((item) => item.field('subtotal_set')),
    ...refund
      .field('refund_shipping_lines')
      .optionalItems()
      .map((line) => line.field('subtotal_amount_set')),
    ...refund
      .field('order_adjustments')
      .optionalItems()
      .map((a) => a.field('amount_set')),
  ];
  const named = sets.find((set) => set.value !== undefined && set.value !== null);
  if (!named) throw new ChannelPayloadError(refund.field('transactions').path, 'must name the currency (transactions[].currency or a shop_money amount)');
  return currencyOf(named.field('shop_money').field('currency_code'));
}

/**
 * Reads a `refunds/create` body, or a refund as the Admin API returns it (wrapped as
 * `{"refund": ...}`, or inside an order's `refunds`). A refund line's `subtotal` and
 * `total_tax` are JSON numbers (`25.0`) and are read exactly, shop money first; where a 2016
 * payload omits them they come from the line item: price x quantity, and the line's tax in
 * proportion to the quantity refunded.
 */
export function readShopifyRefund(payload: unknown): ShopifyRefund {
  const refund = refundNode(payload);
  const transactions = refund
    .field('transactions')
    .optionalItems()
    .filter((t) => t.field('kind').value === 'refund' && t.field('status').value === 'success');
  if (transactions.length === 0) throw new ChannelPayloadError(refund.field('transactions').path, 'must hold a successful refund transaction');
  const currency = refundCurrency(refund, transactions);

  const lines = refund
    .field('refund_line_items')
    .optionalItems()
    .map((item) => {
      const quantity = item.field('quantity').positiveInteger();
      const lineItem = item.field('line_item');
      const subtotalMinor =
        item.has('subtotal_set') || item.has('subtotal') ? shopMoney(item, 'subtotal', 'subtotal_set', currency) : lineItem.field('price').amount(currency) * quantity;
      let taxMinor: number;
      if (item.has('total_tax_set') || item.has('total_tax')) taxMinor = shopMoney(item, 'total_tax', 'total_tax_set', currency);
      else {
        const lineQuantity = lineItem.field('quantity').positiveInteger();
        const lineTax = lineItem
          .field('tax_lines')
          .optionalItems()
          .reduce((sum, tax) => sum + tax.field('price').amount(currency), 0);
        taxMinor = Number(divideRounded(BigInt(lineTax) * BigInt(quantity), BigInt(lineQuantity), 'half-even'));
      }
      return {
        lineId: item.field('line_item_id').numericId(),
        quantity,
        subtotalMinor,
        taxMinor,
        ...(item.has('restock_type') ? { restockType: item.field('restock_type').string() } : {}),
      };
    });

  const adjustments = refund
    .field('order_adjustments')
    .optionalItems()
    .map((a) => ({
      kind: a.has('kind') ? a.field('kind').string() : 'refund_discrepancy',
      amountMinor: shopMoney(a, 'amount', 'amount_set', currency) + (a.has('tax_amount_set') || a.has('tax_amount') ? shopMoney(a, 'tax_amount', 'tax_amount_set', currency) : 0),
    }));
  const shippingLines = refund.field('refund_shipping_lines').optionalItems();
  // Shopify books a shipping refund twice (a refund shipping line +5.00 and a `shipping_refund`
  // adjustment -5.00, REST refund example): counted once, from the shipping lines when there are any.
  const shippingMinor =
    shippingLines.length > 0
      ? shippingLines.reduce((sum, line) => sum + shopMoney(line, 'subtotal_amount', 'subtotal_amount_set', currency), 0)
      : -adjustments.filter((a) => a.kind === 'shipping_refund').reduce((sum, a) => sum + a.amountMinor, 0);

  return {
    refundId: refund.field('id').numericId(),
    orderId: refund.field('order_id').numericId(),
    at: refund.has('processed_at') ? refund.field('processed_at').instant() : refund.field('created_at').instant(),
    currency,
    lines,
    shippingMinor,
    adjustmentsMinor: adjustments.filter((a) => a.kind !== 'shipping_refund').reduce((sum, a) => sum + a.amountMinor, 0),
    refundedMinor: transactions.reduce((sum, t) => sum + shopMoney(t, 'amount', 'amount_set', currency), 0),
  };
}

/**
 * Refunded money must equal the refunded lines and their tax, plus shipping refunded, less what
 * the order adjustments say the order keeps; otherwise the refund is not posted.
 */
export function shopifyRefundDifference(refund: ShopifyRefund): { computedMinor: number; statedMinor: number } | undefined {
  const computedMinor = refund.lines.reduce((sum, l) => sum + l.subtotalMinor + l.taxMinor, 0) + refund.shippingMinor - refund.adjustmentsMinor;
  return computedMinor === refund.refundedMinor ? undefined : { computedMinor, statedMinor: refund.refundedMinor };
}
