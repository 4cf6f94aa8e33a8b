import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../event-store.port';
import { configureConnection, type Durability } from '../../sqlite/open-sqlite';

export type { Durability };

/**
 * Bump with a migration when the layout changes; stored events are never rewritten.
 * 2: `stream_truncations` (streams of derived data that dropped their older events).
 * 3: `stream_metadata` (how long a stream's events are read: `$maxAge`).
 */
const SCHEMA_VERSION = 3;

/**
 * Layout:
 * - `events` is the log, in global order (rowid = global position). Each event points to the
 *   previous event of its stream, so a stream is a chain walked back from its head.
 * - `streams` holds each stream's head (last revision and its position): the expected-revision
 *   check and the chain's entry point.
 * - `stream_truncations`: the first revision still kept of a stream whose older events were
 *   dropped (`truncateStream`, derived data only); its chain ends there.
 * - `stream_metadata`: a stream's `$maxAge` in seconds (`setStreamMetadata`): its reads leave
 *   out events recorded longer ago than that. Nothing is deleted for it: such streams (one per
 *   Idempotency-Key when EventStoreDB clients write through the protocol endpoint) are small.
 *
 * Why a chain and not an index on (stream_id, revision): a group commit touching N streams
 * rewrites N scattered index leaf pages (about 7 KB of WAL per 1 KB event at 100 streams),
 * while the head rows of active streams sit together and the log only grows at its end.
 * Streams are short-lived business entities (an order, a promotion), so walking a chain is cheap.
 */
export function openSchema(db: Database.Database, durability: Durability): void {
  configureConnection(db, durability);
  assertReadableSchema(db);
  db.exec(`
    CREATE TABLE IF NOT EXISTS events (
      global_position   INTEGER PRIMARY KEY,
      stream_id         TEXT    NOT NULL,
      revision          INTEGER NOT NULL,
      previous_position INTEGER,
      event_id          TEXT    NOT NULL,
      type              TEXT    NOT NULL,
      schema_version    INTEGER NOT NULL,
      data              TEXT    NOT NULL,
      metadata          TEXT    NOT NULL,
      recorded_at       INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS streams (
      stream_id     TEXT    PRIMARY KEY,
      last_revision INTEGER NOT NULL,
      last_position INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS stream_truncations (
      stream_id      TEXT    PRIMARY KEY,
      first_revision INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS stream_metadata (
      stream_id       TEXT    PRIMARY KEY,
      max_age_seconds INTEGER
    ) WITHOUT ROWID;
  `);
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
}

/** Refuses a file written by a newer build: this one would misread its layout. */
export function assertReadableSchema(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new Error(`event store file has schema ${version}, newer than this build understands (${SCHEMA_VERSION})`);
  }
}

/** The two writes of an append; shared with the raw-insert benchmark so it measures the same rows. */
export const INSERT_EVENT_SQL = `INSERT INTO events
  (stream_id, revision, previous_position, event_id, type, schema_version, data, metadata, recorded_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;

export const UPSERT_STREAM_HEAD_SQL = `INSERT INTO streams (stream_id, last_revision, last_position) VALUES (?, ?, ?)
  ON CONFLICT (stream_id) DO UPDATE SET last_revision = excluded.last_revision, last_position = excluded.last_position`;

export const EVENT_COLUMNS = 'global_position, stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at';

/**
 * The events of one stream with revisions in [lo, hi], ascending, found by walking the chain
 * back from the head. Parameters: @stream, @lo, @hi.
 */
export const STREAM_RANGE_SQL = `
  WITH RECURSIVE chain (position, revision) AS (
    SELECT last_position, last_revision FROM streams WHERE stream_id = @stream
    UNION ALL
    SELECT e.previous_position, chain.revision - 1
      FROM chain JOIN events e ON e.global_position = chain.position
     WHERE chain.revision > @lo
  )
  SELECT ${EVENT_COLUMNS.split(', ')
    .map((c) => `e.${c}`)
    .join(', ')}
    FROM chain JOIN events e ON e.global_position = chain.position
   WHERE chain.revision BETWEEN @lo AND @hi
   ORDER BY chain.revision`;

/**
 * The lowest revision of the stream whose event has id @eventId, found on the same chain walk
 * as STREAM_RANGE_SQL but without reading any event's data. Parameters: @stream, @eventId.
 */
export const STREAM_EVENT_REVISION_SQL = `
  WITH RECURSIVE chain (position, revision) AS (
    SELECT last_position, last_revision FROM streams WHERE stream_id = @stream
    UNION ALL
    SELECT e.previous_position, chain.revision - 1
      FROM chain JOIN events e ON e.global_position = chain.position
     WHERE chain.revision > 0
  )
  SELECT chain.revision AS revision
    FROM chain JOIN events e ON e.global_position = chain.position
   WHERE e.event_id = @eventId
   ORDER BY chain.revision
   LIMIT 1`;

/**
 * Deletes the events of stream @stream with revisions below @before, walking its chain from the
 * head down to @first, the first revision it still keeps. Parameters: @stream, @first, @before.
 */
export const TRUNCATE_STREAM_SQL = `
  WITH RECURSIVE chain (position, revision) AS (
    SELECT last_position, last_revision FROM streams WHERE stream_id = @stream
    UNION ALL
    SELECT e.previous_position, chain.revision - 1
      FROM chain JOIN events e ON e.global_position = chain.position
     WHERE chain.revision > @first
  )
  DELETE FROM events WHERE global_position IN (SELECT position FROM chain WHERE revision < @before)`;

export const MAX_AGE_SQL = 'SELECT max_age_seconds FROM stream_metadata WHERE stream_id = ?';

export const SET_MAX_AGE_SQL = `INSERT INTO stream_metadata (stream_id, max_age_seconds) VALUES (?, ?)
  ON CONFLICT (stream_id) DO UPDATE SET max_age_seconds = excluded.max_age_seconds`;

export const FIRST_KEPT_REVISION_SQL = 'SELECT first_revision FROM stream_truncations WHERE stream_id = ?';

export const SET_FIRST_KEPT_REVISION_SQL = `INSERT INTO stream_truncations (stream_id, first_revision) VALUES (?, ?)
  ON CONFLICT (stream_id) DO UPDATE SET first_revision = MAX(first_revision, excluded.first_revision)`;

export interface EventRow {
  global_position: number | bigint;
  stream_id: string;
  revision: number;
  event_id: string;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  recorded_at: number;
}

export function toRecorded(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    streamId: row.stream_id,
    revision: row.revision,
    globalPosition: BigInt(row.global_position),
    recordedAt: new Date(row.recorded_at),
    data: JSON.parse(row.data) as unknown,
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
  };
}

export interface StreamHead {
  last_revision: number;
  last_position: number;
}
