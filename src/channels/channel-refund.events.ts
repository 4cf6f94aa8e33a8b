import type { RecordChannelRefund } from './channel-refund.commands';

export const CHANNEL_REFUND_RECEIVED = 'ChannelRefundReceived';

/** The refund as the channel reported it first; the refund saga applies it to the order. */
export type ChannelRefundReceivedData = Omit<RecordChannelRefund, 'kind'> & {
  /**
   * Only in facts recorded before the refund saga alone applied channel refunds (stored events
   * are never rewritten): true when the webhook had already applied the refund to its order.
   */
  appliedAtEdge?: boolean;
};

export type ChannelRefundReceived = { type: typeof CHANNEL_REFUND_RECEIVED; data: ChannelRefundReceivedData };

export type ChannelRefundEvent = ChannelRefundReceived;
