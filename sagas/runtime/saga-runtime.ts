import type { AllSubscription, EventFilter, EventStore, GlobalPosition, RecordedEvent } from '../../src/event-store/event-store.port';
import { lagBehind, type LogLag } from '../../src/event-store/log-lag';
import { ActorSystem } from '../../src/runtime/actor-system';
import { followLog } from '../../src/runtime/log-retry';
import type { AggregateType, DomainEvent } from '../../src/runtime/decider';
import { IndexSnapshots } from './index-snapshots';
import { InstanceIndex, type DueTimer, type InstanceState, type InstanceView, type OverdueInstance, type OverdueRules, type ParkedInstance } from './instance-index';
import { PositionTracker } from './position-tracker';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
import type { SagaClock } from './saga-clock';
import { SagaCheckpoint } from './saga-checkpoint';
import type { SagaDefinition, SagaInput } from './saga-definition';
import type { SagaEffect } from './saga-effect';
import { isEmpty, SagaInstance, type ResumeOutcome, type SagaCommandSink, type SagaLog } from './saga-instance';
import type { SagaInstanceState } from './saga-instance.state';

/** Log inputs a saga works on at once unless told otherwise: with this many waiting it reads no further. */
export const MAX_IN_FLIGHT = 256;

export interface SagaRuntimeOptions {
  store: EventStore;
  /** The service's actors (CommandDispatcher), or on the saga thread a way to them. */
  dispatcher: SagaCommandSink;
  /** The aggregates the saga's commands may name, by stream category. */
  aggregates: Array<AggregateType>;
  /** Command targets outside the store (a payment provider ...), by the name the saga's commands use. */
  effects?: SagaEffect[];
  clock: SagaClock;
  retry?: RetryPolicy;
  /** Log inputs being worked on at once; the log is read no further ahead than this (default MAX_IN_FLIGHT). */
  maxInFlight?: number;
  /** Read from here instead of the checkpoint: an operator replay. Recorded inputs are ignored again. */
  replayFrom?: GlobalPosition;
  /** Told about failures outside any instance (the log subscription, the checkpoint). */
  onError?: (error: unknown) => void;
  /** Saga-stream events folded into the index between two saved index snapshots (default 1000). */
  indexSnapshotEvery?: number;
  /** Steps, timers firing, retries, parking, resumes and stops, with the instance and its input's correlation id; none when left out. */
  log?: SagaLog;
}

const READ_PAGE = 1000;

export interface CompletedInstance {
  instanceId: string;
  completedAt: string;
}

/**
 * Runs one saga: follows the streams it reads in the global log (`follows` and its own) from its
 * checkpoint, routes each event to its instance's actor, fires due timers, and keeps the
 * checkpoint behind every unfinished input. A failing instance retries and parks on its own; the
 * others carry on.
 */
export class SagaRuntime<State, Event extends DomainEvent> {
  private readonly actors = new ActorSystem<SagaInstance<State, Event>>({ mailboxCapacity: 10_000, maxWarmActors: 10_000, idleEvictionMs: 300_000 });
  private readonly index: InstanceIndex;
  private readonly snapshots: IndexSnapshots;
  /** Index changes and log events since the last saved snapshot. */
  private sinceSnapshot = { changes: 0, events: 0 };
  private snapshotting?: Promise<void>;
  private readonly checkpoint: SagaCheckpoint;
  /** What the saga reads of the log: the streams it follows and its own, whose events keep the index. */
  private readonly reads: EventFilter;
  private readonly aggregates: ReadonlyMap<string, AggregateType>;
  private readonly effects: ReadonlyMap<string, SagaEffect>;
  private tracker = new PositionTracker(undefined);
  private subscription?: AllSubscription;
  private following?: Promise<void>;
  private stopTicking?: () => void;
  private readonly firing = new Set<string>();
  private stopping = false;
  /** Aborted by stop(): ends a wait before following the log again. */
  private readonly stopped = new AbortController();
  /**
   * Set when an instance finished an input since the last save. Saves happen only after work:
   * the saga's own events move the safe position too, and saving on those alone would write a
   * checkpoint for nothing.
   */
  private workSinceSave = false;
  private lastSeen?: GlobalPosition;
  /** When the event at `lastSeen` was recorded, once one was routed since the start. */
  private lastSeenAt?: Date;
  /**
   * Due timers wait at start until the log read from the checkpoint has been routed: what was
   * recorded before a deadline that passed while the service was down (a payment, say) is taken
   * first, as it would have been had the service been up.
   */
  private backlogRouted = false;
  private saved?: GlobalPosition;
  private saving?: Promise<void>;

