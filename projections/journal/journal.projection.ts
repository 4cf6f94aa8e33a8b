import type { RecordedEvent } from '../../src/event-store/event-store.port';
import { canonicalJson } from '../../src/hashing/canonical-json';
import type { JournalEntry, Posting, PostingError } from '../../src/ledger/posting/journal-entry';
import { postGiftCardEvent, type RecordedGiftCardEvent } from '../../src/ledger/posting/gift-card-posting.rules';
import { orderEventPosts, postOrderEvent } from '../../src/ledger/posting/order-posting.rules';
import type { RecordedOrderEvent } from '../../src/ledger/posting/posting-source';
import { postRegisterCloseEvent, type RecordedRegisterCloseEvent } from '../../src/ledger/posting/register-close-posting.rules';
import { postSettlementEvent, type RecordedSettlementEvent } from '../../src/ledger/posting/settlement-posting.rules';
import type { Projection, ProjectionWriter } from '../runner/projection';
import { REFERENCE_DATA_STREAM_PREFIX, type ReferenceDataImported } from '../../src/reference-data/reference-data.events';
import { FISCAL_CALENDAR_STREAM_PREFIX } from '../../src/ledger/fiscal-calendar/fiscal-calendar.events';
import { type CalendarAsOf, placeEntry } from '../../src/ledger/fiscal-calendar/period-placement';
import { postingReferenceDataFrom } from '../../src/reference-data/revenue-role-resolution';
import { calendarFromRows, recordCalendarEvent } from './fiscal-calendar-rows';
import { recordReferenceData, referenceLookupFromRows } from './reference-data-rows';
import { entryRowOf, eventRowOf, type LineRow, lineRowOf, unrecordable } from './journal-rows';
import {
  AWAITED_MAPPINGS,
  AWAITING_FACTS,
  DAY_ENTRIES,
  ENTRIES,
  EVENTS,
  FISCAL_CALENDARS,
  LINES,
  PERIOD_CHANGES,
  POSTING_ERRORS,
  REFERENCE_KINDS,
  REFERENCE_MAPPINGS,
} from './journal.tables';
import { factsAwaiting, type HeldEvent, holdFact } from './awaiting-facts';
import { ORDER_CONTEXTS, orderContextFor } from './order-contexts';

/**
 * Journal entries and lines by account role: every fact of DESIGN.md's posting table through
 * its rules. Streams are told apart by category, the part of the id an aggregate owns.
 */
export const journalProjection: Projection = {
  name: 'journal',
  // 4: posting errors carry the company code and posting date they hold back; 5: an order fact
  // without its order is dated by its own business time, and one that never posts is no error;
  // 6: lineage by reference, rows joined on integer keys (journal.tables.ts); 7: each event's
  // traceparent beside its lineage; 8: fiscal calendars, an entry dated in a closed period posts
  // in the next open one (business_date); 9: reference data imports, revenue by each SKU's role
  // once SKUs are mapped (reference_data_version); 10: a fact refused for a missing mapping posts
  // when an import supplies it (awaiting_facts, awaited_mappings); 11: entries of a fact at a
  // mapped store carry its cost and profit centers (cost_center, profit_center, order_locations);
  // 12: a pickup order's store on its order row (orders.location_id), one look-up per fact, not two;
  // 13: entries counted per company and day as they are written (day_entries), each with its place among them (day_seq).
  version: 13,
  tables: [
    ORDER_CONTEXTS,
    EVENTS,
    ENTRIES,
    DAY_ENTRIES,
    LINES,
    POSTING_ERRORS,
    FISCAL_CALENDARS,
    PERIOD_CHANGES,
    REFERENCE_MAPPINGS,
    REFERENCE_KINDS,
    AWAITING_FACTS,
    AWAITED_MAPPINGS,
  ],
  filter: { on: 'streamName', prefixes: ['order-', 'settlement-', 'register-close-', 'gift-card-', FISCAL_CALENDAR_STREAM_PREFIX, REFERENCE_DATA_STREAM_PREFIX] },
  handle(event: RecordedEvent, writer: ProjectionWriter): void {
    if (event.streamId.startsWith(FISCAL_CALENDAR_STREAM_PREFIX)) return recordCalendarEvent(writer, event);
    if (event.streamId.startsWith(REFERENCE_DATA_STREAM_PREFIX)) {
      recordReferenceData(writer, event);
      return postAwaitingFacts(writer, event);
    }
    const postings = postingsOf(event, writer);
    const eventKey = writeEntries(
      writer,
      placed(
        writer,
        postings.flatMap((posting) => (posting.ok ? [posting.entry] : [])),
      ),
      traceparentOf(event),
    );
    for (const posting of postings) if (!posting.ok) refuse(writer, posting.error, event, eventKey);
  },
  /** Payouts, register closes, gift cards and OrderPlaced name their company; other order facts are their order's. */
  companyCodeOf(event: RecordedEvent, rows: ProjectionWriter): string | undefined {
    const named = (event.data as { companyCode?: unknown } | null)?.companyCode;
    if (typeof named === 'string') return named;
    const order = rows.find(ORDER_CONTEXTS.name, { stream_id: event.streamId });
    return order ? String(order.company_code) : undefined;
  },
};

