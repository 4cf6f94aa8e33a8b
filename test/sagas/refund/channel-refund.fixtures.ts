import type { ChannelRefundReceivedData } from '../../../src/channels/channel-refund-received';

/** A Shopify refund of 1 x L1 (29.31 paid by the channel) that arrived before its order was known. */
export function shopifyRefundFact(orderId: string, overrides: Partial<ChannelRefundReceivedData> = {}): ChannelRefundReceivedData {
  return {
    channel: 'shopify',
    shop: 'acme.myshopify.com',
    refundId: '9001',
    orderId,
    returnId: 'shopify-refund-9001',
    lines: [{ lineId: 'L1', quantity: 1 }],
    refundedMinor: 2931,
    currency: 'USD',
    at: '2026-11-28T09:30:00.000Z',
    sourceRef: 'channel-delivery-shopify-wh-1',
    appliedAtEdge: false,
    ...overrides,
  };
}
