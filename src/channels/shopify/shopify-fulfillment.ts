import type { LineQuantity } from '../../order/order.commands';
import { ChannelPayloadError, PayloadReader } from '../payload-reader';

/** A Shopify fulfillment: some units of some lines handed to a carrier, or to the customer at a pickup point. */
export interface ShopifyFulfillment {
  fulfillmentId: string;
  orderId: string;
  /** `success` (done), `pending`/`open` (not yet), `cancelled`, `error`, `failure`. */
  status: string;
  /** Units of each order line in this fulfillment (not the line's ordered quantity). */
  lines: LineQuantity[];
  /**
   * When Shopify created it, in UTC. Not `updated_at`: tracking updates move that on, and the
   * shipment's time must not depend on which delivery arrived first.
   */
  at: string;
}

/** Only a successful fulfillment moved goods. */
export const SHIPPED = 'success';

/** The fulfillment of a `fulfillments/*` body, or one of an Admin API order's `fulfillments`. */
export function readShopifyFulfillment(payload: unknown, orderId?: string): ShopifyFulfillment {
  const fulfillment = new PayloadReader(payload, '');
  const byLine = new Map<string, number>();
  for (const item of fulfillment.field('line_items').items()) {
    const lineId = item.field('id').numericId();
    byLine.set(lineId, (byLine.get(lineId) ?? 0) + item.field('quantity').positiveInteger());
  }
  if (byLine.size === 0) throw new ChannelPayloadError(fulfillment.field('line_items').path, 'must have at least one line');
  return {
    fulfillmentId: fulfillment.field('id').numericId(),
    orderId: fulfillment.has('order_id') || orderId === undefined ? fulfillment.field('order_id').numericId() : orderId,
    status: fulfillment.field('status').string(),
    lines: [...byLine].map(([lineId, quantity]) => ({ lineId, quantity })),
    at: fulfillment.field('created_at').instant(),
  };
}
