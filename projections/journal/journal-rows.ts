import type { EntryRecord, LineRecord } from '../../src/ledger/entry-record';
import { entryIdOf, type EntryKind, type JournalEntry, type JournalLine, lineIdOf, type Lineage } from '../../src/ledger/posting/journal-entry';

/*
 * The one mapping between the journal's entries and its rows, both ways: the rows of an entry
 * are what its record (src/ledger/entry-record.ts, `entryRecordOf`) holds, and the record is
 * read back from them. The rows hold each fact once: an event's lineage in `events`, an entry's
 * posting in `entries`, a line's in `lines` (journal.tables.ts). Readers get an entry or a line
 * whole, ids and lineage included, through the joins and columns below, and records from those.
 */

/**
 * Each entry kind's code in entry keys. An entry's key is its event's key times KIND_SLOTS plus
 * its kind's code (an event posts at most one entry of each kind), so a line's entry key names
 * its event and its kind even when the entry's row is gone, and the entries of an event are one
 * range of keys. The codes are in the rows: changing one takes a new journal version.
 */
const KIND_CODES: Record<EntryKind, number> = {
  'tender-received': 0,
  'payment-captured': 1,
  'revenue-recognized': 2,
  'vendor-claim': 3,
  'return-received': 4,
  'vendor-claim-reversal': 5,
  'refund-paid': 6,
  'settlement-fees': 7,
  'settlement-disputes': 8,
  'settlement-adjustments': 9,
  'settlement-payout': 10,
  'register-close': 11,
  'gift-card-sold': 12,
};
const KIND_SLOTS = 32;
const CODE_OF_KIND = new Map(Object.entries(KIND_CODES));
const KIND_OF_CODE = new Map([...CODE_OF_KIND].map(([kind, code]) => [code, kind]));
if (KIND_OF_CODE.size !== CODE_OF_KIND.size || [...KIND_OF_CODE.keys()].some((code) => code >= KIND_SLOTS)) {
  throw new Error(`entry kind codes must be distinct and below ${KIND_SLOTS}`);
}

export function entryKeyOf(eventKey: number, kind: EntryKind): number {
  return eventKey * KIND_SLOTS + KIND_CODES[kind];
}

/** An `events` row; its `event_key` is the one the table gives it on insert. */
export type EventRow = LineageRow & {
  /** The event's W3C trace context, kept beside its lineage: not part of an entry's record or hash. */
  traceparent: string | null;
};

/** The columns of an `events` row that the posting rules' lineage gives. */
type LineageRow = {
  event_id: string;
  stream_id: string;
  revision: number;
  event_type: string;
  global_position: string;
  command_id: string | null;
  correlation_id: string | null;
  causation_id: string | null;
  channel: string | null;
  source_ref: string | null;
};

/** An `entries` row: its event and kind are in its key. */
export type EntryRow = {
  entry_key: number;
  source_type: string;
  source_id: string;
  company_code: string;
  currency: string;
  posting_date: string;
  business_date: string | null;
  reference_data_version: number | null;
  cost_center: string | null;
  profit_center: string | null;
  day_seq: number;
};

/** A `lines` row. */
export type LineRow = {
  entry_key: number;
  line_no: number;
  role: string;
  side: 'debit' | 'credit';
  amount_minor: number;
  currency: string;
  promotion_id: string | null;
  vendor_id: string | null;
  reference: string | null;
};

/** A line as readers see it (`LINE_COLUMNS`): its posting, then its full lineage, with its id and its entry's. */
export type JournalLineRow = {
  line_id: string;
  entry_id: string;
  line_no: number;
  role: string;
  side: 'debit' | 'credit';
  amount_minor: number;
  currency: string;
  promotion_id: string | null;
  vendor_id: string | null;
  reference: string | null;
  stream_id: string;
  revision: number;
  event_id: string;
  event_type: string;
  global_position: string;
  command_id: string | null;
  correlation_id: string | null;
  causation_id: string | null;
  channel: string | null;
  source_ref: string | null;
  traceparent: string | null;
};

/** An entry as readers see it (`ENTRY_COLUMNS`): with its id, kind and event. */
export type JournalEntryRow = {
  entry_id: string;
  kind: string;
  source_type: string;
  source_id: string;
  company_code: string;
  currency: string;
  posting_date: string;
  business_date: string | null;
  reference_data_version: number | null;
  cost_center: string | null;
  profit_center: string | null;
  stream_id: string;
  revision: number;
  event_id: string;
  global_position: string;
};

/** The `events` row of an event whose entries carry `lineage`, with the trace context the event carried. */
export function eventRowOf(lineage: Lineage, traceparent: string | null): EventRow {
  return Object.assign(lineageRowOf(lineage), { traceparent });
}