function postingsOf(event: HeldEvent, writer: ProjectionWriter): Posting[] {
  if (event.streamId.startsWith('settlement-')) return postSettlementEvent(event as RecordedSettlementEvent);
  if (event.streamId.startsWith('register-close-')) return postRegisterCloseEvent(event as RecordedRegisterCloseEvent, postingReferenceDataFrom(referenceLookupFromRows(writer)));
  if (event.streamId.startsWith('gift-card-')) return postGiftCardEvent(event as RecordedGiftCardEvent);
  const orderEvent = event as RecordedOrderEvent;
  // Authorizations, inventory and the like post nothing: their order need not be looked up.
  if (!orderEventPosts(orderEvent)) return [];
  return postOrderEvent(orderEvent, orderContextFor(writer, orderEvent), postingReferenceDataFrom(referenceLookupFromRows(writer)));
}

/** The entries as their companies' calendars place them now in the log (an entry in a closed period moves on). */
function placed(writer: ProjectionWriter, entries: JournalEntry[]): JournalEntry[] {
  if (entries.length === 0) return entries;
  const calendars = new Map<string, CalendarAsOf | undefined>();
  return entries.map((entry) => {
    if (!calendars.has(entry.companyCode)) calendars.set(entry.companyCode, calendarFromRows(writer, entry.companyCode));
    return placeEntry(entry, calendars.get(entry.companyCode));
  });
}

/**
 * The facts refused for missing reference data that this import could let post, posted again
 * now, in log order, with the reference data as of their business day: an entry posts (and its
 * error clears) once the mapping is in force on its day; one still refused waits for the next.
 * The entry keeps its fact's lineage; being posted here, at the import's place in the log, a
 * rebuild posts it at the same point, placed by the fiscal calendars as they are then.
 */
function postAwaitingFacts(writer: ProjectionWriter, event: RecordedEvent): void {
  if (event.type !== 'ReferenceDataImported') return;
  for (const fact of factsAwaiting(writer, (event.data as ReferenceDataImported['data']).mappings)) {
    const posting = postingsOf(fact.event, writer).find((p) => (p.ok ? p.entry.entryId : p.error.entryId) === fact.entryId);
    writer.delete(POSTING_ERRORS.name, { entry_id: fact.entryId });
    if (!posting) continue;
    if (posting.ok) writeEntries(writer, placed(writer, [posting.entry]), traceparentOf(fact.event), fact.eventKey);
    else refuse(writer, posting.error, fact.event, fact.eventKey);
  }
}

/**
 * One event's entries: its lineage (and trace context) once, then each entry and its lines under
 * the event's key (`eventKey` when its lineage is already recorded). Answers the key.
 */
function writeEntries(writer: ProjectionWriter, entries: readonly JournalEntry[], traceparent: string | null, eventKey?: number): number | undefined {
  if (entries.length === 0) return eventKey;
  const event = eventRowOf(entries[0].lineage, traceparent);
  const key = eventKey ?? writer.insert(EVENTS.name, event);
  const lines: LineRow[] = [];
  for (const entry of entries) {
    const problem = unrecordable(entry, event, entries[0].lineage);
    if (problem !== undefined) throw new Error(`entry ${entry.entryId} cannot be recorded: ${problem}`);
    const daySeq = writer.add(DAY_ENTRIES.name, { company_code: entry.companyCode, posting_date: entry.postingDate }, 'entries', 1);
    const row = entryRowOf(key, entry, daySeq);
    writer.insert(ENTRIES.name, row);
    for (const line of entry.lines) lines.push(lineRowOf(row.entry_key, line));
  }
  writer.insertAll(LINES.name, lines);
  return key;
}

/** A refused entry, for finance to see; one refused for missing reference data also waits for its import. */
function refuse(writer: ProjectionWriter, error: PostingError, event: HeldEvent, eventKey: number | undefined): void {
  writeError(writer, error);
  if (error.reason === 'reference-data-missing') holdFact(writer, error, event, eventKey);
}

function writeError(writer: ProjectionWriter, error: PostingError): void {
  writer.insert(POSTING_ERRORS.name, {
    entry_id: error.entryId,
    kind: error.kind,
    reason: error.reason,
    company_code: error.companyCode,
    posting_date: error.postingDate,
    message: error.message,
    imbalances: canonicalJson(error.imbalances),
    stream_id: error.lineage.streamId,
    event_id: error.lineage.eventId,
    global_position: error.lineage.globalPosition,
  });
}

/** The event's W3C trace context as recorded (metadata.traceparent), if it carried one. */
function traceparentOf(event: Pick<RecordedEvent, 'metadata'>): string | null {
  const { traceparent } = event.metadata;
  return typeof traceparent === 'string' ? traceparent : null;
}
