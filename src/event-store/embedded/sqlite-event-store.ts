import Database from 'better-sqlite3';
import type { BroadcastChannel } from 'node:worker_threads';
import { openSqlite } from '../../sqlite/open-sqlite';
import { InvalidAppendError, StreamNotFoundError } from '../event-store.errors';
import type {
  AllSubscription,
  AppendResult,
  CommitReport,
  CountAllOptions,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamId,
  StreamMetadata,
  StreamRevision,
  SubscribeToAllOptions,
} from '../event-store.port';
import { validateAppend } from '../append-validation';
import type { PreparedEvent } from './append-batch';
import { GroupCommitter } from './group-committer';
import { commitSignal } from './commit-signal';
import { CatchUpSubscription, type LogPage } from './catch-up-subscription';
import { FilteredStatements, filterParameters } from './event-filter-sql';
import { assertReadableSchema, EVENT_COLUMNS, openSchema, toRecorded, type Durability, type EventRow } from './schema';
import { StreamReader } from './stream-reader';
import { LogTail } from './log-tail';

export interface EmbeddedStoreOptions {
  /** Path of the SQLite file; its folder is created if missing. */
  file: string;
  durability?: Durability;
  /**
   * Reads only, on a read-only connection of its own, for another thread of the process (the
   * projection thread): appends are refused, and subscriptions wake on the writer thread's
   * commits (commit-signal.ts). The file must exist: the store that writes it creates it.
   */
  readOnly?: boolean;
}

const ALL_PAGE = 1000;
/**
 * Positions a subscription examines per read when few events match its filter: bounds how long
 * one synchronous read can hold the event loop on a long stretch of other streams' events.
 */
const SCAN_WINDOW = 10_000;

