import type Database from 'better-sqlite3';
import type { AppendResult, ExpectedRevision, StreamId } from '../event-store.port';
import { acceptsExpectedRevision } from '../append-validation';
import { FIRST_KEPT_REVISION_SQL, INSERT_EVENT_SQL, SET_FIRST_KEPT_REVISION_SQL, SET_MAX_AGE_SQL, TRUNCATE_STREAM_SQL, UPSERT_STREAM_HEAD_SQL, type StreamHead } from './schema';
import type { StreamReader } from './stream-reader';

export interface PreparedEvent {
  eventId: string;
  type: string;
  schemaVersion: number;
  data: string;
  metadata: string;
}

/** One caller's append, as data: it crosses to the writer thread. */
export interface GroupAppend {
  streamId: StreamId;
  expectedRevision: ExpectedRevision;
  events: PreparedEvent[];
}

/** A stream of derived data dropping its events before `truncateBefore` (never its last). */
export interface StreamTruncation {
  streamId: StreamId;
  truncateBefore: number;
}

/** A stream's `$maxAge` set (null: removed). */
export interface StreamMaxAge {
  streamId: StreamId;
  maxAgeSeconds: number | null;
}

/** What the writer does for one caller: an append, or now and then a truncation or a stream's metadata. */
export type GroupWrite = GroupAppend | StreamTruncation | StreamMaxAge;

export const isTruncation = (write: GroupWrite): write is StreamTruncation => 'truncateBefore' in write;
export const isMaxAge = (write: GroupWrite): write is StreamMaxAge => 'maxAgeSeconds' in write;
export const isAppend = (write: GroupWrite): write is GroupAppend => 'events' in write;

/** What became of one write of the group; refusals are data so they can cross threads too. */
export type AppendOutcome = { ok: AppendResult } | { conflict: { expected: ExpectedRevision; actual: number | 'no_stream' } } | { truncated: true } | { metadataSet: true };

interface Head {
  revision: number;
  position: number | null;
}

const NO_STREAM: Head = { revision: -1, position: null };
const MAX_KNOWN_HEADS = 100_000;

/**
 * Writes a group of appends from many callers in one transaction. Each append is checked
 * against the stream head as left by the appends before it in the same group, so a refusal
 * affects only its own caller and writes nothing of it.
 */
export class AppendBatchWriter {
  private readonly head: Database.Statement<[string], StreamHead>;
  private readonly insert: Database.Statement<unknown[]>;
  private readonly setHead: Database.Statement<[string, number, number]>;
  private readonly deleteBefore: Database.Statement<[{ stream: string; first: number; before: number }]>;
  private readonly firstKept: Database.Statement<[string], { first_revision: number }>;
  private readonly setFirstKept: Database.Statement<[string, number]>;
  private readonly setMaxAge: Database.Statement<[string, number | null]>;
  private readonly writeGroup: (group: GroupWrite[], recordedAt: number, heads: Map<StreamId, Head>) => AppendOutcome[];
  /** Heads this connection wrote, so most appends skip the head lookup. */
  private readonly knownHeads = new Map<StreamId, Head>();
  private knownDataVersion = -1;

  constructor(
    private readonly db: Database.Database,
    private readonly streams: StreamReader,
  ) {
    this.head = db.prepare('SELECT last_revision, last_position FROM streams WHERE stream_id = ?');
    this.insert = db.prepare(INSERT_EVENT_SQL);
    this.setHead = db.prepare(UPSERT_STREAM_HEAD_SQL);
    this.deleteBefore = db.prepare(TRUNCATE_STREAM_SQL);
    this.firstKept = db.prepare(FIRST_KEPT_REVISION_SQL);
    this.setFirstKept = db.prepare(SET_FIRST_KEPT_REVISION_SQL);
    this.setMaxAge = db.prepare(SET_MAX_AGE_SQL);
    // IMMEDIATE takes the write lock before reading heads, so another process cannot move a head in between.
    const transaction = db.transaction((group: GroupWrite[], recordedAt: number, heads: Map<StreamId, Head>) => {
      this.forgetHeadsIfOthersWrote();
      return group.map((write) => {
        if (isTruncation(write)) return this.truncate(write, heads);
        if (isMaxAge(write)) {
          this.setMaxAge.run(write.streamId, write.maxAgeSeconds);
          return { metadataSet: true } as const;
        }
        return this.apply(write, heads, recordedAt);
      });
    });
    // better-sqlite3's transaction variants are standalone functions: they need no this.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    this.writeGroup = transaction.immediate;
  }

