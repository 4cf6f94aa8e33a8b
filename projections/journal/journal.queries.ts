import { ProjectionDatabase } from '../runner/projection-database';
import { journalProjection } from './journal.projection';

export interface JournalLineRow {
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
}

export interface JournalEntryRow {
  entry_id: string;
  kind: string;
  source_type: 'order' | 'settlement' | 'register-close' | 'gift-card';
  source_id: string;
  company_code: string;
  currency: string;
  posting_date: string;
  stream_id: string;
  revision: number;
  event_id: string;
  global_position: string;
}

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

function liveTable(db: ProjectionDatabase, table: string): string {
  const live = db.liveGeneration(journalProjection.name);
  if (!live) throw new Error('the journal projection has not been started');
  return ProjectionDatabase.tableName(journalProjection.name, table, live.generation);
}

/** Lines in the order history produced them: by the event's position, then entry, then line. */
export function journalLines(db: ProjectionDatabase, streamId?: string): JournalLineRow[] {
  const where = streamId === undefined ? '' : 'WHERE stream_id = @streamId';
  return db.db
    .prepare(`SELECT * FROM ${liveTable(db, 'lines')} ${where} ORDER BY CAST(global_position AS INTEGER), entry_id, line_no`)
    .all(streamId === undefined ? {} : { streamId }) as JournalLineRow[];
}

/** Entries in the order history produced them, by the event's position, then entry id. */
export function journalEntries(db: ProjectionDatabase): JournalEntryRow[] {
  return db.db.prepare(`SELECT * FROM ${liveTable(db, 'entries')} ORDER BY CAST(global_position AS INTEGER), entry_id`).all() as JournalEntryRow[];
}

export function postingErrors(db: ProjectionDatabase): PostingErrorRow[] {
  return db.db.prepare(`SELECT * FROM ${liveTable(db, 'posting_errors')} ORDER BY CAST(global_position AS INTEGER), entry_id`).all() as PostingErrorRow[];
}
