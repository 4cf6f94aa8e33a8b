import { v5 as uuidv5 } from 'uuid';
import { StreamNotFoundError } from '../event-store/event-store.errors';
import type { EventStore } from '../event-store/event-store.port';
import { composedId } from './composed-id';

/** Fixed namespace for ids derived from a channel's delivery id. */
const CHANNEL_DELIVERIES = '0b7f2f5e-8e52-4b8e-a7a4-3c0f4a9d6e11';

const DELIVERY_STREAM_PREFIX = 'channel-delivery-';

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
 * Where a delivery's payload is kept: `channel-delivery-<channel>-<deliveryId>` by the composed
 * id rule, so a channel name holding `-` cannot reach another channel's deliveries.
 */
export function deliveryStreamId(channel: string, deliveryId: string): string {
  return `${DELIVERY_STREAM_PREFIX}${composedId([channel, deliveryId])}`;
}

/**
 * Keeps a channel payload exactly as received, in a stream of its own named by the delivery
 * id; that stream id is the `sourceRef` lineage points to. A redelivery appends the same event
 * id at the same position, which the store answers as already done (whatever its body: the
 * first one stays).
 */
export async function recordDelivery(store: EventStore, delivery: ChannelDelivery): Promise<string> {
  const streamId = deliveryStreamId(delivery.channel, delivery.deliveryId);
  await store.appendToStream(streamId, [{ eventId: deliveryDerivedId(delivery.channel, delivery.deliveryId, 'received'), type: 'ChannelPayloadReceived', data: delivery }], {
    expectedRevision: 'no_stream',
  });
  return streamId;
}

/** The delivery a `sourceRef` names, when it is one Ledgerbridge kept (`recordDelivery`). */
export async function readDelivery(store: EventStore, sourceRef: string): Promise<ChannelDelivery | undefined> {
  if (!sourceRef.startsWith(DELIVERY_STREAM_PREFIX)) return undefined;
  try {
    const [first] = await store.readStream(sourceRef, { maxCount: 1 });
    return first?.type === 'ChannelPayloadReceived' ? (first.data as ChannelDelivery) : undefined;
  } catch (error) {
    if (error instanceof StreamNotFoundError) return undefined;
    throw error;
  }
}
