import type Database from 'better-sqlite3';
import { openSqlite } from '../../sqlite/open-sqlite';
import { matchesFilter } from '../event-filter';
import { InvalidAppendError, StreamNotFoundError } from '../event-store.errors';
import type {
  AllSubscription,
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamId,
  SubscribeToAllOptions,
} from '../event-store.port';
import { validateAppend } from '../append-validation';
import type { PreparedEvent } from './append-batch';
import { GroupCommitter } from './group-committer';
import { CatchUpSubscription } from './catch-up-subscription';
import { EVENT_COLUMNS, openSchema, type Durability, type EventRow } from './schema';
import { StreamReader } from './stream-reader';

export interface EmbeddedStoreOptions {
  /** Path of the SQLite file; its folder is created if missing. */
  file: string;
  durability?: Durability;
}

const ALL_PAGE = 1000;

/**
 * The default event store: one SQLite file. Appends from any number of callers are committed
 * together by a writer thread (group commit), and each caller is answered only after that
 * commit; reads use this thread's own connection.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly committer: GroupCommitter;
  private commitWaiters: Array<() => void> = [];
  private closed = false;

  private readonly streams: StreamReader;
  private readonly allForwards: Database.Statement<[number, number], EventRow>;
  private readonly allBackwards: Database.Statement<[number, number], EventRow>;
  private readonly alive: Database.Statement;

  constructor(options: EmbeddedStoreOptions) {
    this.db = openSqlite(options.file, options.durability ?? 'full');
    openSchema(this.db, options.durability ?? 'full');
    this.streams = new StreamReader(this.db);
    this.committer = new GroupCommitter({ file: options.file, durability: options.durability ?? 'full' }, () => this.wakeReaders());
    this.allForwards = this.db.prepare(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE global_position >= ? ORDER BY global_position LIMIT ?`,
    );
    this.alive = this.db.prepare('SELECT 1');
    this.allBackwards = this.db.prepare(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE global_position < ? ORDER BY global_position DESC LIMIT ?`,
    );
  }

  appendToStream(streamId: StreamId, events: NewEvent[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new InvalidAppendError('event store is closed'));
    let prepared: PreparedEvent[];
    try {
      validateAppend(streamId, events, options.expectedRevision);
      prepared = events.map((event, i) => ({
        eventId: event.eventId.toLowerCase(),
        type: event.type,
        schemaVersion: event.schemaVersion ?? 1,
        data: asJson(event.data, `events[${i}].data`),
        metadata: asJson(event.metadata ?? {}, `events[${i}].metadata`),
      }));
    } catch (error) {
      return Promise.reject(error);
    }
    return this.committer.append({ streamId, expectedRevision: options.expectedRevision, events: prepared });
  }

  private wakeReaders(): void {
    const waiters = this.commitWaiters;
    this.commitWaiters = [];
    for (const wake of waiters) wake();
  }

  async readStream(streamId: StreamId, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const last = this.streams.lastRevision(streamId);
    if (last === undefined) throw new StreamNotFoundError(streamId);
    const count = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    if (count <= 0) return [];
    if (options.direction === 'backwards') {
      const hi = Math.min(options.fromRevision ?? last, last);
      return this.streams.range(streamId, hi - count + 1, hi).reverse().map(toRecorded);
    }
    const lo = options.fromRevision ?? 0;
    return this.streams.range(streamId, lo, Math.min(last, lo + count - 1)).map(toRecorded);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const backwards = options.direction === 'backwards';
    const result: RecordedEvent[] = [];
    let cursor = options.fromPosition === undefined ? (backwards ? Number.MAX_SAFE_INTEGER : 0) : Number(options.fromPosition);
    while (result.length < maxCount) {
      const rows = backwards ? this.allBackwards.all(cursor, ALL_PAGE) : this.allForwards.all(cursor, ALL_PAGE);
      for (const row of rows) {
        const event = toRecorded(row);
        if (matchesFilter(options.filter, event)) result.push(event);
        if (result.length === maxCount) break;
      }
      if (rows.length < ALL_PAGE) break;
      const last = Number(rows[rows.length - 1].global_position);
      cursor = backwards ? last : last + 1;
    }
    return result;
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    return new CatchUpSubscription(
      {
        readAfter: (position, maxCount) => this.allForwards.all(Number(position) + 1, maxCount).map(toRecorded),
        nextCommit: (cancel) => this.nextCommit(cancel),
      },
      options.fromPosition ?? 0n,
      options.filter,
    );
  }

  private nextCommit(cancel: AbortSignal): Promise<void> {
    if (cancel.aborted || this.closed) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const wake = () => {
        cancel.removeEventListener('abort', wake);
        resolve();
      };
      this.commitWaiters.push(wake);
      cancel.addEventListener('abort', wake, { once: true });
    });
  }

  async ping(): Promise<void> {
    if (this.closed) throw new Error('event store is closed');
    this.committer.assertWorking();
    this.alive.get();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Appends already accepted are committed before the file closes.
    await this.committer.close();
    this.wakeReaders();
    this.db.close();
  }
}

function asJson(value: unknown, path: string): string {
  try {
    return JSON.stringify(value);
  } catch (error) {
    throw new InvalidAppendError(`${path} is not JSON-serializable: ${(error as Error).message}`);
  }
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    streamId: row.stream_id,
    revision: row.revision,
    globalPosition: BigInt(row.global_position),
    recordedAt: new Date(row.recorded_at),
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
  };
}