/**
 * The default event store: one SQLite file. Appends from any number of callers are committed
 * together by a writer thread (group commit), and each caller is answered only after that
 * commit; reads use this thread's own connection.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  /** Absent when read-only. */
  private readonly committer: GroupCommitter | undefined;
  private readonly commits: BroadcastChannel | undefined;
  private commitWaiters: Array<() => void> = [];
  private readonly commitObservers: Array<(commit: CommitReport) => void> = [];
  private closed = false;

  private readonly streams: StreamReader;
  private readonly allForwards: FilteredStatements<EventRow>;
  private readonly allBackwards: FilteredStatements<EventRow>;
  private readonly allBetween: FilteredStatements<EventRow>;
  private readonly countAfter: FilteredStatements<{ count: number }>;
  private readonly head: Database.Statement<[], { head: number | null }>;
  private readonly alive: Database.Statement;
  private readonly tail: LogTail;

  constructor(options: EmbeddedStoreOptions) {
    if (options.readOnly) {
      this.db = new Database(options.file, { readonly: true, fileMustExist: true });
      this.db.pragma('busy_timeout = 5000');
      assertReadableSchema(this.db);
      this.commits = commitSignal(options.file, () => this.wakeReaders());
    } else {
      this.db = openSqlite(options.file, options.durability ?? 'full');
      openSchema(this.db, options.durability ?? 'full');
      this.committer = new GroupCommitter({ file: options.file, durability: options.durability ?? 'full' }, (commit) => {
        this.wakeReaders();
        for (const observe of this.commitObservers) observe(commit);
      });
    }
    this.streams = new StreamReader(this.db);
    // Filters run in SQL: an event outside the filter is never parsed.
    this.allForwards = new FilteredStatements(this.db, (filter) => `SELECT ${EVENT_COLUMNS} FROM events WHERE global_position >= ? AND ${filter} ORDER BY global_position LIMIT ?`);
    this.allBackwards = new FilteredStatements(
      this.db,
      (filter) => `SELECT ${EVENT_COLUMNS} FROM events WHERE global_position < ? AND ${filter} ORDER BY global_position DESC LIMIT ?`,
    );
    this.allBetween = new FilteredStatements(
      this.db,
      (filter) => `SELECT ${EVENT_COLUMNS} FROM events WHERE global_position > ? AND global_position <= ? AND ${filter} ORDER BY global_position LIMIT ?`,
    );
    this.countAfter = new FilteredStatements(this.db, (filter) => `SELECT COUNT(*) AS count FROM (SELECT 1 FROM events WHERE global_position > ? AND ${filter} LIMIT ?)`);
    this.head = this.db.prepare('SELECT MAX(global_position) AS head FROM events');
    this.alive = this.db.prepare('SELECT 1');
    this.tail = new LogTail(this.db);
  }

  appendToStream(streamId: StreamId, events: NewEvent[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new InvalidAppendError('event store is closed'));
    const committer = this.committer;
    if (!committer) return Promise.reject(new InvalidAppendError('event store is open read-only'));
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
    return committer.append({ streamId, expectedRevision: options.expectedRevision, events: prepared });
  }

  /** Told about every group commit from now on (appends, events, the writer thread's time). */
  observeCommits(observer: (commit: CommitReport) => void): void {
    this.commitObservers.push(observer);
  }

  private wakeReaders(): void {
    const waiters = this.commitWaiters;
    this.commitWaiters = [];
    for (const wake of waiters) wake();
  }

  async readStream(streamId: StreamId, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const last = this.streams.lastRevision(streamId);
    if (last === undefined) throw new StreamNotFoundError(streamId);
    const maxAge = this.streams.maxAgeSeconds(streamId);
    if (maxAge === undefined) return this.readRange(streamId, last, options);
    // Events of a stream come in time order, so the expired ones are its oldest: read what the
    // request spans (such streams are short), leave those out, then count.
    const cutoff = Date.now() - maxAge * 1000;
    const fresh = this.readRange(streamId, last, { ...options, maxCount: undefined }).filter((event) => event.recordedAt.getTime() >= cutoff);
    return fresh.slice(0, options.maxCount ?? fresh.length);
  }

  private readRange(streamId: StreamId, last: StreamRevision, options: ReadStreamOptions): RecordedEvent[] {
    const count = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    if (count <= 0) return [];
    if (options.direction === 'backwards') {
      const hi = Math.min(options.fromRevision ?? last, last);
      return this.streams
        .range(streamId, hi - count + 1, hi)
        .reverse()
        .map(toRecorded);
    }
    const from = options.fromRevision ?? 0;
    let rows = this.streams.range(streamId, from, Math.min(last, from + count - 1));
    // A short answer from a chain that never breaks means the stream was truncated: start at its first kept event.
    if ((rows[0]?.revision ?? Number.POSITIVE_INFINITY) > from) {
      const lo = Math.max(from, this.streams.firstRevision(streamId));
      if (lo > from) rows = this.streams.range(streamId, lo, Math.min(last, lo + count - 1));
    }
    return rows.map(toRecorded);
  }

  /** Through the writer thread, in its next group: the one connection that writes. */
  async truncateStream(streamId: StreamId, beforeRevision: StreamRevision): Promise<void> {
    if (this.closed) throw new InvalidAppendError('event store is closed');
    if (!this.committer) throw new InvalidAppendError('event store is open read-only');
    if (!Number.isSafeInteger(beforeRevision) || beforeRevision < 0) throw new RangeError(`beforeRevision must be a revision, got ${beforeRevision}`);
    await this.committer.truncate({ streamId, truncateBefore: beforeRevision });
  }

  /** Through the writer thread too; `$maxAge` applies to reads from then on. */
  async setStreamMetadata(streamId: StreamId, metadata: { maxAgeSeconds?: number }): Promise<void> {
    if (this.closed) throw new InvalidAppendError('event store is closed');
    if (!this.committer) throw new InvalidAppendError('event store is open read-only');
    const { maxAgeSeconds } = metadata;
    if (maxAgeSeconds !== undefined && !(Number.isSafeInteger(maxAgeSeconds) && maxAgeSeconds > 0)) {
      throw new RangeError(`maxAgeSeconds must be a positive whole number of seconds, got ${maxAgeSeconds}`);
    }
    await this.committer.setMaxAge({ streamId, maxAgeSeconds: maxAgeSeconds ?? null });
  }

  async readStreamMetadata(streamId: StreamId): Promise<StreamMetadata> {
    const maxAgeSeconds = this.streams.maxAgeSeconds(streamId);
    const truncateBefore = this.streams.firstRevision(streamId);
    return { ...(maxAgeSeconds !== undefined && { maxAgeSeconds }), ...(truncateBefore > 0 && { truncateBefore }) };
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const backwards = options.direction === 'backwards';
    const statement = (backwards ? this.allBackwards : this.allForwards).for(options.filter);
    const parameters = filterParameters(options.filter);
    const result: RecordedEvent[] = [];
    let cursor = options.fromPosition === undefined ? (backwards ? Number.MAX_SAFE_INTEGER : 0) : Number(options.fromPosition);
    while (result.length < maxCount) {
      const page = Math.min(ALL_PAGE, maxCount - result.length);
      const rows = statement.all(cursor, ...parameters, page);
      for (const row of rows) result.push(toRecorded(row));
      if (rows.length < page) break;
      const last = Number(rows[rows.length - 1].global_position);
      cursor = backwards ? last : last + 1;
    }
    return result;
  }

  /** Counts in SQL, reading no event: what lag reports need without paging through the log. */
  async countAll(options: CountAllOptions): Promise<number> {
    const after = options.afterPosition === undefined ? 0 : Number(options.afterPosition);
    return this.countAfter.for(options.filter).get(after, ...filterParameters(options.filter), options.limit)!.count;
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    const statement = this.allBetween.for(options.filter);
    const parameters = filterParameters(options.filter);
    const readAfter = (position: bigint, maxCount: number): LogPage => {
      // The head first: everything up to it is examined, so nothing committed later is skipped.
      const head = this.head.get()!.head ?? 0;
      const from = Number(position);
      if (head <= from) return { events: [], through: position };
      const fromTail = this.tail.page(from, head, maxCount, options.filter);
      if (fromTail) return fromTail;
      const upTo = Math.min(head, from + SCAN_WINDOW);
      const rows = statement.all(from, upTo, ...parameters, maxCount);
      const through = rows.length === maxCount ? Number(rows[rows.length - 1].global_position) : upTo;
      return { events: rows.map(toRecorded), through: BigInt(through) };
    };
    return new CatchUpSubscription({ readAfter, nextCommit: (cancel) => this.nextCommit(cancel) }, options.fromPosition ?? 0n);
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
    this.committer?.assertWorking();
    this.alive.get();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Appends already accepted are committed before the file closes.
    await this.committer?.close();
    this.commits?.close();
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
