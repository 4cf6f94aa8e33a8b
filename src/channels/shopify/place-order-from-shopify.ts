import { allocate } from '../../money';
import type { DiscountApplicationInput, LineAmount, PlaceOrder } from '../../order/order.commands';
import { splitApplication } from '../../promotion/funding-split';
import type { PromotionMatch } from './shopify-discounts';
import type { ShopifyDiscountApplication, ShopifyOrder } from './shopify-order';

export interface ShopifyShopSettings {
  /** Channel name in API-key scopes and on events, e.g. `shopify`. */
  channel: string;
  companyCode: string;
}

/** Shopify's gateway name for gift cards; any other gateway is taken as a card payment. */
const GIFT_CARD_GATEWAY = 'gift_card';

/** The order id Ledgerbridge keeps a Shopify order under. */
export const shopifyOrderId = (channel: string, shopifyId: string): string => `${channel}-${shopifyId}`;

/** Each application's allocations to lines, in line order (shipping discounts are netted into shipping). */
function lineAllocations(order: ShopifyOrder, application: ShopifyDiscountApplication): LineAmount[] {
  return order.lines.flatMap((line) => {
    const amountMinor = line.discounts.filter((d) => d.applicationIndex === application.index).reduce((sum, d) => sum + d.amountMinor, 0);
    return amountMinor > 0 ? [{ lineId: line.lineId, amountMinor }] : [];
  });
}

const total = (allocations: readonly LineAmount[]): number => allocations.reduce((sum, a) => sum + a.amountMinor, 0);

/**
 * A discount booked as the promotion it matched: retailer-funded, or the vendor's share (the
 * promotion's own split, half-even on the whole discount, as the promotion records it) as a
 * vendor-funded part and the rest as a retailer-funded part of the same promotion, each spread
 * over the lines in proportion to Shopify's allocations.
 */
function fundedParts(promotion: PromotionMatch, code: string, allocations: LineAmount[]): DiscountApplicationInput[] {
  const amountMinor = total(allocations);
  const base = { promotionId: promotion.promotionId, code };
  if (promotion.funding.source === 'retailer') return [{ ...base, funding: 'retailer', amountMinor, allocations }];
  const vendorId = promotion.funding.vendorId;
  const { vendorMinor } = splitApplication(amountMinor, promotion.funding);
  const vendorParts = allocate(
    vendorMinor,
    allocations.map((a) => a.amountMinor),
  );
  const part = (amounts: number[]): LineAmount[] => allocations.flatMap((a, i) => (amounts[i] > 0 ? [{ lineId: a.lineId, amountMinor: amounts[i] }] : []));
  const vendor = part(vendorParts);
  const retailer = part(allocations.map((a, i) => a.amountMinor - vendorParts[i]));
  return [
    ...(vendorMinor > 0 ? [{ ...base, funding: { vendorId }, amountMinor: vendorMinor, allocations: vendor }] : []),
    ...(vendorMinor < amountMinor ? [{ ...base, funding: 'retailer' as const, amountMinor: amountMinor - vendorMinor, allocations: retailer }] : []),
  ];
}

/**
 * Translates a verified, self-consistent Shopify order into the canonical PlaceOrder command.
 * Discounts keep Shopify's per-line allocations (summed per discount application). A discount
 * whose code (or automatic discount's title) matched a promotion defined here for the channel
 * and date takes that promotion's id and funding (`promotions`, by application index); any
 * other is retailer-funded under `<channel>:<code>`. A shipping discount lowers the shipping
 * charge, since the order model allocates discounts over merchandise lines only. Shopify orders
 * are shipped (its order body does not tell a local pickup apart; a pickup is a fulfillment
 * too) and `capturedByChannel`: their payments come as Shopify's transactions.
 */
export function placeOrderFromShopify(order: ShopifyOrder, shop: ShopifyShopSettings, sourceRef: string, promotions: ReadonlyMap<number, PromotionMatch> = new Map()): PlaceOrder {
  const discounts = order.discountApplications.flatMap((application): DiscountApplicationInput[] => {
    const allocations = lineAllocations(order, application);
    if (allocations.length === 0) return [];
    const promotion = promotions.get(application.index);
    if (promotion) return fundedParts(promotion, application.label, allocations);
    return [{ promotionId: `${shop.channel}:${application.label}`, code: application.label, funding: 'retailer', amountMinor: total(allocations), allocations }];
  });

  const totalMinor = order.totals.totalMinor;
  const giftCard = order.gateways.includes(GIFT_CARD_GATEWAY) && order.gateways.length === 1;
  return {
    kind: 'PlaceOrder',
    orderId: shopifyOrderId(shop.channel, order.orderId),
    channel: shop.channel,
    placedAt: order.placedAt,
    companyCode: shop.companyCode,
    currency: order.currency,
    fulfillment: { type: 'ship' },
    // Shopify moves the money and reports each transaction; Ledgerbridge records them, never captures.
    capturedByChannel: true,
    lines: order.lines.map((line) => ({
      lineId: line.lineId,
      sku: line.sku,
      quantity: line.quantity,
      unitPriceMinor: line.unitPriceMinor,
      taxIncluded: order.taxesIncluded,
    })),
    discounts,
    taxLines: order.lines.flatMap((line) => line.taxes.map((tax) => ({ lineId: line.lineId, rate: tax.rate, amountMinor: tax.amountMinor, channelRemitted: tax.channelLiable }))),
    shippingLines: order.shipping.map((s) => ({ code: s.code, amountMinor: s.amountMinor - s.discountMinor, taxMinor: s.taxMinor })),
    tenders: totalMinor > 0 ? [{ kind: giftCard ? 'gift_card' : 'card', amountMinor: totalMinor, reference: order.gateways.join(',') || undefined }] : [],
    sourceRef,
  };
}
