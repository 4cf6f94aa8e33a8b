import type { EventStore, RecordedEvent } from '../event-store/event-store.port';
import type { Posting, SourceType } from '../../projections/posting/journal-entry';
import { postGiftCardEvent } from '../../projections/posting/gift-card-posting.rules';
import { postOrderEvent } from '../../projections/posting/order-posting.rules';
import { orderContextOf, type RecordedOrderEvent } from '../../projections/posting/posting-source';
import { postRegisterCloseEvent } from '../../projections/posting/register-close-posting.rules';
import { postSettlementEvent } from '../../projections/posting/settlement-posting.rules';
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

/** Payouts, register closes and gift card sales carry everything their rules need in the event itself. */
const selfContained =
  (rules: (event: never) => Posting[]): EntrySource =>
  async (_store, source) => ({ postings: rules(source as never), context: [] });

const SOURCES: Record<SourceType, EntrySource> = {
  order: orderSource,
  settlement: selfContained(postSettlementEvent),
  'register-close': selfContained(postRegisterCloseEvent),
  'gift-card': selfContained(postGiftCardEvent),
};

/** The rules' postings for `source`, or why they cannot be run again. */
export async function postingsFromHistory(store: EventStore, sourceType: string, source: RecordedEvent): Promise<SourcePostings | string> {
  const rules = (SOURCES as Partial<Record<string, EntrySource>>)[sourceType];
  if (!rules) return `no posting rules for source type ${sourceType}`;
  return rules(store, source);
}
