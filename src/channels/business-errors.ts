import type { EventStore } from '../event-store/event-store.port';
import { deliveryDerivedId } from './channel-deliveries';

export const BUSINESS_ERROR_STREAM_PREFIX = 'business-error-';

/** Why a channel payload was not turned into a command, with what finance needs to fix it. */
export interface BusinessError {
  channel: string;
  deliveryId: string;
  topic: string;
  sourceRef: string;
  reason: 'TOTALS_DO_NOT_ADD_UP' | 'MALFORMED_PAYLOAD' | 'REFUSED_BY_RULES';
  message: string;
  details: Record<string, unknown>;
  recordedAt: string;
}

/** Puts a payload on the business-error queue: one stream per delivery, written once. */
export async function recordBusinessError(store: EventStore, error: BusinessError): Promise<string> {
  const streamId = `${BUSINESS_ERROR_STREAM_PREFIX}${error.channel}-${error.deliveryId}`;
  await store.appendToStream(
    streamId,
    [{ eventId: deliveryDerivedId(error.channel, error.deliveryId, 'business-error'), type: 'ChannelPayloadRejected', data: error }],
    { expectedRevision: 'no_stream' },
  );
  return streamId;
}
