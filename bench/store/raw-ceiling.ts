import Database from 'better-sqlite3';
import { INSERT_EVENT_SQL, openSchema, UPSERT_STREAM_HEAD_SQL } from '../../src/event-store/embedded/schema';
import type { WriterPlan } from './writer-plan';

const ROWS_PER_TRANSACTION = 1000;

/** The column values the store writes for one event, minus recorded_at (set per transaction, as the store does). */
type RawRow = [streamId: string, revision: number, eventId: string, type: string, schemaVersion: number, data: string, metadata: string];

/**
 * Rows in the order the concurrent writers produce them (round-robin over streams), so the
 * stream heads are updated in the same pattern. Data and metadata are
 * serialised here, before timing, whereas the store serialises inside its append: that makes
 * the ceiling strictly higher and the store/ceiling ratio conservative. Each distinct payload
 * object is serialised once and its string shared, to keep the fixture's memory small.
 */
function rowsOf(plan: WriterPlan[]): RawRow[] {
  const serialised = new Map<unknown, string>();
  const json = (value: unknown): string => {
    let text = serialised.get(value);
    if (text === undefined) {
      text = JSON.stringify(value);
      serialised.set(value, text);
    }
    return text;
  };
  const rows: RawRow[] = [];
  const longest = Math.max(...plan.map((writer) => writer.events.length));
  for (let revision = 0; revision < longest; revision++) {
    for (const { streamId, events } of plan) {
      const event = events[revision];
      if (event === undefined) continue;
      rows.push([streamId, revision, event.eventId, event.type, event.schemaVersion ?? 1, json(event.data), JSON.stringify(event.metadata ?? {})]);
    }
  }
  return rows;
}

export interface RawInsertRun {
  rows: number;
  /** The insert transactions alone: the part to time, with the file opened and the rows built beforehand. */
  run: () => void;
  close(): void;
}

/**
 * Plain better-sqlite3 writes into a file opened with the store's own schema function, so the
 * tables, WAL mode and synchronous=FULL are identical to the store's, and the same rows: each
 * event (linked to its stream's previous event) and its stream's head.
 */
export function prepareRawInserts(file: string, plan: WriterPlan[]): RawInsertRun {
  const db = new Database(file);
  openSchema(db, 'full');
  const insert = db.prepare(INSERT_EVENT_SQL);
  const setHead = db.prepare(UPSERT_STREAM_HEAD_SQL);
  const lastPosition = new Map<string, number>();
  const insertBatch = db.transaction((batch: RawRow[], recordedAt: number) => {
    // Spelled out, as the store binds them, rather than spread.
    for (const [streamId, revision, eventId, type, schemaVersion, data, metadata] of batch) {
      const previous = lastPosition.get(streamId) ?? null;
      const position = Number(insert.run(streamId, revision, previous, eventId, type, schemaVersion, data, metadata, recordedAt).lastInsertRowid);
      setHead.run(streamId, revision, position);
      lastPosition.set(streamId, position);
    }
  });
  const rows = rowsOf(plan);
  const batches: RawRow[][] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_TRANSACTION) batches.push(rows.slice(i, i + ROWS_PER_TRANSACTION));
  return {
    rows: rows.length,
    run: () => {
      for (const batch of batches) insertBatch(batch, Date.now());
    },
    close: () => db.close(),
  };
}
