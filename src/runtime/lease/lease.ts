import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import { StreamNotFoundError, WrongExpectedRevisionError } from '../../event-store/event-store.errors';
import type { EventStore, RecordedEvent } from '../../event-store/event-store.port';
import { decideLease, holderTermMs, type LeaseView, observeLease } from './lease.decide';
import { type LeaseEvent, leaseStreamId } from './lease.events';

export interface LeaseOptions {
  /** What is leased, e.g. `sagas`: the stream is `lease-<name>`. */
  name: string;
  timeoutMs: number;
  /** Who this process is, as the lease's events name it; unique per process by default. */
  holder?: string;
  /** A monotonic clock in ms (default: the process's); only differences between its readings are used. */
  now?: () => number;
  /** The wall clock, only for the `at` of the events people read. */
  wallClock?: () => number;
}

/** Renewals between two truncations of the lease's stream: it keeps about this many old events. */
const TRUNCATE_EVERY = 100;

export type LeaseStatus = 'held' | 'standby';

/** A process name that tells operators where the holder runs. */
export function processHolderName(): string {
  return `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
}

/**
 * A lease held in the event store: one process at a time holds it, renewing it by appending to
 * its stream at the revision it last wrote; the others watch the stream and take it once it has
 * not moved for most of the timeout (lease.decide.ts says how long, and why the holder has
 * stopped by then). `check()` is one round; the caller (SingleActiveWorker) runs it every
 * `leaseCheckEveryMs`. Time is given, never read from a shared clock: each node measures how
 * long it has not seen the stream move.
 */
export class Lease {
  readonly name: string;
  readonly holder: string;
  readonly streamId: string;
  private view: LeaseView | undefined;
  /** Start of the last successful take or renewal while held: the deadline runs from here. */
  private heldSince: number | undefined;
  private readonly now: () => number;
  private readonly wallClock: () => number;

  constructor(
    private readonly store: EventStore,
    private readonly options: LeaseOptions,
  ) {
    this.name = options.name;
    this.holder = options.holder ?? processHolderName();
    this.streamId = leaseStreamId(options.name);
    this.now = options.now ?? (() => performance.now());
    this.wallClock = options.wallClock ?? Date.now;
  }

  get held(): boolean {
    return this.heldSince !== undefined;
  }

  /** Until when, on this process's clock, the holder may act on the lease without renewing it; undefined when not held. */
  get validUntil(): number | undefined {
    return this.heldSince === undefined ? undefined : this.heldSince + holderTermMs(this.options.timeoutMs);
  }

  /** Who holds it as last seen (this process included), for operators. */
  get lastSeenHolder(): string | undefined {
    return this.view?.released ? undefined : this.view?.holder;
  }

  /** One round: renew if held, else look at the stream and take the lease if it is free or expired. */
  async check(): Promise<LeaseStatus> {
    if (this.heldSince !== undefined) return this.renew();
    const now = this.now();
    this.view = observeLease(this.view, await this.last(), now);
    if (decideLease({ view: this.view, self: this.holder, now, timeoutMs: this.options.timeoutMs }) !== 'take') return 'standby';
    return this.write({ type: 'LeaseTaken', data: { holder: this.holder, timeoutMs: this.options.timeoutMs, at: this.at() } }, now);
  }

  /** Gives the lease up (orderly stop), so a standby takes it at its next check instead of after the timeout. */
  async release(): Promise<void> {
    if (this.heldSince === undefined || !this.view) return;
    this.heldSince = undefined;
    try {
      await this.store.appendToStream(this.streamId, [{ eventId: randomUUID(), type: 'LeaseReleased', data: { holder: this.holder, at: this.at() } }], {
        expectedRevision: this.view.revision,
      });
    } catch (error) {
      // Someone took it already: nothing to give up.
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
    }
  }

  /** Forgets holding it, without writing (the deadline passed: another may hold it by now). */
  drop(): void {
    this.heldSince = undefined;
  }

  private async renew(): Promise<LeaseStatus> {
    const now = this.now();
    if (decideLease({ view: this.view!, self: this.holder, heldSince: this.heldSince, now, timeoutMs: this.options.timeoutMs }) === 'lost') {
      this.heldSince = undefined;
      return 'standby';
    }
    return this.write({ type: 'LeaseRenewed', data: { holder: this.holder, at: this.at() } }, now);
  }

  /** Appends at the revision last seen; the lease is held from when the write started. */
  private async write(event: LeaseEvent, startedAt: number): Promise<LeaseStatus> {
    const expected = this.view!.revision;
    try {
      const { nextExpectedRevision } = await this.store.appendToStream(this.streamId, [{ eventId: randomUUID(), ...event }], {
        expectedRevision: expected === -1 ? 'no_stream' : expected,
      });
      this.heldSince = startedAt;
      this.view = { revision: nextExpectedRevision, holder: this.holder, released: false, seenAt: startedAt };
      if (nextExpectedRevision % TRUNCATE_EVERY === 0) await this.store.truncateStream?.(this.streamId, nextExpectedRevision);
      return 'held';
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      // Another process wrote first: it holds the lease now.
      this.heldSince = undefined;
      return 'standby';
    }
  }

  private async last(): Promise<{ revision: number; event: LeaseEvent } | undefined> {
    let events: RecordedEvent[];
    try {
      events = await this.store.readStream(this.streamId, { direction: 'backwards', maxCount: 1 });
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
    const [last] = events;
    return last && { revision: last.revision, event: { type: last.type, data: last.data } as LeaseEvent };
  }

  private at(): string {
    return new Date(this.wallClock()).toISOString();
  }
}
