import type { ProjectionTable } from '../runner/projection';

/*
 * Lineage by reference: a line names its entry, an entry its event, and the event's lineage
 * (stream, revision, id, type, position, command, correlation, causation, channel, payload,
 * trace context) is
 * stored once, however many entries and lines it posted. Rows join on integer keys handed out
 * in the order events are applied, so every insert lands at the end of its table; ids are not
 * stored but derived from the keys (journal-rows.ts). Text is indexed only where it is looked
 * up: event id, stream, source, company and day, promotion.
 */

/** One row per event that posted entries: the lineage they and their lines share. */
export const EVENTS: ProjectionTable = {
  name: 'events',
  columns: {
    /** Given by SQLite on insert (`ProjectionWriter.insert`): the order events were applied in. */
    event_key: 'INTEGER NOT NULL',
    event_id: 'TEXT NOT NULL',
    stream_id: 'TEXT NOT NULL',
    revision: 'INTEGER NOT NULL',
    event_type: 'TEXT NOT NULL',
    global_position: 'TEXT NOT NULL',
    command_id: 'TEXT',
    correlation_id: 'TEXT',
    causation_id: 'TEXT',
    channel: 'TEXT',
    source_ref: 'TEXT',
    /** The W3C trace context the event carried (metadata.traceparent): the request, saga step or runner that recorded it. */
    traceparent: 'TEXT',
  },
  primaryKey: ['event_key'],
  // Entry and line ids name their event; lines of a stream.
  indexes: [['event_id'], ['stream_id']],
};

export const ENTRIES: ProjectionTable = {
  name: 'entries',
  columns: {
    /** Its event's key and its kind (`entryKeyOf` in journal-rows.ts). */
    entry_key: 'INTEGER NOT NULL',
    source_type: 'TEXT NOT NULL',
    source_id: 'TEXT NOT NULL',
    company_code: 'TEXT NOT NULL',
    currency: 'TEXT NOT NULL',
    posting_date: 'TEXT NOT NULL',
    /** Null unless the entry's business date fell in a closed fiscal period: then that date (posting_date is the next open period's first day). */
    business_date: 'TEXT',
    /** Null unless reference data decided the entry: the newest version of the mappings it used. */
    reference_data_version: 'INTEGER',
    /** Null unless the entry is of a fact at a store reference data maps: the store's cost objects that day. */
    cost_center: 'TEXT',
    profit_center: 'TEXT',
    /** Its place among its company day's entries in the order the journal wrote them (1, 2, ...: `day_entries` counts them). */
    day_seq: 'INTEGER NOT NULL',
  },
  primaryKey: ['entry_key'],
  // Posting batches and the trial balance read by company code and posting date (a close its open
  // entries from where its day's batched ones end, by day_seq); lineage by source.
  indexes: [
    ['company_code', 'posting_date', 'day_seq'],
    ['source_type', 'source_id'],
  ],
};

/** One row per journal line: its posting; its lineage is its event's. */
export const LINES: ProjectionTable = {
  name: 'lines',
  columns: {
    entry_key: 'INTEGER NOT NULL',
    line_no: 'INTEGER NOT NULL',
    role: 'TEXT NOT NULL',
    side: 'TEXT NOT NULL',
    amount_minor: 'INTEGER NOT NULL',
    currency: 'TEXT NOT NULL',
    promotion_id: 'TEXT',
    vendor_id: 'TEXT',
    reference: 'TEXT',
  },
  primaryKey: ['entry_key', 'line_no'],
  // Most lines carry no promotion: only those that do are indexed.
  indexes: [{ columns: ['promotion_id'], where: 'promotion_id IS NOT NULL' }],
};

/**
 * How many entries each company and posting date holds, kept as entries are written (each entry's
 * `day_seq` is the count with it): whether a day holds a full batch is asked after nearly every
 * commit under load, and counting the day's entries costs as many steps as it holds (13 ms for 200,000).
 */
export const DAY_ENTRIES: ProjectionTable = {
  name: 'day_entries',
  columns: {
    company_code: 'TEXT NOT NULL',
    posting_date: 'TEXT NOT NULL',
    entries: 'INTEGER NOT NULL',
  },
  primaryKey: ['company_code', 'posting_date'],
};