function lineageRowOf(lineage: Lineage): LineageRow {
  return {
    event_id: lineage.eventId,
    stream_id: lineage.streamId,
    revision: lineage.revision,
    event_type: lineage.eventType,
    global_position: lineage.globalPosition,
    command_id: lineage.commandId ?? null,
    correlation_id: lineage.correlationId ?? null,
    causation_id: lineage.causationId ?? null,
    channel: lineage.channel ?? null,
    source_ref: lineage.sourceRef ?? null,
  };
}

/** The `entries` row of an entry whose event has `eventKey`: what `entryRecordOf` records of it. */
export function entryRowOf(eventKey: number, entry: JournalEntry, daySeq: number): EntryRow {
  return {
    entry_key: entryKeyOf(eventKey, entry.kind),
    source_type: entry.sourceType,
    source_id: entry.sourceId,
    company_code: entry.companyCode,
    currency: entry.currency,
    posting_date: entry.postingDate,
    business_date: entry.businessDate ?? null,
    reference_data_version: entry.referenceDataVersion ?? null,
    cost_center: entry.costCenter ?? null,
    profit_center: entry.profitCenter ?? null,
    day_seq: daySeq,
  };
}

/** The `lines` row of one of an entry's lines: what `entryRecordOf` records of it. */
export function lineRowOf(entryKey: number, line: JournalLine): LineRow {
  return {
    entry_key: entryKey,
    line_no: line.lineNo,
    role: line.role,
    side: line.side,
    amount_minor: line.amountMinor,
    currency: line.currency,
    promotion_id: line.promotionId ?? null,
    vendor_id: line.vendorId ?? null,
    reference: line.reference ?? null,
  };
}

/**
 * Why the rows could not give an entry's record (`entryRecordOf`) back, if they could not: they
 * keep ids and lineage once, so the entry needs the ids the posting rules give (`entryIdOf`,
 * `lineIdOf`) and the lineage of its event (`event`) on every line. A rule that broke this would
 * be recorded as something it is not; the journal halts at it instead.
 */
export function unrecordable(entry: JournalEntry, event: EventRow, eventLineage: Lineage): string | undefined {
  const entryId = entryIdOf(event.event_id, entry.kind);
  if (entry.entryId !== entryId) return `its id is not ${entryId}`;
  // The rules give an event's entries one lineage object: the row was made from it, so only another is compared.
  const elsewhere = (lineage: Lineage) => {
    if (lineage === eventLineage) return false;
    const row = lineageRowOf(lineage);
    return (Object.keys(row) as Array<keyof LineageRow>).some((column) => row[column] !== event[column]);
  };
  if (elsewhere(entry.lineage)) return 'its lineage is not that of its event';
  for (const line of entry.lines) {
    if (line.lineId !== lineIdOf(entryId, line.lineNo)) return `line ${line.lineId} is not ${lineIdOf(entryId, line.lineNo)}`;
    if (line.lineage !== entry.lineage && elsewhere(line.lineage)) return `line ${line.lineId} has a lineage other than its entry's`;
  }
  return undefined;
}

/** The physical tables of one generation of the journal. */
export interface JournalTables {
  events: string;
  entries: string;
  lines: string;
}

/** The kind the entry key `key` (SQL) names, as text. */
function kindSql(key: string): string {
  return `CASE ${key} % ${KIND_SLOTS} ${[...KIND_OF_CODE].map(([code, kind]) => `WHEN ${code} THEN '${kind}'`).join(' ')} END`;
}

/** The id (`entryIdOf`) of the entry whose key is `key` and whose event is `ev`. */
function entryIdSql(key: string): string {
  return `ev.event_id || '/' || ${kindSql(key)}`;
}

/**
 * `ev` is the event of the entry key `key`. Said both ways, so SQLite can go from the key to its
 * event (a rowid) or from an event to its keys (a range), whichever it starts from.
 */
function eventOfKey(key: string): string {
  return `ev.event_key = ${key} / ${KIND_SLOTS} AND ${key} BETWEEN ev.event_key * ${KIND_SLOTS} AND ev.event_key * ${KIND_SLOTS} + ${KIND_SLOTS - 1}`;
}

/** The id of entry `e`, in `entriesFrom`. */
export const ENTRY_ID = entryIdSql('e.entry_key');

/** The columns of JournalEntryRow, from `entriesFrom`. */
export const ENTRY_COLUMNS = `${ENTRY_ID} AS entry_id, ${kindSql('e.entry_key')} AS kind, e.source_type, e.source_id, e.company_code,
  e.currency, e.posting_date, e.business_date, e.reference_data_version, e.cost_center, e.profit_center, ev.stream_id, ev.revision, ev.event_id, ev.global_position`;

