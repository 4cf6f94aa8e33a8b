import type { EntryRecord, LineRecord } from '../../src/ledger/entry-record';
import { entryRecordFromRows, type JournalEntryRow, type JournalLineRow, lineRecordFromRow } from '../journal/journal-rows';
import { journalProjection } from '../journal/journal.projection';
import { liveTable as liveTableOf } from '../runner/live-table';
import type { SourceType } from '../../src/ledger/posting/journal-entry';
import type { ProjectionDatabase } from '../runner/projection-database';

/**
 * A journal line with the entry it belongs to and the business document that entry posts
 * (null when the entry's row is gone: a damaged journal must still show its lines).
 */
export type TracedLine = LineRecord & { entryId: string; sourceType: string | null; sourceId: string | null };

/** Lines in the order history produced them: by the event's position, then entry, then line. */
const HISTORY_ORDER = 'ORDER BY CAST(l.global_position AS INTEGER), l.entry_id, l.line_no';

/**
 * Lineage is read from the journal's own rows (every line carries its lineage), in the live
 * generation. A journal that never ran has recorded nothing: every lookup answers empty.
 */
function liveTable(db: ProjectionDatabase, table: 'entries' | 'lines'): string | undefined {
  return db.liveGeneration(journalProjection.name) && liveTableOf(db, journalProjection.name, table);
}

/** A line row with its entry's source (null when the entry's row is gone). */
type TracedLineRow = JournalLineRow & { source_type: string | null; source_id: string | null };

function traced(row: TracedLineRow): TracedLine {
  return { entryId: row.entry_id, sourceType: row.source_type, sourceId: row.source_id, ...lineRecordFromRow(row) };
}

/** Lines (`l`) joined to their entries' source, filtered by `where`. */
function tracedLines(db: ProjectionDatabase, where: string, ...values: string[]): TracedLine[] {
  return db.snapshot(() => {
    const entries = liveTable(db, 'entries');
    const lines = liveTable(db, 'lines');
    if (!entries || !lines) return [];
    return db.db
      .prepare<string[], TracedLineRow>(`SELECT l.*, e.source_type, e.source_id FROM ${lines} l LEFT JOIN ${entries} e ON e.entry_id = l.entry_id WHERE ${where} ${HISTORY_ORDER}`)
      .all(...values)
      .map(traced);
  });
}

export function recordedLine(db: ProjectionDatabase, lineId: string): TracedLine | undefined {
  return tracedLines(db, 'l.line_id = ?', lineId)[0];
}

export function recordedEntry(db: ProjectionDatabase, entryId: string): EntryRecord | undefined {
  return db.snapshot(() => {
    const entries = liveTable(db, 'entries');
    const lines = liveTable(db, 'lines');
    if (!entries || !lines) return undefined;
    const entry = db.db.prepare<[string], JournalEntryRow>(`SELECT * FROM ${entries} WHERE entry_id = ?`).get(entryId);
    if (!entry) return undefined;
    const entryLines = db.db.prepare<[string], JournalLineRow>(`SELECT * FROM ${lines} WHERE entry_id = ? ORDER BY line_no`).all(entryId);
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
