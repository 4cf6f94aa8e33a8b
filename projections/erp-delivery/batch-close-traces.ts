import type { EventStore } from '../../src/event-store/event-store.port';
import type { ErpDeliveryQueries } from './erp-deliveries.queries';

/** Batches whose close trace is remembered; past it the memory starts again (each is one read). */
const REMEMBERED = 1_000;

/**
 * The W3C trace context of each batch's close (its PostingBatchClosed event's `traceparent`: the
 * operator's request, or the size watcher's command), which the batch's delivery events carry
 * on. One event read per batch, then remembered; a batch the read model does not hold yet is
 * asked about again at its next record.
 */
export function batchCloseTraces(queries: ErpDeliveryQueries, store: EventStore): (batchId: string) => Promise<string | undefined> {
  const known = new Map<string, string | undefined>();
  return async (batchId) => {
    if (known.has(batchId)) return known.get(batchId);
    const close = queries.closeEventOf(batchId);
    if (!close) return undefined;
    const [event] = await store.readAll({ fromPosition: BigInt(close.globalPosition), maxCount: 1 });
    const traceparent = event?.eventId === close.eventId && typeof event.metadata.traceparent === 'string' ? event.metadata.traceparent : undefined;
    if (known.size >= REMEMBERED) known.clear();
    known.set(batchId, traceparent);
    return traceparent;
  };
}
