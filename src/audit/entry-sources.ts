import type { EventStore, RecordedEvent } from '../event-store/event-store.port';
import type { Posting, SourceType } from '../../projections/posting/journal-entry';
import { postOrderEvent } from '../../projections/posting/order-posting.rules';
import { orderContextOf, type RecordedOrderEvent } from '../../projections/posting/posting-source';
import { readOrNothing } from './recorded-history';

/** What the posting rules made of a source event, and every event they needed to decide it. */
export interface SourcePostings {
  postings: Posting[];
  /** The context events read besides the source (an order's OrderPlaced, say). */
  context: RecordedEvent[];
}

/** How to run the pure posting rules again for one kind of business document. */
type EntrySource = (store: EventStore, source: RecordedEvent) => Promise<SourcePostings | string>;

/**
 * Order events need the order's OrderPlaced (company code, currency, channel payload); it is
 * always the stream's first event, so one read finds it.
 */
const orderSource: EntrySource = async (store, source) => {
  const [placed] = await readOrNothing(store, source.streamId, 0, 1);
  if (!placed || placed.type !== 'OrderPlaced') return `${source.streamId} does not begin with OrderPlaced`;
  const order = orderContextOf((placed as unknown as RecordedOrderEvent & { type: 'OrderPlaced' }).data);
  const context = placed.eventId === source.eventId ? [] : [placed];
  return { postings: postOrderEvent(source as unknown as RecordedOrderEvent, order), context };
};

const SOURCES: Partial<Record<SourceType, EntrySource>> = { order: orderSource };

/** The rules' postings for `source`, or why they cannot be run again. */
export async function postingsFromHistory(store: EventStore, sourceType: string, source: RecordedEvent): Promise<SourcePostings | string> {
  const rules = SOURCES[sourceType as SourceType];
  if (!rules) return `entries of source type ${sourceType} cannot be rebuilt yet`;
  return rules(store, source);
}
