import type { EventStore, RecordedEvent } from '../../src/event-store/event-store.port';
import type { Posting, SourceType } from '../../src/ledger/posting/journal-entry';
import { postGiftCardEvent } from '../../src/ledger/posting/gift-card-posting.rules';
import { postOrderEvent } from '../../src/ledger/posting/order-posting.rules';
import { orderContextOf, type RecordedOrderEvent } from '../../src/ledger/posting/posting-source';
import { postRegisterCloseEvent, type RecordedRegisterCloseEvent } from '../../src/ledger/posting/register-close-posting.rules';
import type { PostingReferenceData } from '../../src/ledger/posting/posting-reference-data';
import { postSettlementEvent } from '../../src/ledger/posting/settlement-posting.rules';
import { FISCAL_CALENDAR_STREAM_PREFIX, type FiscalCalendarEvent } from '../../src/ledger/fiscal-calendar/fiscal-calendar.events';
import { calendarFromEvents, placeEntry } from '../../src/ledger/fiscal-calendar/period-placement';
import { REFERENCE_DATA_ID, REFERENCE_DATA_STREAM_PREFIX, type ReferenceDataEvent } from '../../src/reference-data/reference-data.events';
import { lookupFromEvents, postingReferenceDataFrom } from '../../src/reference-data/revenue-role-resolution';
import { readOrNothing } from './recorded-history';

/** What the posting rules made of a source event, and every event they needed to decide it. */
export interface SourcePostings {
  postings: Posting[];
  /** The context events read besides the source (an order's OrderPlaced, say). */
  context: RecordedEvent[];
  /** Per entry refused at its source for missing reference data, the later import it posted at. */
  postedAt?: Map<string, RecordedEvent>;
}

/** The first event of a stream, or undefined when it has none. */
export type FirstEventOf = (streamId: string) => Promise<RecordedEvent | undefined>;

/** How to run the pure posting rules again for one kind of business document. */
type EntrySource = (firstEventOf: FirstEventOf, source: RecordedEvent, store: EventStore) => Promise<SourcePostings | string>;

/**
 * Order events need the order's OrderPlaced (company code, currency, channel payload, store); it
 * is always the stream's first event, so one read finds it. Reference data as the journal had it.
 */
const orderSource: EntrySource = async (firstEventOf, source, store) => {
  const placed = await firstEventOf(source.streamId);
  if (!placed || placed.type !== 'OrderPlaced') return `${source.streamId} does not begin with OrderPlaced`;
  const order = orderContextOf((placed as unknown as RecordedOrderEvent & { type: 'OrderPlaced' }).data);
  const context = placed.eventId === source.eventId ? [] : [placed];
  return withReferenceData(store, source, context, (referenceData) => postOrderEvent(source as unknown as RecordedOrderEvent, order, referenceData));
};

/** A register close carries its store and company; the store's cost objects come from reference data. */
const registerCloseSource: EntrySource = async (_firstEventOf, source, store) =>
  withReferenceData(store, source, [], (referenceData) => postRegisterCloseEvent(source as unknown as RecordedRegisterCloseEvent, referenceData));

const entryIdOfPosting = (p: Posting) => (p.ok ? p.entry.entryId : p.error.entryId);
const awaitsReferenceData = (p: Posting) => !p.ok && p.error.reason === 'reference-data-missing';

/**
 * The rules run with the reference data imported before the source in the log, as the journal
 * ran them; an entry refused for a missing mapping posts, as the journal posts it, at the first
 * later import after which the rules no longer refuse it (that import joins the context).
 */
