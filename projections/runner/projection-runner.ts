import { setImmediate as nextTurn } from 'node:timers/promises';
import type { AllSubscription, EventStore, GlobalPosition, RecordedEvent, SubscriptionMessage } from '../../src/event-store/event-store.port';
import { LAG_COUNT_CAP, lagBehind } from '../../src/event-store/log-lag';
import { applyEvents, CATCH_UP_BATCH } from './apply-events';
import { correctedHistory, EventCorrections } from './event-corrections';
import type { Projection } from './projection';
import type { ProjectionDatabase } from './projection-database';
import { EventNotApplied, type ProjectionHalt, ProjectionHaltedError, haltView, type ProjectionHaltView } from './projection-halt';
import { rebuildProjection } from './projection-rebuild';
import { asError } from '../../src/errors/as-error';

export interface RunnerOptions {
  /**
   * Most events per transaction: while catching up every transaction is this large; once live, a
   * transaction holds what has arrived, up to this many.
   */
  catchUpBatchSize?: number;
  /** How far `lag()` counts the events behind before it says "at least this many". */
  lagCountCap?: number;
  /** Told once each time the runner halts at an event it cannot apply (the host logs it). */
  onHalt?(halt: ProjectionHalt): void;
  /**
   * Told once each time the runner fails on anything but an event (the store went away, the
   * database refused a write), with whether it was live by then (the host restarts it).
   */
  onFailure?(error: Error, wasLive: boolean): void;
}

/** `halted`: stopped at an event it cannot apply (see `halt`); `failed`: stopped on any other error. */
export type RunnerState = 'stopped' | 'catching-up' | 'live' | 'halted' | 'failed';

export interface ProjectionLag {
  projection: string;
  state: RunnerState;
  checkpoint: string | null;
  headPosition: string | null;
  /** Events in the log (matching the projection's filter) after the checkpoint, counted up to `countCap`. */
  eventsBehind: number;
  countCap: number;
  /** Between the last applied event's and the newest event's recordedAt: 0 when caught up. */
  secondsBehind: number;
  error?: string;
  /** The event it is halted at, while state is `halted`. */
  halt?: ProjectionHaltView;
}

/** What a wait for the subscription's next message yields when nothing more is at hand this turn. */
const NOTHING_AT_HAND = Symbol('nothing at hand');

/**
 * Keeps one projection's live generation in step with the log: catches up from the stored
 * checkpoint in large transactions, then follows live appends, committing in one transaction
 * whatever the subscription delivers at once (a group commit of many appends is one transaction
 * here too, not one per event).
 * A restarted runner (after a stop, a crash or SIGKILL) resumes from the checkpoint that was
 * committed with the rows, so nothing is applied twice or skipped.
 *
 * An event the projection cannot apply halts it there: the events before it are committed, the
 * halt is recorded beside the checkpoint, and nothing after it is applied (never skipped) until a
 * restart gets past it, typically after an operator recorded a correction (event-corrections.ts).
 */
export class ProjectionRunner {
  private subscription: AllSubscription | undefined;
  private following: Promise<void> | undefined;
  private state: RunnerState = 'stopped';
  private failure: Error | undefined;
  private halted: ProjectionHalt | undefined;
  private waiters: Array<{ position: GlobalPosition; resolve: () => void; reject: (e: Error) => void }> = [];

  constructor(
    private readonly store: EventStore,
    private readonly db: ProjectionDatabase,
    readonly projection: Projection,
    private readonly options: RunnerOptions = {},
  ) {}

  /** Resolves once following has begun; a projection whose version changed is rebuilt first. */
  async start(): Promise<void> {
    if (this.following) throw new Error(`projection ${this.projection.name} is already running`);
    // A first start projects the whole log: its indexes are built once it has caught up (`indexLive`).
    const live = this.db.liveGeneration(this.projection.name) ?? this.db.createGeneration(this.projection, true, 'later');
    if (live.version !== this.projection.version) await rebuildProjection(this.store, this.db, this.projection, { switchOver: 'always' });
    const from = this.db.liveGeneration(this.projection.name)!.checkpoint;
    // Read at every start: a restart is how a correction recorded meanwhile takes effect.
    const history = correctedHistory(this.store, await EventCorrections.load(this.store));
    this.state = 'catching-up';
    this.failure = undefined;
    this.halted = undefined;
    this.subscription = history.subscribeToAll({
      ...(from !== null ? { fromPosition: from } : {}),
      ...(this.projection.filter ? { filter: this.projection.filter } : {}),
    });
    this.following = this.follow(this.subscription);
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
    await this.following;
    this.subscription = undefined;
    this.following = undefined;
    if (this.state !== 'failed' && this.state !== 'halted') this.state = 'stopped';
  }

  /** Where the runner is halted, while it is. */
  get halt(): ProjectionHalt | undefined {
    return this.halted;
  }

  get currentState(): RunnerState {
    return this.state;
  }

  get checkpoint(): GlobalPosition | null {
    return this.db.liveGeneration(this.projection.name)?.checkpoint ?? null;
  }

