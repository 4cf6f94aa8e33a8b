import { liveTable as liveTableOf } from '../runner/live-table';
import type { ProjectionDatabase } from '../runner/projection-database';
import {
  ENTRIES_IN_HISTORY_ORDER,
  ENTRY_COLUMNS,
  entriesFrom,
  type JournalEntryRow,
  type JournalLineRow,
  type JournalTables,
  LINE_COLUMNS,
  LINES_IN_HISTORY_ORDER,
  linesFrom,
} from './journal-rows';
import { journalProjection } from './journal.projection';

export type { JournalEntryRow, JournalLineRow } from './journal-rows';

export interface PostingErrorRow {
  entry_id: string;
  kind: string;
  reason: string;
  company_code: string | null;
  posting_date: string | null;
  message: string;
  imbalances: string;
  stream_id: string;
  event_id: string;
  global_position: string;
}

const liveTable = (db: ProjectionDatabase, table: string) => liveTableOf(db, journalProjection.name, table);

/** The journal's tables in the generation readers see now. */
export function journalTables(db: ProjectionDatabase): JournalTables {
  return { events: liveTable(db, 'events'), entries: liveTable(db, 'entries'), lines: liveTable(db, 'lines') };
}

/** Lines in the order history produced them: by the event's position, then entry, then line. */
export function journalLines(db: ProjectionDatabase, streamId?: string): JournalLineRow[] {
  const where = streamId === undefined ? '' : 'WHERE ev.stream_id = @streamId';
  return db.snapshot(
    () =>
      db.db
        .prepare(`SELECT ${LINE_COLUMNS} FROM ${linesFrom(journalTables(db))} ${where} ${LINES_IN_HISTORY_ORDER}`)
        .all(streamId === undefined ? {} : { streamId }) as JournalLineRow[],
  );
}

/** Entries in the order history produced them, by the event's position, then entry id. */
export function journalEntries(db: ProjectionDatabase): JournalEntryRow[] {
  return db.snapshot(() => db.db.prepare(`SELECT ${ENTRY_COLUMNS} FROM ${entriesFrom(journalTables(db))} ${ENTRIES_IN_HISTORY_ORDER}`).all() as JournalEntryRow[]);
}

export function postingErrors(db: ProjectionDatabase): PostingErrorRow[] {
  return db.snapshot(() => db.db.prepare(`SELECT * FROM ${liveTable(db, 'posting_errors')} ORDER BY CAST(global_position AS INTEGER), entry_id`).all() as PostingErrorRow[]);
}