async function withReferenceData(
  store: EventStore,
  source: RecordedEvent,
  context: RecordedEvent[],
  post: (referenceData: PostingReferenceData) => Posting[],
): Promise<SourcePostings> {
  const imports = await readOrNothing(store, `${REFERENCE_DATA_STREAM_PREFIX}${REFERENCE_DATA_ID}`, 0, 100_000);
  const postWith = (count: number) => post(postingReferenceDataFrom(lookupFromEvents(imports.slice(0, count) as unknown as ReferenceDataEvent[])));
  const after = imports.findIndex((event) => event.globalPosition > source.globalPosition);
  const before = after < 0 ? imports.length : after;
  let postings = postWith(before);
  const postedAt = new Map<string, RecordedEvent>();
  for (let i = before; i < imports.length && postings.some(awaitsReferenceData); i += 1) {
    const retried = postWith(i + 1);
    postings = postings.map((p) => {
      if (!awaitsReferenceData(p)) return p;
      const again = retried.find((r) => entryIdOfPosting(r) === entryIdOfPosting(p)) ?? p;
      if (again.ok) postedAt.set(again.entry.entryId, imports[i]);
      return again;
    });
  }
  return { postings, context: [...context, ...new Set(postedAt.values())], ...(postedAt.size > 0 && { postedAt }) };
}

/** Payouts and gift card sales carry everything their rules need in the event itself. */
const selfContained =
  (rules: (event: never) => Posting[]): EntrySource =>
  async (_firstEventOf, source) => ({ postings: rules(source as never), context: [] });

const SOURCES: Record<SourceType, EntrySource> = {
  order: orderSource,
  settlement: selfContained(postSettlementEvent),
  'register-close': registerCloseSource,
  'gift-card': selfContained(postGiftCardEvent),
};

/**
 * The rules' postings for `source`, or why they cannot be run again. `firstEventOf` finds the
 * context they need (by default one read of the store); a caller holding the whole stream passes its own.
 */
export async function postingsFromHistory(
  store: EventStore,
  sourceType: string,
  source: RecordedEvent,
  firstEventOf: FirstEventOf = async (streamId) => (await readOrNothing(store, streamId, 0, 1))[0],
): Promise<SourcePostings | string> {
  const rules = (SOURCES as Partial<Record<string, EntrySource>>)[sourceType];
  if (!rules) return `no posting rules for source type ${sourceType}`;
  const outcome = await rules(firstEventOf, source, store);
  return typeof outcome === 'string' ? outcome : placedInOpenPeriods(store, source, outcome);
}

/**
 * The entries as the journal placed them: by the company's calendar events before the source in
 * the log (an entry dated in a period closed by then posts in the next open one). The calendar
 * events read join the context.
 */
async function placedInOpenPeriods(store: EventStore, source: RecordedEvent, outcome: SourcePostings): Promise<SourcePostings> {
  const companies = [...new Set(outcome.postings.flatMap((p) => (p.ok ? [p.entry.companyCode] : [])))];
  if (companies.length === 0) return outcome;
  // An entry posts where the journal posted it: at its source, or at the import that let it post.
  const postedAt = (entryId: string) => (outcome.postedAt?.get(entryId) ?? source).globalPosition;
  const last = outcome.postings.reduce((at, p) => (p.ok && postedAt(p.entry.entryId) > at ? postedAt(p.entry.entryId) : at), source.globalPosition);
  const before = new Map<string, RecordedEvent[]>();
  for (const companyCode of companies) {
    const events = await readOrNothing(store, `${FISCAL_CALENDAR_STREAM_PREFIX}${companyCode}`, 0, 100_000);
    before.set(
      companyCode,
      events.filter((event) => event.globalPosition < last),
    );
  }
  const calendarAt = (companyCode: string, position: bigint) =>
    calendarFromEvents(before.get(companyCode)!.filter((event) => event.globalPosition < position) as unknown as FiscalCalendarEvent[]);
  return {
    ...outcome,
    postings: outcome.postings.map((p): Posting => (p.ok ? { ok: true, entry: placeEntry(p.entry, calendarAt(p.entry.companyCode, postedAt(p.entry.entryId))) } : p)),
    context: [...outcome.context, ...companies.flatMap((companyCode) => before.get(companyCode)!)],
  };
}
