import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  DeadlineExceededError,
  StreamNotFoundError as EsdbStreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  convertToCommandError,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
  type AllStreamRecordedEvent,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type AppendExpectedRevision,
  type Filter,
  type JSONType,
  type Position,
  type ReadPosition,
  type ResolvedEvent,
  type StreamingRead,
  type StreamMetadata as EsdbStreamMetadata,
} from '@eventstore/db-client';
import { esdbClientConnectionString } from './connection-string';
import { performance } from 'node:perf_hooks';
import { RESERVED_METADATA, validateAppend } from '../append-validation';
import { matchesFilter } from '../event-filter';
import { EventStoreUnavailableError, InvalidAppendError, StreamNotFoundError, WrongExpectedRevisionError } from '../event-store.errors';
import type {
  AllSubscription,
  AppendResult,
  CommitReport,
  EventFilter,
  EventStore,
  ExpectedRevision,
  GlobalPosition,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamId,
  StreamMetadata,
  StreamRevision,
  SubscribeToAllOptions,
  SubscriptionMessage,
} from '../event-store.port';

/**
 * EventStoreDB has no field for a schema version, so it travels in the event's JSON metadata
 * under this key, `$`-prefixed like EventStoreDB's own metadata keys ($correlationId,
 * $causationId). It is written on every event (default 1), removed again on read so that
 * `metadata` comes back exactly as the caller gave it; validateAppend refuses it from callers.
 */
const SCHEMA_VERSION_KEY = RESERVED_METADATA;

/** The client's readAll cannot filter, so filtered reads page through $all. */
const ALL_PAGE = 1000;
/** Reads carry no deadline in the client, so ping bounds its own. */
const PING_TIMEOUT_MS = 5000;
/** Subscription messages buffered before the gRPC stream is paused. */
const SUBSCRIPTION_HIGH_WATER = 1000;

type StoredEvent = NonNullable<ResolvedEvent['event']>;

/**
 * The event store on EventStoreDB (23.10 or later: subscriptions rely on its caught-up
 * message). Reading or subscribing to `$all` needs a user allowed to read `$all`.
 *
 * Global positions are commit positions. Every event appended over gRPC is its own committed
 * record in the transaction log, so its commit position equals its prepare position and is
 * unique and increasing per event (the server's AllReader reports `LogPosition` as both for
 * committed prepares; only legacy TCP transactions share a commit position across events).
 * That is why a read or subscription can start at `{ commit: p, prepare: p }`.
 *
 * `$all` also holds EventStoreDB's own records: events in `$`-prefixed streams or with
 * `$`-prefixed types (stream metadata, settings, statistics, links). They are not business
 * facts and never come out of readAll or subscribeToAll.
 */