/** Entries `e` with their event `ev`. */
export function entriesFrom(t: JournalTables): string {
  return `${t.entries} e JOIN ${t.events} ev ON ${eventOfKey('e.entry_key')}`;
}

/** The columns of JournalLineRow, from `linesFrom`. */
export const LINE_COLUMNS = `${entryIdSql('l.entry_key')} || '/' || l.line_no AS line_id, ${entryIdSql('l.entry_key')} AS entry_id, l.line_no,
  l.role, l.side, l.amount_minor, l.currency, l.promotion_id, l.vendor_id, l.reference, ev.stream_id, ev.revision, ev.event_id,
  ev.event_type, ev.global_position, ev.command_id, ev.correlation_id, ev.causation_id, ev.channel, ev.source_ref, ev.traceparent`;

/**
 * Lines `l` with their event `ev` and their entry `e`, left joined: a line whose entry row is gone
 * still has its id and lineage, from its key (its entry's columns are null then).
 */
export function linesFrom(t: JournalTables): string {
  return `${t.lines} l JOIN ${t.events} ev ON ${eventOfKey('l.entry_key')} LEFT JOIN ${t.entries} e ON e.entry_key = l.entry_key`;
}

/** History's order in `linesFrom`: by the event's position, then entry id, then line. */
export const LINES_IN_HISTORY_ORDER = 'ORDER BY CAST(ev.global_position AS INTEGER), entry_id, l.line_no';
/** History's order in `entriesFrom`: by the event's position, then entry id. */
export const ENTRIES_IN_HISTORY_ORDER = 'ORDER BY CAST(ev.global_position AS INTEGER), entry_id';

/** Finds an entry (`e.entry_key` in `entriesFrom`) or its lines (`l.entry_key` in `linesFrom`) by the entry's id, with `entryIdParams`. */
export function entryById(key: 'e.entry_key' | 'l.entry_key'): string {
  return `ev.event_id = ? AND ${key} % ${KIND_SLOTS} = ?`;
}

/** The parameters of `entryById`: the event id and kind an entry id names; none for an id the rules never give. */
export function entryIdParams(entryId: string): [string, number] | undefined {
  const slash = entryId.lastIndexOf('/');
  const code = CODE_OF_KIND.get(entryId.slice(slash + 1));
  return slash < 0 || code === undefined ? undefined : [entryId.slice(0, slash), code];
}

/** Finds a line in `linesFrom` by its id, with `lineIdParams`. */
export const LINE_BY_ID = `${entryById('l.entry_key')} AND l.line_no = ?`;

/** The parameters of `LINE_BY_ID` for a line id (`<entryId>/<lineNo>`). */
export function lineIdParams(lineId: string): [string, number, number] | undefined {
  const slash = lineId.lastIndexOf('/');
  const lineNo = lineId.slice(slash + 1);
  const entry = slash < 0 || !/^[1-9][0-9]{0,8}$/.test(lineNo) ? undefined : entryIdParams(lineId.slice(0, slash));
  return entry && [...entry, Number(lineNo)];
}

/** The recorded entry from its row and its lines' rows (in line order). */
export function entryRecordFromRows(entry: JournalEntryRow, lines: readonly JournalLineRow[]): EntryRecord {
  return {
    entryId: entry.entry_id,
    kind: entry.kind,
    sourceType: entry.source_type,
    sourceId: entry.source_id,
    companyCode: entry.company_code,
    currency: entry.currency,
    postingDate: entry.posting_date,
    ...(entry.business_date !== null && { businessDate: entry.business_date }),
    ...(entry.reference_data_version !== null && { referenceDataVersion: entry.reference_data_version }),
    ...(entry.cost_center !== null && { costCenter: entry.cost_center }),
    ...(entry.profit_center !== null && { profitCenter: entry.profit_center }),
    streamId: entry.stream_id,
    revision: entry.revision,
    eventId: entry.event_id,
    globalPosition: entry.global_position,
    lines: lines.map(lineRecordFromRow),
  };
}

export function lineRecordFromRow(row: JournalLineRow): LineRecord {
  return {
    lineId: row.line_id,
    lineNo: row.line_no,
    role: row.role,
    side: row.side,
    amountMinor: row.amount_minor,
    currency: row.currency,
    promotionId: row.promotion_id,
    vendorId: row.vendor_id,
    reference: row.reference,
    streamId: row.stream_id,
    revision: row.revision,
    eventId: row.event_id,
    eventType: row.event_type,
    globalPosition: row.global_position,
    commandId: row.command_id,
    correlationId: row.correlation_id,
    causationId: row.causation_id,
    channel: row.channel,
    sourceRef: row.source_ref,
  };
}
