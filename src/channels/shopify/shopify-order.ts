import { type CurrencyCode, currencyCode } from '../../money';
import { ChannelPayloadError, PayloadReader } from '../payload-reader';

/** A Shopify order as Ledgerbridge reads it: shop-currency amounts in minor units, times in UTC. */
export interface ShopifyOrder {
  orderId: string;
  name: string;
  currency: CurrencyCode;
  /** The buyer's currency; amounts without a `*_set` (discount codes) are in it. */
  presentmentCurrency: CurrencyCode;
  placedAt: string;
  /** When Shopify last changed the order: the time a payment status it states was reached. */
  updatedAt: string;
  taxesIncluded: boolean;
  /** `paid`, `authorized`, `pending` ... as Shopify states it; undefined when absent. */
  financialStatus?: string;
  cancellation?: { at: string; reason: string };
  lines: ShopifyLine[];
  discountApplications: ShopifyDiscountApplication[];
  /** The codes the customer entered and the money each took off, as stated. */
  discountCodes: Array<{ code: string; amountMinor: number }>;
  shipping: Array<{ code: string; amountMinor: number; taxMinor: number; discountMinor: number; discounts: ShopifyAllocation[] }>;
  gateways: string[];
  totals: {
    linesMinor: number;
    /** Lines after their discounts, before shipping and tax (absent in some payloads). */
    subtotalMinor?: number;
    discountsMinor: number;
    taxMinor: number;
    shippingMinor: number;
    totalMinor: number;
    /** What the customer still owes; absent in older payloads. */
    outstandingMinor?: number;
  };
}

/** One of the order's `discount_applications`, by its index (what allocations point to). */
export interface ShopifyDiscountApplication {
  index: number;
  /** `discount_code`, `automatic`, `manual`, `script`. */
  type: string;
  /** The code (discount_code) or the title (automatic, manual), as promotions are named. */
  label: string;
}

export interface ShopifyAllocation {
  applicationIndex: number;
  amountMinor: number;
}

export interface ShopifyLine {
  lineId: string;
  sku: string;
  quantity: number;
  unitPriceMinor: number;
  taxes: Array<{ title: string; rate: string; amountMinor: number; channelLiable: boolean }>;
  discounts: ShopifyAllocation[];
}

/**
 * Shopify gives most amounts twice: a shop-currency `*_set.shop_money` and a legacy field in
 * the presentment currency. Finance books in the shop currency, so `shop_money` wins.
 */
export function shopAmount(node: PayloadReader, legacy: string, currency: CurrencyCode): number {
  const set = `${legacy}_set`;
  if (node.has(set)) {
    const shopMoney = node.field(set).field('shop_money');
    const code = shopMoney.field('currency_code').string();
    if (code !== currency) throw new ChannelPayloadError(`${shopMoney.path}.currency_code`, `is ${code}, the order is in ${currency}`);
    return shopMoney.field('amount').amount(currency);
  }
  return node.field(legacy).amount(currency);
}

export function currencyOf(field: PayloadReader): CurrencyCode {
  try {
    return currencyCode(field.string());
  } catch {
    throw new ChannelPayloadError(field.path, 'must be an ISO 4217 currency code');
  }
}

/** The order object of a webhook body (unwrapped) or of an Admin API answer (`{"order": ...}`). */
export function orderNode(payload: unknown): PayloadReader {
  const body = new PayloadReader(payload, '');
  return body.has('order') && !body.has('line_items') ? body.field('order') : body;
}

/**
 * Reads an `orders/*` webhook body or an Admin API order; throws ChannelPayloadError naming
 * the first bad field. Every time follows the one instant rule (no leap second, offsets within
 * ±14:00), so nothing the ledger cannot post gets past here.
 */
