import { v5 as uuidv5 } from 'uuid';
import type { EventStore } from '../event-store/event-store.port';

/** Fixed namespace for ids derived from a channel's delivery id. */
const CHANNEL_DELIVERIES = '0b7f2f5e-8e52-4b8e-a7a4-3c0f4a9d6e11';

export function deliveryDerivedId(channel: string, deliveryId: string, purpose: string): string {
  return uuidv5(JSON.stringify([channel, deliveryId, purpose]), CHANNEL_DELIVERIES);
}

export interface ChannelDelivery {
  channel: string;
  deliveryId: string;
  topic: string;
  source: string;
  receivedAt: string;
  rawBody: string;
}

/**
 * Keeps a channel payload exactly as received, in a stream of its own named by the delivery
 * id; that stream id is the `sourceRef` lineage points to. A redelivery appends the same event
 * id at the same position, which the store answers as already done.
 */
export async function recordDelivery(store: EventStore, delivery: ChannelDelivery): Promise<string> {
  const streamId = `channel-delivery-${delivery.channel}-${delivery.deliveryId}`;
  await store.appendToStream(
    streamId,
    [{ eventId: deliveryDerivedId(delivery.channel, delivery.deliveryId, 'received'), type: 'ChannelPayloadReceived', data: delivery }],
    { expectedRevision: 'no_stream' },
  );
  return streamId;
}
