import type { EntryRecord, LineRecord } from '../../src/ledger/entry-record';
import {
  ENTRY_COLUMNS,
  entriesFrom,
  entryById,
  entryIdParams,
  entryRecordFromRows,
  type JournalEntryRow,
  type JournalLineRow,
  type JournalTables,
  LINE_BY_ID,
  LINE_COLUMNS,
  lineIdParams,
  lineRecordFromRow,
  LINES_IN_HISTORY_ORDER,
  linesFrom,
} from '../journal/journal-rows';
import { journalProjection } from '../journal/journal.projection';
import { liveTable } from '../runner/live-table';
import type { SourceType } from '../../src/ledger/posting/journal-entry';
import type { ProjectionDatabase } from '../runner/projection-database';

/**
 * A journal line with the entry it belongs to and the business document that entry posts
 * (null when the entry's row is gone: a damaged journal must still show its lines).
 */
export type TracedLine = LineRecord & {
  entryId: string;
  sourceType: string | null;
  sourceId: string | null;
  /** The W3C trace context of the event that posted the line (the request, saga step or runner that recorded it). */
  traceparent: string | null;
};

/**
 * Lineage is read from the journal's own rows (a line leads to its event's lineage by its key),
 * in the live generation. A journal that never ran has recorded nothing: every lookup answers empty.
 */
function tables(db: ProjectionDatabase): JournalTables | undefined {
  if (!db.liveGeneration(journalProjection.name)) return undefined;
  const table = (name: string) => liveTable(db, journalProjection.name, name);
  return { events: table('events'), entries: table('entries'), lines: table('lines') };
}

/** A line row with its entry's source (null when the entry's row is gone). */
type TracedLineRow = JournalLineRow & { source_type: string | null; source_id: string | null };

function traced(row: TracedLineRow): TracedLine {
  return { entryId: row.entry_id, sourceType: row.source_type, sourceId: row.source_id, ...lineRecordFromRow(row), traceparent: row.traceparent };
}

/** Lines (`l`) with their lineage (`ev`) and their entries' source (`e`), filtered by `where`. */
function tracedLines(db: ProjectionDatabase, where: string, ...values: Array<string | number>): TracedLine[] {
  return db.snapshot(() => {
    const journal = tables(db);
    if (!journal) return [];
    return db.db
      .prepare<Array<string | number>, TracedLineRow>(`SELECT ${LINE_COLUMNS}, e.source_type, e.source_id FROM ${linesFrom(journal)} WHERE ${where} ${LINES_IN_HISTORY_ORDER}`)
      .all(...values)
      .map(traced);
  });
}

export function recordedLine(db: ProjectionDatabase, lineId: string): TracedLine | undefined {
  const params = lineIdParams(lineId);
  return params && tracedLines(db, LINE_BY_ID, ...params)[0];
}

export function recordedEntry(db: ProjectionDatabase, entryId: string): EntryRecord | undefined {
  const params = entryIdParams(entryId);
  return db.snapshot(() => {
    const journal = tables(db);
    if (!journal || !params) return undefined;
    const entry = db.db
      .prepare<[string, number], JournalEntryRow & { entry_key: number }>(`SELECT ${ENTRY_COLUMNS}, e.entry_key FROM ${entriesFrom(journal)} WHERE ${entryById('e.entry_key')}`)
      .get(...params);
    if (!entry) return undefined;
    const entryLines = db.db.prepare<[number], JournalLineRow>(`SELECT ${LINE_COLUMNS} FROM ${linesFrom(journal)} WHERE l.entry_key = ? ORDER BY l.line_no`).all(entry.entry_key);
    return entryRecordFromRows(entry, entryLines);
  });
}

/** Every line of every entry that posts this business document (an order, a payout ...). */
export function linesOfSource(db: ProjectionDatabase, sourceType: SourceType, sourceId: string): TracedLine[] {
  return tracedLines(db, 'e.source_type = ? AND e.source_id = ?', sourceType, sourceId);
}

/** Every line naming the promotion: its discounts, vendor claims and their reversals, on any order. */
export function linesOfPromotion(db: ProjectionDatabase, promotionId: string): TracedLine[] {
  return tracedLines(db, 'l.promotion_id = ?', promotionId);
}
