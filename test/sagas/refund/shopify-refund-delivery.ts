import { createHmac } from 'node:crypto';
import { shopifyFixture, shopifyJson } from '../../support/shopify-fixtures';

/** A shop the service is configured with (`SHOPIFY_SHOPS`) and its webhook secret. */
export interface ShopifyShop {
  domain: string;
  secret: string;
}

export const shopifyShops = (shop: ShopifyShop): string => JSON.stringify({ [shop.domain]: { secret: shop.secret, companyCode: 'US01' } });

/** Posts a webhook to the running service as Shopify does: topic, shop, delivery id and HMAC headers. */
export function deliverShopifyWebhook(base: string, shop: ShopifyShop, topic: string, webhookId: string, raw: Buffer): Promise<Response> {
  return fetch(`${base}/channels/shopify/webhooks`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-shopify-topic': topic,
      'x-shopify-shop-domain': shop.domain,
      'x-shopify-webhook-id': webhookId,
      'x-shopify-hmac-sha256': createHmac('sha256', shop.secret).update(raw).digest('base64'),
    },
    body: raw,
  });
}

/** The fixture refund cut to its first line, untaxed, with the money matching it: one the edge accepts for an order it does not know yet. */
export function oneLineRefund(orderId: number, of: { lineItemId?: string; refundId?: number } = {}): Buffer {
  const refund = shopifyFixture('refund.json').refund as Record<string, any>;
  refund.order_id = orderId;
  if (of.refundId !== undefined) refund.id = of.refundId;
  refund.refund_line_items = [refund.refund_line_items[0]];
  if (of.lineItemId !== undefined) refund.refund_line_items[0].line_item_id = of.lineItemId;
  refund.refund_line_items[0].line_item.tax_lines = [];
  refund.transactions[0].amount = '199.00';
  return shopifyJson(refund);
}
