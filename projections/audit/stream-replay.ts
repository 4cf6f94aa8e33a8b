import type { EventStore } from '../../src/event-store/event-store.port';
import { eventView, type EventView } from './recorded-history';

export interface StreamPage {
  streamId: string;
  fromRevision: number;
  events: EventView[];
  /** Where the next page starts; null when this page reached the end of the stream. */
  nextRevision: number | null;
}

/** One page of a stream's events, forwards from a revision (inclusive). An unknown stream is a StreamNotFoundError. */
export async function replayStream(store: EventStore, streamId: string, fromRevision: number, maxCount: number): Promise<StreamPage> {
  // One more than asked tells whether another page follows without a second read.
  const events = await store.readStream(streamId, { fromRevision, maxCount: maxCount + 1 });
  const page = events.slice(0, maxCount);
  return {
    streamId,
    fromRevision,
    events: page.map(eventView),
    nextRevision: events.length > maxCount ? page[page.length - 1].revision + 1 : null,
  };
}