  /** Durable when it returns: the transaction has committed with the configured sync mode. */
  write(group: GroupWrite[], recordedAt: number): AppendOutcome[] {
    const written = new Map<StreamId, Head>();
    const outcomes = this.writeGroup(group, recordedAt, written);
    // Only a committed group's heads are worth remembering.
    for (const [streamId, head] of written) {
      this.knownHeads.delete(streamId);
      this.knownHeads.set(streamId, head);
    }
    for (const streamId of this.knownHeads.keys()) {
      if (this.knownHeads.size <= MAX_KNOWN_HEADS) break;
      this.knownHeads.delete(streamId);
    }
    return outcomes;
  }

  /** SQLite's data_version moves when another connection commits; then the remembered heads may be stale. */
  private forgetHeadsIfOthersWrote(): void {
    const version = this.db.pragma('data_version', { simple: true }) as number;
    if (version !== this.knownDataVersion) this.knownHeads.clear();
    this.knownDataVersion = version;
  }

  private apply(append: GroupAppend, heads: Map<StreamId, Head>, recordedAt: number): AppendOutcome {
    const { streamId, expectedRevision, events } = append;
    const current = heads.get(streamId) ?? this.knownHeads.get(streamId) ?? this.storedHead(streamId);

    const replay = this.alreadyStored(streamId, expectedRevision, current.revision, events);
    if (replay) return { ok: replay };

    if (!acceptsExpectedRevision(expectedRevision, current.revision)) {
      return { conflict: { expected: expectedRevision, actual: current.revision === NO_STREAM.revision ? 'no_stream' : current.revision } };
    }
    let revision = current.revision;
    let previous = current.position;
    let position = 0;
    for (const event of events) {
      revision += 1;
      const info = this.insert.run(streamId, revision, previous, event.eventId, event.type, event.schemaVersion, event.data, event.metadata, recordedAt);
      previous = position = Number(info.lastInsertRowid);
    }
    this.setHead.run(streamId, revision, position);
    heads.set(streamId, { revision, position });
    return { ok: { nextExpectedRevision: revision, position: BigInt(position) } };
  }

  /** Deletes the stream's events below the revision, keeping at least its last; only ever moves forward. */
  private truncate({ streamId, truncateBefore }: StreamTruncation, heads: Map<StreamId, Head>): AppendOutcome {
    const head = heads.get(streamId) ?? this.knownHeads.get(streamId) ?? this.storedHead(streamId);
    const first = this.firstKept.get(streamId)?.first_revision ?? 0;
    const before = Math.min(truncateBefore, head.revision);
    if (before > first) {
      this.deleteBefore.run({ stream: streamId, first, before });
      this.setFirstKept.run(streamId, before);
    }
    return { truncated: true };
  }

  private storedHead(streamId: StreamId): Head {
    const row = this.head.get(streamId);
    return row ? { revision: row.last_revision, position: row.last_position } : NO_STREAM;
  }

  /**
   * A retried append whose events already sit, with the same ids, where it would have put them
   * is answered with the original result instead of a duplicate or a conflict.
   */
  private alreadyStored(streamId: StreamId, expected: ExpectedRevision, current: number, events: PreparedEvent[]): AppendResult | undefined {
    if (current === NO_STREAM.revision) return undefined;
    let from: number | undefined;
    if (expected === 'no_stream') from = 0;
    else if (typeof expected === 'number') from = expected + 1;
    else from = this.streams.revisionOf(streamId, events[0].eventId);
    if (from === undefined || from + events.length - 1 > current) return undefined;

    const stored = this.streams.range(streamId, from, from + events.length - 1);
    if (!stored.every((row, i) => row.event_id === events[i].eventId)) return undefined;
    return {
      nextExpectedRevision: from + events.length - 1,
      position: BigInt(stored[stored.length - 1].global_position),
    };
  }
}
