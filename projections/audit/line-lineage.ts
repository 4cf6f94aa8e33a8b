import type { EventStore } from '../../src/event-store/event-store.port';
import type { TracedLine } from './journal-lineage.queries';
import { entryFromHistory, type EventUsed } from './entry-rebuild';
import { eventAt, eventView, type EventView, readOrNothing } from './recorded-history';

/** An event behind a line: where lineage says it is, and the event itself as the store has it now. */
export interface LineageEvent extends EventUsed {
  /** null when the store has no such event there: the line names history that is missing. */
  event: EventView | null;
}

/** Where the channel's raw payload is kept. */
export interface PayloadReference {
  sourceRef: string;
  /** The stream holding the payload when Ledgerbridge received it itself (webhooks, POS); null for a reference kept elsewhere. */
  stream: { streamId: string; eventId: string; globalPosition: string; recordedAt: string } | null;
}

export interface LineLineage {
  line: TracedLine;
  /** The event that posted the line, then the events the posting rules read for context. */
  events: LineageEvent[];
  commandId: string | null;
  correlationId: string | null;
  causationId: string | null;
  /** The W3C trace context the posting event carried: the trace of the request (or saga step) that recorded it. */
  traceparent: string | null;
  channel: string | null;
  payload: PayloadReference | null;
  promotionId: string | null;
  vendorId: string | null;
}

export async function lineLineage(store: EventStore, line: TracedLine): Promise<LineLineage> {
  // Without its entry the line's source type is unknown, so no rules run and only the named event is shown.
  const fromHistory =
    line.sourceType === null
      ? { events: [] }
      : await entryFromHistory(store, { entryId: line.entryId, sourceType: line.sourceType, streamId: line.streamId, revision: line.revision, eventId: line.eventId });
  const named: EventUsed = {
    role: 'source',
    streamId: line.streamId,
    revision: line.revision,
    eventId: line.eventId,
    type: line.eventType,
    globalPosition: line.globalPosition,
  };
  const context = fromHistory.events.filter((e) => e.role === 'context');
  const events = await Promise.all(
    [named, ...context].map(async (reference) => {
      const event = await eventAt(store, reference);
      return { ...reference, event: event ? eventView(event) : null };
    }),
  );
  return {
    line,
    events,
    commandId: line.commandId,
    correlationId: line.correlationId,
    causationId: line.causationId,
    traceparent: line.traceparent,
    channel: line.channel,
    payload: line.sourceRef === null ? null : await payloadReference(store, line.sourceRef),
    promotionId: line.promotionId,
    vendorId: line.vendorId,
  };
}

/** Only payloads Ledgerbridge received itself live in the store (`recordDelivery`); other references point elsewhere. */
async function payloadReference(store: EventStore, sourceRef: string): Promise<PayloadReference> {
  const [stored] = sourceRef.startsWith('channel-delivery-') ? await readOrNothing(store, sourceRef, 0, 1) : [];
  return {
    sourceRef,
    stream: stored ? { streamId: stored.streamId, eventId: stored.eventId, globalPosition: stored.globalPosition.toString(), recordedAt: stored.recordedAt.toISOString() } : null,
  };
}