export class EsdbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly commitObservers: Array<(commit: CommitReport) => void> = [];

  constructor(connectionString: string) {
    this.client = EventStoreDBClient.connectionString(esdbClientConnectionString(connectionString));
  }

  /** Each append is its own commit on EventStoreDB: told with one append, timed from request to answer. */
  observeCommits(observer: (commit: CommitReport) => void): void {
    this.commitObservers.push(observer);
  }

  async appendToStream(streamId: StreamId, events: NewEvent[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    const { expectedRevision } = options;
    validateAppend(streamId, events, expectedRevision);
    const proposed = events.map(toEventData);
    const started = performance.now();
    try {
      const result = await this.client.appendToStream(streamId, proposed, {
        expectedRevision: toExpectedRevision(expectedRevision),
      });
      const commit = { appends: 1, events: events.length, seconds: (performance.now() - started) / 1000 };
      for (const observe of this.commitObservers) observe(commit);
      const nextExpectedRevision = Number(result.nextExpectedRevision);
      return {
        nextExpectedRevision,
        // The commit position is the last event's (the prepare position is the first's). An
        // idempotent re-append may come back without one: look up the original event's.
        position: result.position?.commit ?? (await this.positionAt(streamId, nextExpectedRevision)),
      };
    } catch (error) {
      throw translate(error, streamId, expectedRevision);
    }
  }

  async readStream(streamId: StreamId, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const read = this.client.readStream(streamId, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: options.fromRevision === undefined ? (backwards ? END : START) : BigInt(options.fromRevision),
      maxCount: options.maxCount,
    });
    try {
      return (await drain(read)).flatMap((resolved) => (resolved.event ? [toRecorded(resolved.event)] : []));
    } catch (error) {
      throw translate(error, streamId);
    }
  }

  /**
   * Sets the stream's `$tb` (truncate before) metadata: EventStoreDB reads the stream from there
   * on and its scavenge reclaims the rest. The adapter owns these streams' metadata (`$tb` and
   * `$maxAge`, each kept when the other is set), and moves `$tb` forward only: a lower `$tb`
   * would bring back events not scavenged yet.
   */
  async truncateStream(streamId: StreamId, beforeRevision: StreamRevision): Promise<void> {
    let first: RecordedEvent;
    let last: RecordedEvent;
    try {
      [first] = await this.readStream(streamId, { maxCount: 1 });
      [last] = await this.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    } catch (error) {
      if (error instanceof StreamNotFoundError) return;
      throw error;
    }
    const before = Math.min(beforeRevision, last.revision);
    if (before <= first.revision) return;
    await this.updateMetadata(streamId, (metadata) => ({ ...metadata, truncateBefore: before }));
  }

  /** `$maxAge` in the stream's metastream: EventStoreDB's reads leave older events out, its scavenge removes them. */
  async setStreamMetadata(streamId: StreamId, { maxAgeSeconds }: { maxAgeSeconds?: number }): Promise<void> {
    if (maxAgeSeconds !== undefined && !(Number.isSafeInteger(maxAgeSeconds) && maxAgeSeconds > 0)) {
      throw new RangeError(`maxAgeSeconds must be a positive whole number of seconds, got ${maxAgeSeconds}`);
    }
    await this.updateMetadata(streamId, ({ maxAge: _, ...rest }) => ({ ...rest, ...(maxAgeSeconds !== undefined && { maxAge: maxAgeSeconds }) }));
  }

  async readStreamMetadata(streamId: StreamId): Promise<StreamMetadata> {
    let metadata: EsdbStreamMetadata;
    try {
      metadata = (await this.client.getStreamMetadata(streamId)).metadata ?? {};
    } catch (error) {
      throw translate(error, streamId);
    }
    const { maxAge, truncateBefore } = metadata;
    return { ...(typeof maxAge === 'number' && { maxAgeSeconds: maxAge }), ...(typeof truncateBefore === 'number' && { truncateBefore }) };
  }

  /** Metadata is one document per stream: what the adapter does not change is written back as it was. */
  private async updateMetadata(streamId: StreamId, change: (metadata: EsdbStreamMetadata) => EsdbStreamMetadata): Promise<void> {
    try {
      const { metadata } = await this.client.getStreamMetadata(streamId);
      await this.client.setStreamMetadata(streamId, change(metadata ?? {}));
    } catch (error) {
      throw translate(error, streamId);
    }
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const result: RecordedEvent[] = [];
    let from: ReadPosition = options.fromPosition === undefined ? (backwards ? END : START) : at(options.fromPosition);
    // Forwards reads include their start, so each next page repeats the previous page's last event.
    let alreadyRead: GlobalPosition | undefined;
    try {
      while (result.length < maxCount) {
        const page = await drain(this.client.readAll({ direction: backwards ? BACKWARDS : FORWARDS, fromPosition: from, maxCount: ALL_PAGE }));
        for (const { event } of page) {
          if (!event || event.position.commit === alreadyRead || isSystemEvent(event)) continue;
          const recorded = toRecorded(event);
          if (matchesFilter(options.filter, recorded)) result.push(recorded);
          if (result.length === maxCount) break;
        }
        const last = page.at(-1)?.event;
        if (page.length < ALL_PAGE || !last) break;
        from = at(last.position.commit);
        if (!backwards) alreadyRead = last.position.commit;
      }
    } catch (error) {
      throw translate(error);
    }
    return result;
  }

  /** EventStoreDB starts a subscription after the given position, as the port asks. */
  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    const source = this.client.subscribeToAll({
      fromPosition: options.fromPosition === undefined ? START : at(options.fromPosition),
      filter: serverFilter(options.filter),
    });
    return new EsdbAllSubscription(source, options.filter);
  }

  async ping(): Promise<void> {
    const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new EventStoreUnavailableError(`EventStoreDB did not answer within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS);
    });
    try {
      await Promise.race([drain(read), timeout]);
    } catch (error) {
      await read.cancel().catch(ignore);
      throw translate(error);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  private async positionAt(streamId: StreamId, revision: number): Promise<GlobalPosition> {
    const [event] = await this.readStream(streamId, { fromRevision: revision, maxCount: 1 });
    return event.globalPosition;
  }
}

/**
 * Bridges the client's readable subscription to the port's messages. The client reports
 * caught-up as a side event, possibly while events received before it still sit in the
 * readable buffer; counting those places `caughtUp` after exactly the events that preceded it.
 */
class EsdbAllSubscription implements AllSubscription {
  private readonly queue: SubscriptionMessage[] = [];
  private received = 0;
  private caughtUpAfter: number | undefined;
  private failure: Error | undefined;
  private closed = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly source: AllStreamSubscription,
    filter: EventFilter | undefined,
  ) {
    source.on('data', (resolved: AllStreamResolvedEvent) => {
      this.received += 1;
      const event = resolved.event;
      if (event && !isSystemEvent(event)) {
        const recorded = toRecorded(event);
        // The server filtered already; this keeps edge cases (e.g. no prefixes) identical to the embedded store.
        if (matchesFilter(filter, recorded)) this.queue.push({ kind: 'event', event: recorded });
      }
      if (this.received === this.caughtUpAfter) this.queue.push({ kind: 'caughtUp' });
      if (this.queue.length >= SUBSCRIPTION_HIGH_WATER) source.pause();
      this.notify();
    });
    // The server says caught-up again after falling behind and recovering; the port wants it once.
    source.on('caughtUp', () => {
      if (this.caughtUpAfter !== undefined) return;
      this.caughtUpAfter = this.received + source.readableLength;
      if (this.received === this.caughtUpAfter) this.queue.push({ kind: 'caughtUp' });
      this.notify();
    });
    source.on('error', (error: Error) => {
      this.failure ??= translate(error) as Error;
      this.notify();
    });
    source.on('end', () => {
      this.failure ??= new EventStoreUnavailableError('EventStoreDB ended the subscription');
      this.notify();
    });
  }

  /** Leaving the iteration closes the subscription, so an abandoned loop holds no server resources. */
  async *[Symbol.asyncIterator](): AsyncIterator<SubscriptionMessage> {
    try {
      while (!this.closed) {
        const message = this.queue.shift();
        if (message) {
          yield message;
          continue;
        }
        if (this.failure) throw this.failure;
        if (this.source.isPaused()) this.source.resume();
        await new Promise<void>((resolve) => (this.wake = resolve));
      }
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.notify();
    // A subscription whose connection never opened has nothing to cancel.
    await this.source.unsubscribe().catch(ignore);
    this.source.destroy();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

function toEventData(event: NewEvent, index: number) {
  const metadata = { ...event.metadata, [SCHEMA_VERSION_KEY]: event.schemaVersion ?? 1 };
  // The client serializes inside a promise executor, where a throw would leave the append
  // hanging; serializing once here turns unserializable content into a refusal instead.
  try {
    JSON.stringify(event.data);
    JSON.stringify(metadata);
  } catch (error) {
    throw new InvalidAppendError(`events[${index}] is not JSON-serializable: ${(error as Error).message}`, { cause: error });
  }
  return jsonEvent({ id: event.eventId.toLowerCase(), type: event.type, data: event.data as JSONType, metadata });
}

function toExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    case 'any':
      return ANY;
    default:
      return BigInt(expected);
  }
}

function toRecorded(event: StoredEvent): RecordedEvent {
  if (!event.position) {
    throw new EventStoreUnavailableError('EventStoreDB did not report event positions; it must be version 22.6 or later');
  }
  const { [SCHEMA_VERSION_KEY]: schemaVersion, ...metadata } = isPlainObject(event.metadata) ? event.metadata : {};
  return {
    eventId: event.id,
    type: event.type,
    schemaVersion: typeof schemaVersion === 'number' ? schemaVersion : 1,
    streamId: event.streamId,
    revision: Number(event.revision),
    globalPosition: event.position.commit,
    recordedAt: event.created,
    data: event.data,
    metadata,
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function isSystemEvent(event: AllStreamRecordedEvent): boolean {
  return event.type.startsWith('$') || event.streamId.startsWith('$');
}

function at(position: GlobalPosition): Position {
  return { commit: position, prepare: position };
}

function serverFilter(filter: EventFilter | undefined): Filter {
  if (!filter) return excludeSystemEvents();
  return filter.on === 'eventType' ? eventTypeFilter({ prefixes: filter.prefixes }) : streamNameFilter({ prefixes: filter.prefixes });
}

async function drain<E>(read: StreamingRead<E>): Promise<E[]> {
  const items: E[] = [];
  for await (const item of read) items.push(item);
  return items;
}

/** Maps the client's errors onto the port's; anything else passes through unchanged. */
function translate(raw: unknown, streamId?: StreamId, expected?: ExpectedRevision): unknown {
  // Some client paths (e.g. the feature check before an append) reject with bare gRPC errors.
  const error = raw instanceof Error ? convertToCommandError(raw) : raw;
  if (error instanceof WrongExpectedVersionError && streamId !== undefined && expected !== undefined) {
    const actual = error.actualVersion;
    // Depending on the server path, a missing stream is reported as no_stream or as -1.
    return new WrongExpectedRevisionError(streamId, expected, typeof actual === 'bigint' && actual >= 0n ? Number(actual) : 'no_stream');
  }
  if (error instanceof EsdbStreamNotFoundError && streamId !== undefined) return new StreamNotFoundError(streamId);
  if (error instanceof UnavailableError || error instanceof DeadlineExceededError) {
    return new EventStoreUnavailableError(`EventStoreDB unavailable: ${error.message}`, { cause: error });
  }
  return error;
}

function ignore(): void {}