  constructor(
    private readonly definition: SagaDefinition<State, Event>,
    private readonly options: SagaRuntimeOptions,
  ) {
    this.index = new InstanceIndex(definition.name);
    this.reads = { on: 'streamName', prefixes: [...definition.follows, this.index.streamPrefix] };
    this.checkpoint = new SagaCheckpoint(options.store, definition.name);
    this.snapshots = new IndexSnapshots(options.store, definition.name);
    this.aggregates = new Map(options.aggregates.map((aggregate) => [aggregate.category, aggregate]));
    this.effects = new Map((options.effects ?? []).map((effect) => [effect.target, effect]));
  }

  async start(): Promise<void> {
    const stored = await this.checkpoint.load();
    const from = this.options.replayFrom ?? stored;
    this.saved = stored;
    this.tracker = new PositionTracker(from);
    this.lastSeen = from;
    this.lastSeenAt = undefined;
    this.backlogRouted = false;
    await this.loadIndex();
    this.following = this.keepFollowing();
    this.stopTicking = this.options.clock.onTick(() => this.fireDue());
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.stopped.abort();
    this.stopTicking?.();
    await this.subscription?.close();
    await this.following;
    await this.settleInFlight();
    await this.saving;
    await this.snapshotting;
    await this.saveSnapshot();
    this.actors.stop();
    this.options.log?.log?.(
      { saga: this.definition.name, checkpoint: this.saved?.toString() ?? null },
      'saga stopped: what was not routed is read again from the checkpoint at the next start',
    );
  }

  get name(): string {
    return this.definition.name;
  }

  parked(): ParkedInstance[] {
    return this.index.parked();
  }

  /** Instances by state (`parked`, `completed`, `active` or the saga's own labels), from the index. */
  counts(): Record<InstanceState, number> {
    return this.index.counts();
  }

  /** A page of unfinished instances in one state, by instance id (`completed`: see `completed`). */
  list(state: InstanceState, page: { after?: string; limit: number }): { instances: InstanceView[]; next?: string } {
    return this.index.list(state, page);
  }

  /** A page of completed instances in completion order, read from the log by event type; `after` is the cursor returned before. */
  async completed(page: { after?: string; limit: number }): Promise<{ instances: CompletedInstance[]; next?: string }> {
    const prefix = this.index.streamPrefix;
    const instances: CompletedInstance[] = [];
    let from = page.after === undefined ? 0n : BigInt(page.after) + 1n;
    for (;;) {
      const events = await this.options.store.readAll({ fromPosition: from, maxCount: READ_PAGE, filter: { on: 'eventType', prefixes: ['SagaCompleted'] } });
      for (const event of events) {
        if (event.type !== 'SagaCompleted' || !event.streamId.startsWith(prefix)) continue;
        instances.push({ instanceId: event.streamId.slice(prefix.length), completedAt: event.recordedAt.toISOString() });
        if (instances.length === page.limit) return { instances, next: event.globalPosition.toString() };
      }
      if (events.length < READ_PAGE) return { instances };
      from = events[events.length - 1].globalPosition + 1n;
    }
  }

  /**
   * How far the saga is behind what it reads of the log: the events after the last one it took
   * (its own records among them), up to LAG_COUNT_CAP, and the seconds between that one and the
   * newest (recordedAt; 0 until it took one since the start). On a machine short of CPU the saga
   * thread gives way to capture, and this is where it shows.
   */
  async lag(): Promise<LogLag> {
    return lagBehind(this.options.store, this.lastSeen ?? null, { filter: this.reads, ...(this.lastSeenAt ? { lastTakenAt: this.lastSeenAt } : {}) });
  }

  /** Pending timers already due: about to fire, or waiting behind a parked instance. */
  timersDue(): number {
    return this.index.timersPastDue(this.options.clock.now());
  }

  /** Unfinished instances with a timer that did not fire in time, or no input taken for too long. */
  overdue(rules: OverdueRules): OverdueInstance[] {
    return this.index.overdue(this.options.clock.now(), rules);
  }

  /** An unfinished instance as the index knows it. */
  view(instanceId: string): InstanceView | undefined {
    return this.index.view(instanceId);
  }

