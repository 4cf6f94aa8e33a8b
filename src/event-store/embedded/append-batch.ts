import type Database from 'better-sqlite3';
import { WrongExpectedRevisionError } from '../event-store.errors';
import type { AppendResult, ExpectedRevision, StreamId, StreamRevision } from '../event-store.port';

export interface PreparedEvent {
  eventId: string;
  type: string;
  schemaVersion: number;
  data: string;
  metadata: string;
}

export interface PendingAppend {
  streamId: StreamId;
  expectedRevision: ExpectedRevision;
  events: PreparedEvent[];
  resolve(result: AppendResult): void;
  reject(error: Error): void;
}

type Outcome = { ok: AppendResult } | { refused: Error };

const NO_STREAM = -1;

/**
 * Writes a group of appends from many callers in one transaction. Each append is checked
 * against the stream head as left by the appends before it in the same group, so a refusal
 * affects only its own caller and writes nothing of it.
 */
export class AppendBatchWriter {
  private readonly head: Database.Statement<[string], { revision: number | null }>;
  private readonly insert: Database.Statement<unknown[]>;
  private readonly idsFrom: Database.Statement<[string, number, number], { event_id: string; global_position: number }>;
  private readonly positionOfId: Database.Statement<[string, string], { revision: number }>;
  private readonly writeGroup: (group: PendingAppend[], recordedAt: number) => Outcome[];

  constructor(db: Database.Database) {
    this.head = db.prepare('SELECT MAX(revision) AS revision FROM events WHERE stream_id = ?');
    this.insert = db.prepare(
      `INSERT INTO events (stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.idsFrom = db.prepare(
      'SELECT event_id, global_position FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?',
    );
    this.positionOfId = db.prepare('SELECT revision FROM events WHERE stream_id = ? AND event_id = ?');
    this.writeGroup = db.transaction((group: PendingAppend[], recordedAt: number) => {
      const heads = new Map<StreamId, StreamRevision>();
      return group.map((append) => this.apply(append, heads, recordedAt));
    });
  }

  /** Durable when it returns: the transaction has committed with the configured sync mode. */
  write(group: PendingAppend[], recordedAt: number): Outcome[] {
    return this.writeGroup(group, recordedAt);
  }

  private apply(append: PendingAppend, heads: Map<StreamId, StreamRevision>, recordedAt: number): Outcome {
    const { streamId, expectedRevision, events } = append;
    const current = heads.get(streamId) ?? this.head.get(streamId)?.revision ?? NO_STREAM;

    const replay = this.alreadyStored(streamId, expectedRevision, current, events);
    if (replay) return { ok: replay };

    if (!accepts(expectedRevision, current)) {
      return {
        refused: new WrongExpectedRevisionError(streamId, expectedRevision, current === NO_STREAM ? 'no_stream' : current),
      };
    }
    let revision = current;
    let position = 0;
    for (const event of events) {
      revision += 1;
      const info = this.insert.run(
        streamId, revision, event.eventId, event.type, event.schemaVersion, event.data, event.metadata, recordedAt,
      );
      position = Number(info.lastInsertRowid);
    }
    heads.set(streamId, revision);
    return { ok: { nextExpectedRevision: revision, position: BigInt(position) } };
  }

  /**
   * A retried append whose events already sit, with the same ids, where it would have put them
   * is answered with the original result instead of a duplicate or a conflict.
   */
  private alreadyStored(
    streamId: StreamId,
    expected: ExpectedRevision,
    current: StreamRevision,
    events: PreparedEvent[],
  ): AppendResult | undefined {
    if (current === NO_STREAM) return undefined;
    let from: number | undefined;
    if (expected === 'no_stream') from = 0;
    else if (typeof expected === 'number') from = expected + 1;
    else from = this.positionOfId.get(streamId, events[0].eventId)?.revision;
    if (from === undefined || from > current) return undefined;

    const stored = this.idsFrom.all(streamId, from, events.length);
    if (stored.length !== events.length) return undefined;
    if (!stored.every((row, i) => row.event_id === events[i].eventId)) return undefined;
    return {
      nextExpectedRevision: from + events.length - 1,
      position: BigInt(stored[stored.length - 1].global_position),
    };
  }
}

function accepts(expected: ExpectedRevision, current: StreamRevision): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === NO_STREAM;
    case 'stream_exists':
      return current !== NO_STREAM;
    default:
      return expected === current;
  }
}
