import type { DiscountApplicationInput, PlaceOrder } from '../../order/order.commands';
import type { ShopifyOrder } from './shopify-order';

export interface ShopifyShopSettings {
  /** Channel name in API-key scopes and on events, e.g. `shopify`. */
  channel: string;
  companyCode: string;
}

/** Shopify's gateway name for gift cards; any other gateway is taken as a card payment. */
const GIFT_CARD_GATEWAY = 'gift_card';

/**
 * Translates a verified, self-consistent Shopify order into the canonical PlaceOrder command.
 * Discounts keep Shopify's per-line allocations (summed per discount application) and are
 * retailer-funded: Shopify does not say who funds a discount. A shipping discount lowers the
 * shipping charge, since the order model allocates discounts over merchandise lines only.
 */
export function placeOrderFromShopify(order: ShopifyOrder, shop: ShopifyShopSettings, sourceRef: string): PlaceOrder {
  const discounts: DiscountApplicationInput[] = [];
  for (const application of order.discountApplications) {
    const allocations = order.lines.flatMap((line) => {
      const amountMinor = line.discounts
        .filter((d) => d.applicationIndex === application.index)
        .reduce((sum, d) => sum + d.amountMinor, 0);
      return amountMinor > 0 ? [{ lineId: line.lineId, amountMinor }] : [];
    });
    const amountMinor = allocations.reduce((sum, a) => sum + a.amountMinor, 0);
    if (amountMinor === 0) continue;
    discounts.push({ promotionId: `${shop.channel}:${application.code}`, code: application.code, funding: 'retailer', amountMinor, allocations });
  }

  const totalMinor = order.totals.totalMinor;
  const giftCard = order.gateways.includes(GIFT_CARD_GATEWAY) && order.gateways.length === 1;
  return {
    kind: 'PlaceOrder',
    orderId: `${shop.channel}-${order.orderId}`,
    channel: shop.channel,
    placedAt: new Date(order.placedAt).toISOString(),
    companyCode: shop.companyCode,
    currency: order.currency,
    fulfillment: { type: 'ship' },
    lines: order.lines.map((line) => ({
      lineId: line.lineId,
      sku: line.sku,
      quantity: line.quantity,
      unitPriceMinor: line.unitPriceMinor,
      taxIncluded: order.taxesIncluded,
    })),
    discounts,
    taxLines: order.lines.flatMap((line) =>
      line.taxes.map((tax) => ({ lineId: line.lineId, rate: tax.rate, amountMinor: tax.amountMinor, channelRemitted: tax.channelLiable })),
    ),
    shippingLines: order.shipping.map((s) => ({ code: s.code, amountMinor: s.amountMinor - s.discountMinor, taxMinor: s.taxMinor })),
    tenders: totalMinor > 0 ? [{ kind: giftCard ? 'gift_card' : 'card', amountMinor: totalMinor, reference: order.gateways.join(',') || undefined }] : [],
    sourceRef,
  };
}
