import type { LineQuantity } from '../order/order.commands';

/**
 * A refund the channel already paid, to be kept as a fact before anything is done about it,
 * so a refund that arrives before its order is kept rather than refused.
 */
export interface RecordChannelRefund {
  kind: 'RecordChannelRefund';
  channel: string;
  shop: string;
  refundId: string;
  orderId: string;
  /** The return (and refund) id the order will know it by. */
  returnId: string;
  /** Returned units; empty for a refund of money only (shipping, goodwill). */
  lines: LineQuantity[];
  refundedMinor: number;
  currency: string;
  at: string;
  /** Where the raw payload of this delivery is kept, for lineage. */
  sourceRef: string;
}

export type ChannelRefundCommand = RecordChannelRefund;
