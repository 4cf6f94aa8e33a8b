import { StreamNotFoundError } from '../../src/event-store/event-store.errors';
import type { EventStore, RecordedEvent, StreamRevision } from '../../src/event-store/event-store.port';

/** Where an event sits in history, as lineage names it. */
export interface EventReference {
  streamId: string;
  revision: StreamRevision;
  eventId: string;
}

/**
 * The event a lineage names, read back from the store; undefined when the store has no event
 * with that id at that place (which is itself an audit finding).
 */
export async function eventAt(store: EventStore, reference: EventReference): Promise<RecordedEvent | undefined> {
  const [event] = await readOrNothing(store, reference.streamId, reference.revision, 1);
  return event && event.eventId === reference.eventId ? event : undefined;
}

export async function readOrNothing(store: EventStore, streamId: string, fromRevision: StreamRevision, maxCount: number): Promise<RecordedEvent[]> {
  try {
    return await store.readStream(streamId, { fromRevision, maxCount });
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
}

/** The event as an auditor reads it: positions as decimal text (64-bit), times as ISO strings. */
export interface EventView {
  eventId: string;
  type: string;
  schemaVersion: number;
  streamId: string;
  revision: number;
  globalPosition: string;
  recordedAt: string;
  data: unknown;
  metadata: Record<string, unknown>;
}

export function eventView(event: RecordedEvent): EventView {
  return {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    streamId: event.streamId,
    revision: event.revision,
    globalPosition: event.globalPosition.toString(),
    recordedAt: event.recordedAt.toISOString(),
    data: event.data,
    metadata: event.metadata,
  };
}
