import { type CurrencyCode, currencyCode } from '../../money';
import { ChannelPayloadError, PayloadReader } from '../payload-reader';

/** A Shopify order as Ledgerbridge reads it: shop-currency amounts in minor units. */
export interface ShopifyOrder {
  orderId: string;
  name: string;
  currency: CurrencyCode;
  placedAt: string;
  taxesIncluded: boolean;
  lines: ShopifyLine[];
  discountApplications: Array<{ index: number; code: string; type: string }>;
  shipping: Array<{ code: string; amountMinor: number; taxMinor: number; discountMinor: number }>;
  gateways: string[];
  totals: { linesMinor: number; discountsMinor: number; taxMinor: number; shippingMinor: number; totalMinor: number };
}

export interface ShopifyLine {
  lineId: string;
  sku: string;
  quantity: number;
  unitPriceMinor: number;
  taxes: Array<{ title: string; rate: string; amountMinor: number; channelLiable: boolean }>;
  discounts: Array<{ applicationIndex: number; amountMinor: number }>;
}

/**
 * Shopify gives most amounts twice: a shop-currency `*_set.shop_money` and a legacy field in
 * the presentment currency. Finance books in the shop currency, so `shop_money` wins.
 */
function shopAmount(node: PayloadReader, legacy: string, currency: CurrencyCode): number {
  const set = `${legacy}_set`;
  if (node.has(set)) {
    const shopMoney = node.field(set).field('shop_money');
    const code = shopMoney.field('currency_code').string();
    if (code !== currency) throw new ChannelPayloadError(`${shopMoney.path}.currency_code`, `is ${code}, the order is in ${currency}`);
    return shopMoney.field('amount').amount(currency);
  }
  return node.field(legacy).amount(currency);
}

function shopCurrency(order: PayloadReader): CurrencyCode {
  const field = order.field('currency');
  try {
    return currencyCode(field.string());
  } catch {
    throw new ChannelPayloadError(field.path, 'must be an ISO 4217 currency code');
  }
}

/** Reads an `orders/create` webhook body; throws ChannelPayloadError naming the first bad field. */
export function readShopifyOrder(payload: unknown): ShopifyOrder {
  const order = new PayloadReader(payload, '');
  const currency = shopCurrency(order);
  const amountOf = (node: PayloadReader, legacy: string) => shopAmount(node, legacy, currency);

  const lines = order.field('line_items').items().map((line): ShopifyLine => ({
    lineId: line.field('id').id(),
    sku: line.has('sku') ? line.field('sku').string() : `variant:${line.field('variant_id').id()}`,
    quantity: line.field('quantity').positiveInteger(),
    unitPriceMinor: amountOf(line, 'price'),
    taxes: line.field('tax_lines').optionalItems().map((tax) => ({
      title: tax.field('title').string(),
      rate: String(tax.field('rate').value),
      amountMinor: amountOf(tax, 'price'),
      channelLiable: tax.has('channel_liable') ? tax.field('channel_liable').boolean() : false,
    })),
    discounts: line.field('discount_allocations').optionalItems().map((allocation) => ({
      applicationIndex: Number(allocation.field('discount_application_index').value),
      amountMinor: amountOf(allocation, 'amount'),
    })),
  }));
  if (lines.length === 0) throw new ChannelPayloadError('line_items', 'must have at least one line');

  return {
    orderId: order.field('id').id(),
    name: order.has('name') ? order.field('name').string() : order.field('id').id(),
    currency,
    placedAt: order.has('processed_at') ? order.field('processed_at').string() : order.field('created_at').string(),
    taxesIncluded: order.has('taxes_included') ? order.field('taxes_included').boolean() : false,
    lines,
    discountApplications: order.field('discount_applications').optionalItems().map((application, index) => ({
      index,
      code: application.has('code') ? application.field('code').string() : application.has('title') ? application.field('title').string() : `application-${index}`,
      type: application.field('type').string(),
    })),
    shipping: order.field('shipping_lines').optionalItems().map((shipping) => ({
      code: shipping.has('code') ? shipping.field('code').string() : shipping.field('title').string(),
      amountMinor: amountOf(shipping, 'price'),
      taxMinor: shipping.field('tax_lines').optionalItems().reduce((sum, tax) => sum + amountOf(tax, 'price'), 0),
      discountMinor: shipping.field('discount_allocations').optionalItems().reduce((sum, d) => sum + amountOf(d, 'amount'), 0),
    })),
    gateways: order.field('payment_gateway_names').optionalItems().map((gateway) => gateway.string()),
    totals: {
      linesMinor: amountOf(order, 'total_line_items_price'),
      discountsMinor: amountOf(order, 'total_discounts'),
      taxMinor: amountOf(order, 'total_tax'),
      shippingMinor: order.has('total_shipping_price_set') ? amountOf(order, 'total_shipping_price') : 0,
      totalMinor: amountOf(order, 'total_price'),
    },
  };
}