  /** Resolves when the projection has applied the event at `position` (one it receives). */
  waitFor(position: GlobalPosition): Promise<void> {
    const checkpoint = this.checkpoint;
    if (checkpoint !== null && checkpoint >= position) return Promise.resolve();
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.waiters.push({ position, resolve, reject }));
  }

  async lag(): Promise<ProjectionLag> {
    const countCap = this.options.lagCountCap ?? LAG_COUNT_CAP;
    const live = this.db.liveGeneration(this.projection.name);
    const checkpoint = live?.checkpoint ?? null;
    const lag = await lagBehind(this.store, checkpoint, {
      cap: countCap,
      ...(this.projection.filter ? { filter: this.projection.filter } : {}),
      ...(live?.checkpointRecordedAt ? { lastTakenAt: new Date(live.checkpointRecordedAt) } : {}),
    });
    return {
      projection: this.projection.name,
      state: this.state,
      checkpoint: checkpoint === null ? null : checkpoint.toString(),
      headPosition: lag.headPosition === null ? null : lag.headPosition.toString(),
      eventsBehind: lag.eventsBehind,
      countCap,
      secondsBehind: lag.secondsBehind,
      ...(this.failure ? { error: this.failure.message } : {}),
      ...(this.halted ? { halt: haltView(this.halted) } : {}),
    };
  }

  private async follow(subscription: AllSubscription): Promise<void> {
    const batchSize = this.options.catchUpBatchSize ?? CATCH_UP_BATCH;
    const messages = subscription[Symbol.asyncIterator]();
    let next: Promise<IteratorResult<SubscriptionMessage>> | undefined;
    let pending: RecordedEvent[] = [];
    try {
      for (;;) {
        next ??= messages.next();
        // Live, with events waiting: commit them once the subscription has nothing more at hand
        // (it delivers what one read found within a turn of the event loop), or the batch is full.
        const received = this.state === 'live' && pending.length > 0 ? await Promise.race([next, nextTurn(NOTHING_AT_HAND)]) : await next;
        if (received === NOTHING_AT_HAND) {
          this.apply(pending);
          pending = [];
          continue;
        }
        next = undefined;
        // Closed by stop(): what was read but not yet committed is simply read again next start.
        if (received.done) break;
        const message = received.value;
        if (message.kind === 'caughtUp') {
          this.indexLive();
          this.apply(pending);
          pending = [];
          this.state = 'live';
          continue;
        }
        pending.push(message.event);
        if (pending.length >= batchSize) {
          this.apply(pending);
          pending = [];
        }
      }
    } catch (error) {
      // A read still outstanding when applying failed ends with the subscription closed below.
      next?.catch(() => undefined);
      const wasLive = this.state === 'live';
      this.failure = asError(error);
      this.state = 'failed';
      if (error instanceof EventNotApplied) this.haltAt(pending, error);
      await subscription.close();
      for (const waiter of this.waiters.splice(0)) waiter.reject(this.failure);
      if (this.state === 'failed') this.options.onFailure?.(this.failure, wasLive);
    }
  }

  /**
   * Commits the events of the failed batch that came before the one that cannot be applied,
   * with the halt, in one transaction: the checkpoint then stands right before that event, and
   * the halt says which one it is.
   */
  private haltAt(batch: RecordedEvent[], failure: EventNotApplied): void {
    const { event } = failure;
    try {
      const live = this.db.liveGeneration(this.projection.name)!;
      this.db.writeTransaction(() => {
        applyEvents(this.db, this.projection, live.generation, batch.slice(0, failure.index));
        const halt: ProjectionHalt = {
          projection: this.projection.name,
          position: event.globalPosition,
          eventId: event.eventId,
          streamId: event.streamId,
          revision: event.revision,
          type: event.type,
          schemaVersion: event.schemaVersion,
          companyCode: this.companyCodeOf(event, live.generation),
          error: failure.reason,
        };
        this.db.recordHalt(live.generation, halt);
        this.halted = halt;
      });
    } catch (error) {
      // The events before it could not be committed either: a failure of the database, not of the event.
      this.halted = undefined;
      this.failure = asError(error);
      return;
    }
    this.state = 'halted';
    this.failure = new ProjectionHaltedError(this.halted!);
    // Halted, it may stay so for long: its views are read with their indexes meanwhile.
    this.indexLive();
    this.resolveReached();
    this.options.onHalt?.(this.halted!);
  }

  /**
   * Why the projection could not apply `event` to its live rows as they stand, or undefined if
   * it could: tried inside a savepoint that is always rolled back, so nothing is written.
   */
  cannotApply(event: RecordedEvent): string | undefined {
    const live = this.db.liveGeneration(this.projection.name);
    if (!live) return `projection ${this.projection.name} has no live generation`;
    const writer = this.db.writer(this.projection, live.generation);
    this.db.db.exec('SAVEPOINT trial');
    try {
      this.projection.handle(event, writer);
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    } finally {
      this.db.db.exec('ROLLBACK TO trial; RELEASE trial');
    }
  }

  private companyCodeOf(event: RecordedEvent, generation: number): string | null {
    try {
      const code = this.projection.companyCodeOf
        ? this.projection.companyCodeOf(event, this.db.writer(this.projection, generation))
        : (event.data as { companyCode?: unknown } | null)?.companyCode;
      return typeof code === 'string' ? code : null;
    } catch {
      return null;
    }
  }

  /**
   * Builds the live generation's secondary indexes if it lacks them (a first start caught up
   * without them, or was stopped or killed before it had caught up); before the last events are
   * applied, so whoever waits for the head finds them built.
   */
  private indexLive(): void {
    const live = this.db.liveGeneration(this.projection.name);
    if (live) this.db.createIndexes(this.projection, live.generation);
  }

  private apply(events: RecordedEvent[]): void {
    if (events.length === 0) return;
    // The live generation is looked up per transaction: a rebuild may have switched it since the last one.
    const live = this.db.liveGeneration(this.projection.name);
    if (!live) throw new Error(`projection ${this.projection.name} lost its live generation`);
    applyEvents(this.db, this.projection, live.generation, events);
    this.resolveReached();
  }

  private resolveReached(): void {
    const checkpoint = this.checkpoint;
    if (checkpoint === null) return;
    const due = this.waiters.filter((w) => w.position <= checkpoint);
    this.waiters = this.waiters.filter((w) => w.position > checkpoint);
    for (const waiter of due) waiter.resolve();
  }
}
