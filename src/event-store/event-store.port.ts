/** Identifies one stream, e.g. `order-7f3c…`. */
export type StreamId = string;
/** Position of an event inside its stream; the first event is revision 0. */
export type StreamRevision = number;
/** Position of an event in the global log, strictly increasing in append order. */
export type GlobalPosition = bigint;

export interface EventMetadata {
  correlationId?: string;
  causationId?: string;
  commandId?: string;
  channel?: string;
  principal?: string;
  traceparent?: string;
  [key: string]: unknown;
}

export interface NewEvent<Data = unknown> {
  /** A UUID; derived from the command id on the domain path so retries cannot duplicate. */
  eventId: string;
  type: string;
  schemaVersion?: number;
  data: Data;
  metadata?: EventMetadata;
}

export interface RecordedEvent<Data = unknown> {
  eventId: string;
  type: string;
  schemaVersion: number;
  streamId: StreamId;
  revision: StreamRevision;
  globalPosition: GlobalPosition;
  recordedAt: Date;
  data: Data;
  metadata: EventMetadata;
}

/**
 * What the writer believes about the stream. `any` exists for tools and protocol bridges;
 * the domain path always states what it read.
 */
export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | StreamRevision;

export interface AppendResult {
  /** Revision of the last event now in the stream: pass it as the next expected revision. */
  nextExpectedRevision: StreamRevision;
  /** Global position of the last event written by this append. */
  position: GlobalPosition;
}

export type Direction = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  direction?: Direction;
  /** Inclusive; defaults to the start (forwards) or the end (backwards). */
  fromRevision?: StreamRevision;
  maxCount?: number;
}

export interface ReadAllOptions {
  direction?: Direction;
  /**
   * Forwards: events at or after this position. Backwards: events strictly before it.
   * These are EventStoreDB's boundaries, kept so both adapters read alike.
   */
  fromPosition?: GlobalPosition;
  maxCount?: number;
  filter?: EventFilter;
}

/** EventStoreDB filters on one attribute at a time; so does this port. */
export interface EventFilter {
  on: 'eventType' | 'streamName';
  prefixes: string[];
}

export interface CountAllOptions {
  /** Exclusive: count the events after this position; omit to count from the start. */
  afterPosition?: GlobalPosition;
  filter?: EventFilter;
  /** Counting stops here: the answer is at most `limit`. */
  limit: number;
}

export interface SubscribeToAllOptions {
  /** Exclusive: the first event delivered is the one after this position. Omit to start at the beginning. */
  fromPosition?: GlobalPosition;
  filter?: EventFilter;
}

export type SubscriptionMessage =
  | { kind: 'event'; event: RecordedEvent }
  /** Sent once, when the subscription has delivered everything that existed when it caught up. */
  | { kind: 'caughtUp' };

/**
 * What a stream's metadata says, as far as the port knows it. EventStoreDB keeps it in the
 * `$$<stream>` metastream (`$maxAge`, `$tb`); the embedded store in a table of its own.
 */
export interface StreamMetadata {
  /**
   * Seconds: a stream read leaves out events recorded longer ago than this (EventStoreDB's
   * `$maxAge`), and the store reclaims them later. Revisions and expected-revision checks go on
   * as before: a stream whose every event expired still has its last revision.
   */
  maxAgeSeconds?: number;
  /** The first revision a read of the stream returns, set by `truncateStream` (`$tb`). */
  truncateBefore?: StreamRevision;
}

/**
 * One commit as the store made it: the embedded store's group commit (every append that went
 * to its writer thread together, timed on that thread), or one append to EventStoreDB (timed
 * from request to answer). Successful appends only.
 */
export interface CommitReport {
  appends: number;
  events: number;
  seconds: number;
}

export interface AllSubscription extends AsyncIterable<SubscriptionMessage> {
  close(): Promise<void>;
}

export interface EventStore {
  appendToStream(streamId: StreamId, events: NewEvent[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult>;
  /** Throws StreamNotFoundError when the stream was never written (one whose events all expired reads as empty). */
  readStream(streamId: StreamId, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * Optional: counts events without reading them (lag reports). An adapter that cannot count
   * cheaply leaves it out, and callers read and count instead.
   */
  countAll?(options: CountAllOptions): Promise<number>;
  /**
   * Drops a stream's events before `beforeRevision`, for streams of derived data that only their
   * recent events matter in (saga index snapshots, checkpoints): reads of the stream start at the
   * first event kept, revisions and expected-revision checks go on as before, and the stream's
   * last event is always kept. Truncation only moves forward (an earlier revision changes
   * nothing); a stream that does not exist is left alone. `readAll` may still return dropped
   * events until the store reclaims them (EventStoreDB: `$tb` stream metadata, reclaimed by its
   * scavenge; embedded: the rows are deleted at once and their pages reused). Never for business
   * streams: their history is never rewritten. Optional: a store without it keeps such streams whole.
   */
  truncateStream?(streamId: StreamId, beforeRevision: StreamRevision): Promise<void>;
  /**
   * Sets how long a stream's events are read (`maxAgeSeconds`, a positive whole number; omitted:
   * no limit), for streams of short-lived records such as Idempotency-Keys, which then need no
   * purge of their own. Leaves `truncateBefore` as it is. May be set before the stream exists.
   * Optional, with `readStreamMetadata`: a store without it keeps such streams whole.
   */
  setStreamMetadata?(streamId: StreamId, metadata: { maxAgeSeconds?: number }): Promise<void>;
  /** The stream's metadata; `{}` for a stream that has none (or does not exist). */
  readStreamMetadata?(streamId: StreamId): Promise<StreamMetadata>;
  /** Catches up from the position, then follows live appends, with no gap and no duplicate at the seam. */
  subscribeToAll(options?: SubscribeToAllOptions): AllSubscription;
  /** Resolves when the store answers; rejects otherwise. Backs the readiness probe. */
  ping(): Promise<void>;
  /** Optional: `observer` is told about every commit from now on (metrics). */
  observeCommits?(observer: (commit: CommitReport) => void): void;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EventStore');
