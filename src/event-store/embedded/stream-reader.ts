import type Database from 'better-sqlite3';
import { FIRST_KEPT_REVISION_SQL, MAX_AGE_SQL, STREAM_EVENT_REVISION_SQL, STREAM_RANGE_SQL, type EventRow } from './schema';

/** Reads a stream's events by revision, following its chain from the head. */
export class StreamReader {
  private readonly rangeQuery: Database.Statement<[{ stream: string; lo: number; hi: number }], EventRow>;
  private readonly headQuery: Database.Statement<[string], { last_revision: number }>;
  private readonly eventRevisionQuery: Database.Statement<[{ stream: string; eventId: string }], { revision: number }>;
  private readonly firstKeptQuery: Database.Statement<[string], { first_revision: number }>;
  /** Absent on a file of an older layout opened read-only (nothing migrated it): no stream has a max age there. */
  private readonly maxAgeQuery: Database.Statement<[string], { max_age_seconds: number | null }> | undefined;

  constructor(db: Database.Database) {
    this.rangeQuery = db.prepare(STREAM_RANGE_SQL);
    this.headQuery = db.prepare('SELECT last_revision FROM streams WHERE stream_id = ?');
    this.eventRevisionQuery = db.prepare(STREAM_EVENT_REVISION_SQL);
    this.firstKeptQuery = db.prepare(FIRST_KEPT_REVISION_SQL);
    const hasMetadata = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'stream_metadata'").get() !== undefined;
    this.maxAgeQuery = hasMetadata ? db.prepare(MAX_AGE_SQL) : undefined;
  }

  /** The stream's `$maxAge` in seconds, or undefined when its events are read whatever their age. */
  maxAgeSeconds(streamId: string): number | undefined {
    return this.maxAgeQuery?.get(streamId)?.max_age_seconds ?? undefined;
  }

  /** The first revision the stream still keeps: 0 unless it was truncated. */
  firstRevision(streamId: string): number {
    return this.firstKeptQuery.get(streamId)?.first_revision ?? 0;
  }

  /** Last revision of the stream, or undefined when it has no events. */
  lastRevision(streamId: string): number | undefined {
    return this.headQuery.get(streamId)?.last_revision;
  }

  /** Events with revisions in [lo, hi], ascending. */
  range(streamId: string, lo: number, hi: number): EventRow[] {
    if (hi < lo || hi < 0) return [];
    return this.rangeQuery.all({ stream: streamId, lo: Math.max(lo, 0), hi });
  }

  /** The lowest revision holding the event with this id, or undefined; reads no event data. */
  revisionOf(streamId: string, eventId: string): number | undefined {
    return this.eventRevisionQuery.get({ stream: streamId, eventId })?.revision;
  }
}
