import { createHash, randomUUID } from 'node:crypto';
import { StreamNotFoundError, WrongExpectedRevisionError } from '../event-store/event-store.errors';
import type { EventStore, ExpectedRevision, RecordedEvent, StreamId } from '../event-store/event-store.port';
import { decideClaim } from './idempotency-key.decide';
import { evolveIdempotencyKey, type IdempotencyKeyEvent, type IdempotencyKeyState } from './idempotency-key.events';
import type { IdempotencyKeys } from './idempotency-keys.port';
import type { KeyClaim, StoredAnswer } from './stored-answer';

const DAY_SECONDS = 24 * 60 * 60;
/** Claims lost to another node's claim in a row before the request is told the key is in flight. */
const CLAIM_ATTEMPTS = 5;

export interface EventStoreIdempotencyKeysOptions {
  retentionDays: number;
  /** How long another process's unanswered claim counts as in flight (IDEMPOTENCY_IN_FLIGHT_TIMEOUT). */
  inFlightMs: number;
  /** Wall-clock time, as data for the claim decision. */
  now?: () => number;
}

/** One stream per principal and key; hashed, so any key a client sends makes a valid stream name. */
export function idempotencyKeyStream(principal: string, key: string): StreamId {
  return `idempotency-key-${createHash('sha256')
    .update(JSON.stringify([principal, key]))
    .digest('hex')}`;
}

/**
 * Idempotency-Keys in the event store, so that any API node can take a client's retry: each key
 * is a stream, claimed with expected `no_stream` (or, after a release, an expiry or a take-over,
 * the revision read), answered and released at the revision of the claim, so of two nodes
 * presenting one key only one runs the request. The stream's `$maxAge` is the retention: the
 * store forgets the key, no purge runs here. Which process holds a claim is remembered here
 * only while its request runs.
 */
export class EventStoreIdempotencyKeys implements IdempotencyKeys {
  /** This process, as its claims name it (for whoever reads a key's stream). */
  private readonly owner = randomUUID();
  /** Each claim this process holds, until its request is answered or released: its revision, and the retention being set meanwhile. */
  private readonly held = new Map<StreamId, { revision: number; retention: Promise<Error | undefined> }>();
  private readonly now: () => number;

  constructor(
    private readonly store: EventStore,
    private readonly options: EventStoreIdempotencyKeysOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  async claim(principal: string, key: string, fingerprint: string): Promise<KeyClaim> {
    const streamId = idempotencyKeyStream(principal, key);
    let expected: ExpectedRevision = 'no_stream';
    for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
      try {
        const claimed = await this.append(streamId, { type: 'IdempotencyKeyClaimed', data: { fingerprint, owner: this.owner, at: new Date(this.now()).toISOString() } }, expected);
        // A new key's retention is set while its request runs, not before.
        const retention = expected === 'no_stream' ? this.retain(streamId) : Promise.resolve(undefined);
        this.held.set(streamId, { revision: claimed, retention });
        return { outcome: 'claimed' };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        const { state, revision } = await this.read(streamId, error.actual);
        const decision = decideClaim(state, {
          fingerprint,
          now: this.now(),
          retentionMs: this.options.retentionDays * DAY_SECONDS * 1000,
          inFlightMs: this.options.inFlightMs,
        });
        if (decision.outcome !== 'claimed') return decision;
        expected = revision;
      }
    }
    // Another node claimed it each time in between: it runs the request.
    return { outcome: 'in-flight' };
  }

  answer(principal: string, key: string, answer: StoredAnswer): Promise<void> {
    return this.settle(idempotencyKeyStream(principal, key), { type: 'IdempotencyKeyAnswered', data: { owner: this.owner, answer } });
  }

  release(principal: string, key: string): Promise<void> {
    return this.settle(idempotencyKeyStream(principal, key), { type: 'IdempotencyKeyReleased', data: { owner: this.owner } });
  }

  /** At the claim's revision: a node that took the key over since answers it instead. */
  private async settle(streamId: StreamId, event: IdempotencyKeyEvent<StoredAnswer>): Promise<void> {
    const held = this.held.get(streamId);
    if (held === undefined) return;
    this.held.delete(streamId);
    try {
      await this.append(streamId, event, held.revision);
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
    }
    const failed = await held.retention;
    if (failed) throw failed;
  }

  /** Resolves with the failure instead of rejecting: nothing awaits it until the request settles. */
  private retain(streamId: StreamId): Promise<Error | undefined> {
    const set = this.store.setStreamMetadata?.(streamId, { maxAgeSeconds: this.options.retentionDays * DAY_SECONDS }) ?? Promise.resolve();
    return set.then(
      () => undefined,
      (error: unknown) => new Error(`retention of Idempotency-Key stream ${streamId} not set: ${(error as Error)?.message ?? String(error)}`, { cause: error }),
    );
  }

  private async append(streamId: StreamId, event: IdempotencyKeyEvent<StoredAnswer>, expectedRevision: ExpectedRevision): Promise<number> {
    const appended = await this.store.appendToStream(streamId, [{ eventId: randomUUID(), ...event }], { expectedRevision });
    return appended.nextExpectedRevision;
  }

  /** The key as its visible events say, and the revision to claim it at (a stream whose events all expired keeps its revision). */
  private async read(streamId: StreamId, actual: number | 'no_stream'): Promise<{ state: IdempotencyKeyState<StoredAnswer> | undefined; revision: ExpectedRevision }> {
    let events: RecordedEvent[] = [];
    try {
      events = await this.store.readStream(streamId);
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    const state = events.reduce<IdempotencyKeyState<StoredAnswer> | undefined>(
      (current, event) => evolveIdempotencyKey(current, event as unknown as IdempotencyKeyEvent<StoredAnswer>),
      undefined,
    );
    return { state, revision: events.at(-1)?.revision ?? actual };
  }
}