/** Entries the rules refused (unbalanced, invalid): visible to finance, never posted, never plugged. */
export const POSTING_ERRORS: ProjectionTable = {
  name: 'posting_errors',
  columns: {
    entry_id: 'TEXT NOT NULL',
    kind: 'TEXT NOT NULL',
    reason: 'TEXT NOT NULL',
    /** Null when the fact does not tell: the error then holds back every company (or day). */
    company_code: 'TEXT',
    posting_date: 'TEXT',
    message: 'TEXT NOT NULL',
    imbalances: 'TEXT NOT NULL',
    stream_id: 'TEXT NOT NULL',
    event_id: 'TEXT NOT NULL',
    global_position: 'TEXT NOT NULL',
  },
  primaryKey: ['entry_id'],
};

/** Each company's fiscal calendar, from FiscalCalendarDefined (defined once per company). */
export const FISCAL_CALENDARS: ProjectionTable = {
  name: 'fiscal_calendars',
  columns: {
    company_code: 'TEXT NOT NULL',
    pattern: 'TEXT NOT NULL',
    /** A 4-4-5 calendar's first day of some fiscal year; null for calendar months. */
    year_start: 'TEXT',
  },
  primaryKey: ['company_code'],
};

/**
 * Every close and reopen of a fiscal period, in log order: a period's state is its latest change
 * (the events number them from 1). Rows are only inserted, so a change is a row, not an update.
 */
export const PERIOD_CHANGES: ProjectionTable = {
  name: 'period_changes',
  columns: {
    company_code: 'TEXT NOT NULL',
    period_id: 'TEXT NOT NULL',
    change: 'INTEGER NOT NULL',
    status: 'TEXT NOT NULL',
    start: 'TEXT NOT NULL',
    end: 'TEXT NOT NULL',
    global_position: 'TEXT NOT NULL',
  },
  primaryKey: ['company_code', 'period_id', 'change'],
};

/**
 * Reference data mappings as imported, in log order: the n-th mapping recorded for a kind and key
 * is row n, so a lookup reads rows 1.. of its key (a few) and picks the one in force on a day.
 */
export const REFERENCE_MAPPINGS: ProjectionTable = {
  name: 'reference_mappings',
  columns: {
    kind: 'TEXT NOT NULL',
    key: 'TEXT NOT NULL',
    n: 'INTEGER NOT NULL',
    effective_from: 'TEXT NOT NULL',
    version: 'INTEGER NOT NULL',
    /** The mapping as imported (canonical JSON). */
    mapping: 'TEXT NOT NULL',
  },
  primaryKey: ['kind', 'key', 'n'],
};

/** The kinds of mapping that exist: once one does, reference data governs that kind. */
export const REFERENCE_KINDS: ProjectionTable = {
  name: 'reference_kinds',
  columns: { kind: 'TEXT NOT NULL' },
  primaryKey: ['kind'],
};

/**
 * Each fact whose entry was refused for missing reference data, until an import lets it post:
 * the event as recorded (canonical JSON), and its `events` key if its other entries posted.
 */
export const AWAITING_FACTS: ProjectionTable = {
  name: 'awaiting_facts',
  columns: {
    entry_id: 'TEXT NOT NULL',
    event_key: 'INTEGER',
    /** The recorded event, its global position as decimal text. */
    event: 'TEXT NOT NULL',
  },
  primaryKey: ['entry_id'],
};

/**
 * Per mapping (kind and key), the refused entries its import could let post: waiter n is row n
 * (1..), and row 0 holds how many there are in `entry_id`'s place, so holding one more is one
 * insert and a count, whatever the number already waiting.
 */
export const AWAITED_MAPPINGS: ProjectionTable = {
  name: 'awaited_mappings',
  columns: {
    kind: 'TEXT NOT NULL',
    key: 'TEXT NOT NULL',
    n: 'INTEGER NOT NULL',
    /** The waiting entry; on row 0, the number of waiters. */
    entry_id: 'TEXT NOT NULL',
  },
  primaryKey: ['kind', 'key', 'n'],
};