export function readShopifyOrder(payload: unknown): ShopifyOrder {
  const order = orderNode(payload);
  const currency = currencyOf(order.field('currency'));
  const amountOf = (node: PayloadReader, legacy: string) => shopAmount(node, legacy, currency);
  const allocationsOf = (node: PayloadReader): ShopifyAllocation[] =>
    node
      .field('discount_allocations')
      .optionalItems()
      .map((allocation) => ({
        applicationIndex: allocation.field('discount_application_index').wholeNumber(),
        amountMinor: amountOf(allocation, 'amount'),
      }));

  const lines = order
    .field('line_items')
    .items()
    .map((line): ShopifyLine => ({
      lineId: line.field('id').numericId(),
      sku: line.has('sku') ? line.field('sku').string() : `variant:${line.field('variant_id').numericId()}`,
      quantity: line.field('quantity').positiveInteger(),
      unitPriceMinor: amountOf(line, 'price'),
      taxes: line
        .field('tax_lines')
        .optionalItems()
        .map((tax) => ({
          title: tax.field('title').string(),
          rate: tax.field('rate').decimalText(),
          amountMinor: amountOf(tax, 'price'),
          channelLiable: tax.has('channel_liable') ? tax.field('channel_liable').boolean() : false,
        })),
      discounts: allocationsOf(line),
    }));
  if (lines.length === 0) throw new ChannelPayloadError('line_items', 'must have at least one line');

  const discountApplications = order
    .field('discount_applications')
    .optionalItems()
    .map((application, index): ShopifyDiscountApplication => {
      const type = application.field('type').string();
      const label = application.has('code') ? application.field('code').string() : application.has('title') ? application.field('title').string() : `application-${index}`;
      return { index, type, label };
    });
  const applicationCount = discountApplications.length;
  for (const [i, line] of lines.entries()) {
    for (const [j, allocation] of line.discounts.entries()) {
      if (allocation.applicationIndex >= applicationCount) {
        throw new ChannelPayloadError(
          `${order.path ? `${order.path}.` : ''}line_items[${i}].discount_allocations[${j}].discount_application_index`,
          `names no discount application (the order has ${applicationCount})`,
        );
      }
    }
  }
  const presentmentCurrency = order.has('presentment_currency') ? currencyOf(order.field('presentment_currency')) : currency;
  const placedAt = order.has('processed_at') ? order.field('processed_at').instant() : order.field('created_at').instant();
  return {
    orderId: order.field('id').numericId(),
    name: order.has('name') ? order.field('name').string() : order.field('id').numericId(),
    currency,
    presentmentCurrency,
    placedAt,
    updatedAt: order.has('updated_at') ? order.field('updated_at').instant() : placedAt,
    taxesIncluded: order.has('taxes_included') ? order.field('taxes_included').boolean() : false,
    ...(order.has('financial_status') ? { financialStatus: order.field('financial_status').string() } : {}),
    ...(order.has('cancelled_at')
      ? { cancellation: { at: order.field('cancelled_at').instant(), reason: order.has('cancel_reason') ? order.field('cancel_reason').string() : 'other' } }
      : {}),
    lines,
    discountApplications,
    discountCodes: order
      .field('discount_codes')
      .optionalItems()
      .map((code) => ({
        code: code.field('code').string(),
        amountMinor: code.field('amount').amount(presentmentCurrency),
      })),
    shipping: order
      .field('shipping_lines')
      .optionalItems()
      .map((shipping) => {
        const discounts = allocationsOf(shipping);
        return {
          code: shipping.has('code') ? shipping.field('code').string() : shipping.field('title').string(),
          amountMinor: amountOf(shipping, 'price'),
          taxMinor: shipping
            .field('tax_lines')
            .optionalItems()
            .reduce((sum, tax) => sum + amountOf(tax, 'price'), 0),
          discountMinor: discounts.reduce((sum, d) => sum + d.amountMinor, 0),
          discounts,
        };
      }),
    gateways: order
      .field('payment_gateway_names')
      .optionalItems()
      .map((gateway) => gateway.string()),
    totals: {
      linesMinor: amountOf(order, 'total_line_items_price'),
      ...(order.has('subtotal_price') ? { subtotalMinor: amountOf(order, 'subtotal_price') } : {}),
      discountsMinor: amountOf(order, 'total_discounts'),
      taxMinor: amountOf(order, 'total_tax'),
      shippingMinor: order.has('total_shipping_price_set') ? amountOf(order, 'total_shipping_price') : 0,
      totalMinor: amountOf(order, 'total_price'),
      ...(order.has('total_outstanding') ? { outstandingMinor: amountOf(order, 'total_outstanding') } : {}),
    },
  };
}
