import { v5 as uuidv5 } from 'uuid';
import type { EventStore } from '../event-store/event-store.port';
import type { LineQuantity } from '../order/order.commands';

/** Fixed namespace: a refund recorded again (redelivery, resend) gets the same event id. */
const CHANNEL_REFUNDS = '5d0c6f0e-2b1a-4c7e-9e43-6a1f0b8d2c57';

/**
 * A refund the channel already paid, recorded as a fact of its own before anything is done
 * about it, so a refund that arrives before its order is kept rather than refused.
 */
export interface ChannelRefundReceivedData {
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
  /** Where the raw payload is kept, for lineage. */
  sourceRef: string;
  /**
   * The order was known when the refund arrived, so the webhook recorded return and refund
   * on it straight away; otherwise the refund saga does, once the order appears.
   */
  appliedAtEdge: boolean;
}

export const CHANNEL_REFUND_RECEIVED = 'ChannelRefundReceived';
export const CHANNEL_REFUND_PREFIX = 'channel-refund-';

export const channelRefundStreamId = (shop: string, refundId: string): string => `${CHANNEL_REFUND_PREFIX}${shop}-${refundId}`;

/**
 * Records the refund once: whatever is delivered later for the same refund (a redelivery, a
 * resend under a new webhook id) is answered with the fact recorded first, so the decision of
 * who applies it is made once.
 */
export async function recordChannelRefund(store: EventStore, refund: ChannelRefundReceivedData): Promise<ChannelRefundReceivedData> {
  const streamId = channelRefundStreamId(refund.shop, refund.refundId);
  try {
    await store.appendToStream(streamId, [{ eventId: uuidv5(streamId, CHANNEL_REFUNDS), type: CHANNEL_REFUND_RECEIVED, data: refund }], {
      expectedRevision: 'no_stream',
    });
  } catch (error) {
    // Recorded already under another delivery: the first record stands.
    if (!(await isRecorded(store, streamId))) throw error;
  }
  // Read back even after a successful append: a redelivery re-appends the same event id, which the
  // store answers as done, and must still get the first record (its appliedAtEdge), not its own.
  const [first] = await store.readStream(streamId, { maxCount: 1 });
  return first.data as ChannelRefundReceivedData;
}

async function isRecorded(store: EventStore, streamId: string): Promise<boolean> {
  try {
    return (await store.readStream(streamId, { maxCount: 1 })).length > 0;
  } catch {
    return false;
  }
}