  /** Operator retry of a parked instance: its waiting inputs are taken again, then its due timers. */
  async retry(instanceId: string): Promise<ResumeOutcome> {
    const outcome = await this.onInstance(instanceId, (instance) => instance.resume());
    this.fireDue();
    return outcome;
  }

  /** An instance's state as its next input would see it. */
  instance(instanceId: string): Promise<SagaInstanceState<State>> {
    return this.onInstance(instanceId, (instance) => instance.inspect());
  }

  /**
   * Resolves once everything it reads of the log has been handled, no timer is firing and the
   * checkpoint is saved: for tests and orderly shutdown, not for the request path.
   */
  async settled(): Promise<void> {
    for (;;) {
      const [head] = await this.options.store.readAll({ direction: 'backwards', maxCount: 1, filter: this.reads });
      const caughtUp = head === undefined || (this.lastSeen !== undefined && this.lastSeen >= head.globalPosition);
      if (caughtUp && this.backlogRouted && this.tracker.inFlight === 0 && this.firing.size === 0 && !this.saving) return;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }

  /**
   * Follows the log from the checkpoint; when the subscription fails (an EventStoreDB restart or
   * leader change), reports it and follows again after a backoff, from the last event routed:
   * nothing is skipped, and what was routed is not routed twice.
   */
  private keepFollowing(): Promise<void> {
    return followLog(
      {
        open: () => {
          // The checkpoint at start (lastSeen begins there), then the last event routed.
          const after = this.lastSeen;
          this.subscription = this.options.store.subscribeToAll({ ...(after === undefined ? {} : { fromPosition: after }), filter: this.reads });
          return this.subscription;
        },
        take: (subscription) => this.follow(subscription),
        position: () => this.lastSeen,
        report: (error) => this.report(error),
      },
      this.stopped.signal,
    );
  }

  private async follow(subscription: AllSubscription): Promise<void> {
    const maxInFlight = this.options.maxInFlight ?? MAX_IN_FLIGHT;
    for await (const message of subscription) {
      // Stopping: what is not routed yet stays after the checkpoint and is read again at the next start.
      if (this.stopping) return;
      if (message.kind === 'caughtUp' && !this.backlogRouted) {
        this.backlogRouted = true;
        this.fireDue();
      }
      if (message.kind !== 'event') continue;
      this.foldIntoIndex(message.event);
      while (this.tracker.inFlight >= maxInFlight) await this.tracker.nextFinish();
      if (this.stopping) return;
      this.route(message.event);
    }
  }

  /**
   * The index from its last snapshot plus the saga-stream events after it. Without a snapshot
   * (first start) that is every saga-stream event once; a snapshot follows soon after.
   */
  private async loadIndex(): Promise<void> {
    await this.snapshots.load(this.index);
    let from = this.index.position === undefined ? 0n : this.index.position + 1n;
    for (;;) {
      const page = await this.options.store.readAll({ fromPosition: from, maxCount: READ_PAGE, filter: { on: 'streamName', prefixes: [this.index.streamPrefix] } });
      for (const event of page) this.foldIntoIndex(event);
      if (page.length < READ_PAGE) return;
      from = page[page.length - 1].globalPosition + 1n;
    }
  }

  private foldIntoIndex(event: RecordedEvent): void {
    if (this.index.position !== undefined && event.globalPosition <= this.index.position) return;
    this.sinceSnapshot.events++;
    if (this.index.fold(event)) this.sinceSnapshot.changes++;
    const every = this.options.indexSnapshotEvery ?? 1000;
    // Quiet sagas snapshot too, now and then, so start-up never reads a long stretch of the log.
    if (this.sinceSnapshot.changes >= every || (this.sinceSnapshot.changes > 0 && this.sinceSnapshot.events >= 50 * every)) {
      this.snapshotting ??= this.saveSnapshot()
        .catch((error) => this.report(error))
        .finally(() => (this.snapshotting = undefined));
    }
  }

  private async saveSnapshot(): Promise<void> {
    if (this.index.position === undefined || this.sinceSnapshot.changes === 0) return;
    this.sinceSnapshot = { changes: 0, events: 0 };
    await this.snapshots.save(this.index);
  }

  private route(event: RecordedEvent): void {
    const position = event.globalPosition;
    this.lastSeen = position;
    this.lastSeenAt = event.recordedAt;
    this.tracker.started(position);
    const instanceId = this.definition.correlate(event);
    if (instanceId === undefined) {
      this.tracker.finished(position);
      return;
    }
    const { correlationId, traceparent } = event.metadata;
    const input: SagaInput = {
      kind: 'event',
      inputId: event.eventId,
      type: event.type,
      streamId: event.streamId,
      data: event.data,
      ...(typeof correlationId === 'string' && { correlationId }),
      ...(typeof traceparent === 'string' && { traceparent }),
    };
    if (this.startsNothing(instanceId, input)) {
      this.tracker.finished(position);
      return;
    }
    this.onInstance(instanceId, (instance) => instance.handle(input)).then(
      () => {
        this.workSinceSave = true;
        this.tracker.finished(position);
        this.saveCheckpoint();
      },
      // Not even parking could be recorded: the checkpoint stays before this input, so it is read again after a restart.
      (error) => {
        this.tracker.abandon(position);
        if (!this.stopping) this.report(error);
      },
    );
  }

  /**
   * An input for an instance that never started (none warm, none in the index), which it would not
   * start: decided here on the saga's initial state, as the instance would decide it, without
   * loading or keeping an instance for it. Every order's events reach every saga that follows
   * orders, and most orders start no refund or channel-order instance: each was loaded (a read of
   * the log) and then kept warm for nothing, two thirds of the saga thread's instances.
   */
  private startsNothing(instanceId: string, input: SagaInput): boolean {
    if (this.actors.has(instanceId) || this.index.has(instanceId)) return false;
    const now = new Date(this.options.clock.now()).toISOString();
    try {
      return isEmpty(this.definition.decide(this.definition.initialState(), input, now));
    } catch {
      // An input its decide cannot take (a malformed event): the instance takes it, retries and parks it for an operator.
      return false;
    }
  }

  private fireDue(): void {
    if (!this.backlogRouted) return;
    for (const timer of this.index.due(this.options.clock.now())) this.fire(timer);
  }

  private fire({ instanceId, timerId, dueAt }: DueTimer): void {
    const input: SagaInput = { kind: 'timer', inputId: `timer:${timerId}@${dueAt}`, timerId, dueAt };
    const key = JSON.stringify([instanceId, input.inputId]);
    if (this.firing.has(key)) return;
    this.firing.add(key);
    this.onInstance(instanceId, (instance) => instance.handle(input))
      // Stopping: the timer is still pending in the stream and fires after the next start.
      .catch((error) => this.stopping || this.report(error))
      .finally(() => this.firing.delete(key));
  }

  /** One save at a time; each saves the newest safe position, so saves coalesce under load. */
  private saveCheckpoint(): void {
    if (this.saving) return;
    const safe = this.tracker.safePosition();
    if (!this.workSinceSave || safe === undefined || (this.saved !== undefined && safe <= this.saved)) return;
    this.workSinceSave = false;
    this.saving = this.checkpoint
      .save(safe)
      .then(() => {
        this.saved = safe;
      })
      .catch((error) => this.report(error))
      .finally(() => {
        this.saving = undefined;
        this.saveCheckpoint();
      });
  }

  private async settleInFlight(): Promise<void> {
    while (this.tracker.inFlight > 0 || this.firing.size > 0) await new Promise((resolve) => setTimeout(resolve, 2));
  }

  /**
   * Work on an instance through its actor. A completed instance is dropped from memory once the
   * work is done, rather than kept warm (up to 10,000 per saga) until it ages out: a late input
   * loads it from its stream again, and ignores it.
   */
  private async onInstance<T>(instanceId: string, work: (instance: SagaInstance<State, Event>) => Promise<T>): Promise<T> {
    let finished = false;
    const result = await this.actors.send(
      instanceId,
      () => this.spawn(instanceId),
      async (instance) => {
        const answer = await work(instance);
        finished = instance.finished;
        return answer;
      },
    );
    if (finished) this.actors.evict(instanceId);
    return result;
  }

  private spawn(instanceId: string): SagaInstance<State, Event> {
    return new SagaInstance(
      {
        definition: this.definition,
        store: this.options.store,
        dispatcher: this.options.dispatcher,
        aggregates: this.aggregates,
        effects: this.effects,
        now: () => this.options.clock.now(),
        retry: this.options.retry ?? DEFAULT_RETRY_POLICY,
        recorded: (id, summary, revision, position) => this.index.update(id, summary, revision, position),
        stopping: () => this.stopping,
        log: this.options.log,
      },
      instanceId,
    );
  }

  private report(error: unknown): void {
    if (this.options.onError) this.options.onError(error);
    else console.error(`saga ${this.definition.name}:`, error);
  }
}
