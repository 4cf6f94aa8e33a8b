import type { AllSubscription, EventStore, GlobalPosition, RecordedEvent } from '../../src/event-store/event-store.port';
import { applyEvents, CATCH_UP_BATCH } from './apply-events';
import type { Projection } from './projection';
import type { ProjectionDatabase } from './projection-database';
import { rebuildProjection } from './projection-rebuild';

export interface RunnerOptions {
  /** Events per transaction while catching up; once live, each event commits on its own. */
  catchUpBatchSize?: number;
  /** How far `lag()` counts the events behind before it says "at least this many". */
  lagCountCap?: number;
}

export type RunnerState = 'stopped' | 'catching-up' | 'live' | 'failed';

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
}

const LAG_COUNT_CAP = 10_000;

/**
 * Keeps one projection's live generation in step with the log: catches up from the stored
 * checkpoint in large transactions, then follows live appends one transaction per event.
 * A restarted runner (after a stop, a crash or SIGKILL) resumes from the checkpoint that was
 * committed with the rows, so nothing is applied twice or skipped.
 */
export class ProjectionRunner {
  private subscription: AllSubscription | undefined;
  private following: Promise<void> | undefined;
  private state: RunnerState = 'stopped';
  private failure: Error | undefined;
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
    const live = this.db.liveGeneration(this.projection.name) ?? this.db.createGeneration(this.projection, true);
    if (live.version !== this.projection.version) await rebuildProjection(this.store, this.db, this.projection, { switchOver: 'always' });
    const from = this.db.liveGeneration(this.projection.name)!.checkpoint;
    this.state = 'catching-up';
    this.failure = undefined;
    this.subscription = this.store.subscribeToAll({
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
    if (this.state !== 'failed') this.state = 'stopped';
  }

  get checkpoint(): GlobalPosition | null {
    return this.db.liveGeneration(this.projection.name)?.checkpoint ?? null;
  }

  /** Resolves when the projection has applied the event at `position` (one it receives). */
  waitFor(position: GlobalPosition): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const checkpoint = this.checkpoint;
    if (checkpoint !== null && checkpoint >= position) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ position, resolve, reject }));
  }

  async lag(): Promise<ProjectionLag> {
    const filter = this.projection.filter ? { filter: this.projection.filter } : {};
    const countCap = this.options.lagCountCap ?? LAG_COUNT_CAP;
    const live = this.db.liveGeneration(this.projection.name);
    const checkpoint = live?.checkpoint ?? null;
    const [head] = await this.store.readAll({ direction: 'backwards', maxCount: 1, ...filter });
    const eventsBehind = await this.countAfter(checkpoint, countCap);
    const lastApplied = live?.checkpointRecordedAt ? Date.parse(live.checkpointRecordedAt) : undefined;
    const secondsBehind =
      eventsBehind === 0 || !head ? 0 : Math.max(0, (head.recordedAt.getTime() - (lastApplied ?? head.recordedAt.getTime())) / 1000);
    return {
      projection: this.projection.name,
      state: this.state,
      checkpoint: checkpoint === null ? null : checkpoint.toString(),
      headPosition: head ? head.globalPosition.toString() : null,
      eventsBehind,
      countCap,
      secondsBehind,
      ...(this.failure ? { error: this.failure.message } : {}),
    };
  }

  /** Events the projection reads after `checkpoint`, up to `cap`: counted by the store when it can, else read and counted. */
  private async countAfter(checkpoint: GlobalPosition | null, cap: number): Promise<number> {
    const { filter } = this.projection;
    if (this.store.countAll) {
      return this.store.countAll({ ...(checkpoint !== null ? { afterPosition: checkpoint } : {}), ...(filter ? { filter } : {}), limit: cap });
    }
    const after = await this.store.readAll({ fromPosition: checkpoint ?? 0n, maxCount: cap + 1, ...(filter ? { filter } : {}) });
    return Math.min(after.filter((e) => checkpoint === null || e.globalPosition > checkpoint).length, cap);
  }

  private async follow(subscription: AllSubscription): Promise<void> {
    const batchSize = this.options.catchUpBatchSize ?? CATCH_UP_BATCH;
    let pending: RecordedEvent[] = [];
    try {
      for await (const message of subscription) {
        if (message.kind === 'caughtUp') {
          this.apply(pending);
          pending = [];
          this.state = 'live';
          continue;
        }
        pending.push(message.event);
        if (this.state === 'live' || pending.length >= batchSize) {
          this.apply(pending);
          pending = [];
        }
      }
      // Closed by stop(): what was read but not yet committed is simply read again next start.
    } catch (error) {
      this.failure = error instanceof Error ? error : new Error(String(error));
      this.state = 'failed';
      await subscription.close();
      for (const waiter of this.waiters.splice(0)) waiter.reject(this.failure);
    }
  }

  private apply(events: RecordedEvent[]): void {
    if (events.length === 0) return;
    // The live generation is looked up per transaction: a rebuild may have switched it since the last one.
    const live = this.db.liveGeneration(this.projection.name);
    if (!live) throw new Error(`projection ${this.projection.name} lost its live generation`);
    applyEvents(this.db, this.projection, live.generation, events);
    const checkpoint = this.checkpoint;
    if (checkpoint === null) return;
    const due = this.waiters.filter((w) => w.position <= checkpoint);
    this.waiters = this.waiters.filter((w) => w.position > checkpoint);
    for (const waiter of due) waiter.resolve();
  }
}
