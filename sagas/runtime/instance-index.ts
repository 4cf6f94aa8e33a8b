import type { GlobalPosition, RecordedEvent } from '../../src/event-store/event-store.port';
import { type DueTimer, DueTimers } from './due-timers';
import { evolveSummary, isRuntimeEvent, type ParkedFailure, type SagaInstanceSummary } from './saga-instance.state';
import { sagaStreamId } from './saga-ids';

export type { DueTimer } from './due-timers';

export interface ParkedInstance extends ParkedFailure {
  instanceId: string;
}

/** Where an instance stands for operators: parked, completed, or the saga's own label (`active` without one). */
export type InstanceState = string;

export interface InstanceView {
  instanceId: string;
  state: InstanceState;
  timers: Array<{ timerId: string; dueAt: string }>;
  parked?: ParkedFailure;
  lastStepAt?: string;
}

export interface OverdueInstance extends InstanceView {
  /** `timer-overdue`: a timer is past due and did not fire; `no-progress`: no input taken for too long. */
  why: 'timer-overdue' | 'no-progress';
  since: string;
}

export interface OverdueRules {
  /** An unfinished instance that took no input for this long is past its deadline. */
  stepAfterMs: number;
  /** A timer still pending this long after it was due is overdue (it fires within one clock tick normally). */
  timerGraceMs: number;
}

interface Entry extends SagaInstanceSummary {
  /** The instance stream's revision this entry reflects. */
  revision: number;
}

/** One unfinished instance as the index saves it. */
export interface SavedInstance {
  instanceId: string;
  revision: number;
  timers: Array<[string, string]>;
  parked?: ParkedFailure;
  status?: string;
  lastStepAt?: string;
}

/** The whole index as stored: live instances only, so its size does not grow with finished ones. */
export interface IndexSnapshot {
  /** Every event of the saga's streams at or before this global position is folded in. */
  position: string;
  completed: number;
  instances: SavedInstance[];
}

/** What changed in the folded index since the last `takeChanges`: instances as they are now, and those that left it. */
export interface IndexChanges {
  position: string;
  completed: number;
  changed: SavedInstance[];
  removed: string[];
}

const stateOf = (summary: SagaInstanceSummary): InstanceState => (summary.parked ? 'parked' : summary.completed ? 'completed' : (summary.status ?? 'active'));

/** An instance as operators see it, from its summary (the index's entry, or a loaded instance). */
export const viewOf = (instanceId: string, entry: SagaInstanceSummary): InstanceView => ({
  instanceId,
  state: stateOf(entry),
  timers: [...entry.timers].map(([timerId, dueAt]) => ({ timerId, dueAt })).sort((a, b) => a.dueAt.localeCompare(b.dueAt)),
  ...(entry.parked ? { parked: entry.parked } : {}),
  ...(entry.lastStepAt ? { lastStepAt: entry.lastStepAt } : {}),
});

/**
 * Timers, parking and state of one saga's unfinished instances, plus how many completed.
 * Two layers: `folded` is the saga's streams read from the global log in order, exact as of
 * `position`, and is what a snapshot stores; `fresh` holds what instances reported right
 * after their appends, ahead of the log, until the log reaches it. A completed instance
 * leaves the index once its `SagaCompleted` is folded (only the count remains).
 */
export class InstanceIndex {
  private readonly folded = new Map<string, Entry>();
  private readonly fresh = new Map<string, Entry>();
  private completedCount = 0;
  private foldedTo?: GlobalPosition;
  private readonly prefix: string;
  /** Instances whose folded entry changed (or left) since the last `takeChanges`. */
  private changed = new Set<string>();
  /** Pending timers by due time; `due()` checks each against its instance before answering it. */
  private readonly queue = new DueTimers();
  /** Timers taken from the queue as due, until they fire, are cancelled or their instance parks. */
  private readonly dueNow = new Map<string, DueTimer>();

  constructor(sagaName: string) {
    this.prefix = sagaStreamId(sagaName, '');
  }

  /** The saga's stream-name prefix: what start-up reads after a snapshot. */
  get streamPrefix(): string {
    return this.prefix;
  }

  /** The last global position folded in; later events of the saga's streams are still to come. */
  get position(): GlobalPosition | undefined {
    return this.foldedTo;
  }

  /** Unfinished instances folded in: what a full snapshot holds. */
  get size(): number {
    return this.folded.size;
  }

  /** Replaces the whole index by a saved one. */
  restore(snapshot: IndexSnapshot): void {
    this.folded.clear();
    this.fresh.clear();
    this.changed.clear();
    this.queue.clear();
    this.dueNow.clear();
    this.completedCount = snapshot.completed;
    this.foldedTo = BigInt(snapshot.position);
    for (const saved of snapshot.instances) this.restoreInstance(saved);
  }

  /** Applies changes saved after the snapshot restored (or after earlier changes), in order. */
  applyChanges(changes: IndexChanges): void {
    this.completedCount = changes.completed;
    this.foldedTo = BigInt(changes.position);
    for (const instanceId of changes.removed) this.folded.delete(instanceId);
    for (const saved of changes.changed) this.restoreInstance(saved);
  }

  private restoreInstance({ instanceId, revision, timers, parked, status, lastStepAt }: SavedInstance): void {
    const entry: Entry = {
      revision,
      timers: new Map(timers),
      completed: false,
      ...(parked ? { parked } : {}),
      ...(status ? { status } : {}),
      ...(lastStepAt ? { lastStepAt } : {}),
    };
    this.folded.set(instanceId, entry);
    this.queueNewTimers(instanceId, undefined, entry);
  }

  snapshot(): IndexSnapshot | undefined {
    if (this.foldedTo === undefined) return undefined;
    this.changed.clear();
    const instances = [...this.folded].map(([instanceId, entry]) => savedInstance(instanceId, entry));
    return { position: this.foldedTo.toString(), completed: this.completedCount, instances };
  }

  /** What changed since the last call (or `snapshot`); undefined before anything was folded. */
  takeChanges(): IndexChanges | undefined {
    if (this.foldedTo === undefined) return undefined;
    const changed: SavedInstance[] = [];
    const removed: string[] = [];
    for (const instanceId of this.changed) {
      const entry = this.folded.get(instanceId);
      if (entry) changed.push(savedInstance(instanceId, entry));
      else removed.push(instanceId);
    }
    this.changed = new Set();
    return { position: this.foldedTo.toString(), completed: this.completedCount, changed, removed };
  }

  /** Folds one event of the global log; returns whether it belonged to this saga's instances. */
  fold(event: RecordedEvent): boolean {
    if (this.foldedTo !== undefined && event.globalPosition <= this.foldedTo) return false;
    if (!event.streamId.startsWith(this.prefix)) return false;
    this.foldedTo = event.globalPosition;
    const instanceId = event.streamId.slice(this.prefix.length);
    const before = pendingTimers(this.entry(instanceId));
    const entry = this.folded.get(instanceId) ?? { timers: new Map(), completed: false, revision: -1 };
    if (isRuntimeEvent(event)) evolveSummary(entry, event);
    entry.revision = event.revision;
    if (entry.completed) {
      this.folded.delete(instanceId);
      this.completedCount++;
    } else {
      this.folded.set(instanceId, entry);
    }
    this.changed.add(instanceId);
    const fresh = this.fresh.get(instanceId);
    if (fresh && fresh.revision <= event.revision) this.fresh.delete(instanceId);
    this.queueNewTimers(instanceId, before, this.entry(instanceId));
    return true;
  }

  /**
   * An instance's summary right after its append (whose last event is at `position`), ahead of
   * the log. The log may have brought that append already: then the folded entry is as fresh,
   * and for a completed instance there is none any more, so a fresh one would stay for good.
   */
  update(instanceId: string, summary: SagaInstanceSummary, revision: number, position: GlobalPosition): void {
    if (this.foldedTo !== undefined && position <= this.foldedTo) return;
    const known = this.fresh.get(instanceId) ?? this.folded.get(instanceId);
    if (known && known.revision >= revision) return;
    const entry: Entry = {
      revision,
      timers: new Map(summary.timers),
      completed: summary.completed,
      ...(summary.parked ? { parked: { ...summary.parked } } : {}),
      ...(summary.status ? { status: summary.status } : {}),
      ...(summary.lastStepAt ? { lastStepAt: summary.lastStepAt } : {}),
    };
    this.fresh.set(instanceId, entry);
    this.queueNewTimers(instanceId, pendingTimers(known), entry);
  }

  /** Instances by state; `completed` counts those that finished. */
  counts(): Record<InstanceState, number> {
    const counts: Record<InstanceState, number> = { completed: this.completedCount };
    for (const [, entry] of this.entries()) {
      const state = stateOf(entry);
      counts[state] = (counts[state] ?? 0) + 1;
    }
    return counts;
  }

  /** Unfinished (or just finished) instances in one state, by instance id, after `after`. */
  list(state: InstanceState, page: { after?: string; limit: number }): { instances: InstanceView[]; next?: string } {
    const ids = [...this.entries()]
      .filter(([instanceId, entry]) => stateOf(entry) === state && (page.after === undefined || instanceId > page.after))
      .map(([instanceId]) => instanceId)
      .sort();
    const taken = ids.slice(0, page.limit);
    const instances = taken.map((instanceId) => viewOf(instanceId, this.entry(instanceId)!));
    return { instances, ...(ids.length > page.limit ? { next: taken[taken.length - 1] } : {}) };
  }

  /** Whether the index holds the instance: unfinished, or finished since the last fold. False for one that never started. */
  has(instanceId: string): boolean {
    return this.entry(instanceId) !== undefined;
  }

  /** One instance, if it is unfinished or finished since the last fold; undefined otherwise. */
  view(instanceId: string): InstanceView | undefined {
    const entry = this.entry(instanceId);
    return entry ? viewOf(instanceId, entry) : undefined;
  }

  parked(): ParkedInstance[] {
    return [...this.entries()].flatMap(([instanceId, { parked }]) => (parked ? [{ instanceId, ...parked }] : [])).sort((a, b) => a.instanceId.localeCompare(b.instanceId));
  }

  /** Pending timers whose due time has passed at `now`: about to fire, or waiting behind a parked instance. */
  timersPastDue(now: number): number {
    let count = 0;
    for (const [, entry] of this.entries()) {
      if (entry.completed) continue;
      for (const dueAt of entry.timers.values()) if (Date.parse(dueAt) <= now) count++;
    }
    return count;
  }

  /** Unfinished instances past their deadline at `now`, earliest first. */
  overdue(now: number, rules: OverdueRules): OverdueInstance[] {
    const overdue: OverdueInstance[] = [];
    for (const [instanceId, entry] of this.entries()) {
      if (entry.completed) continue;
      const late = [...entry.timers.values()].filter((dueAt) => Date.parse(dueAt) + rules.timerGraceMs < now).sort()[0];
      if (late) overdue.push({ ...viewOf(instanceId, entry), why: 'timer-overdue', since: late });
      else if (entry.lastStepAt && Date.parse(entry.lastStepAt) + rules.stepAfterMs < now) {
        overdue.push({ ...viewOf(instanceId, entry), why: 'no-progress', since: entry.lastStepAt });
      }
    }
    return overdue.sort((a, b) => a.since.localeCompare(b.since) || a.instanceId.localeCompare(b.instanceId));
  }

  /**
   * Timers due at `now`, earliest first; a parked instance's timers wait for its retry. Taken
   * from the due-time queue, so a tick costs what is due, not every unfinished instance. A
   * timer stays due (answered again at each tick) until it fires or is cancelled.
   */
  due(now: number): DueTimer[] {
    for (const timer of this.queue.takeDue(now)) this.dueNow.set(timerKey(timer), timer);
    const due: DueTimer[] = [];
    for (const [key, timer] of this.dueNow) {
      const entry = this.entry(timer.instanceId);
      // Fired, cancelled or finished: gone. Parked: queued again by its retry (queueNewTimers).
      if (!entry || entry.parked || entry.timers.get(timer.timerId) !== timer.dueAt) this.dueNow.delete(key);
      else due.push(timer);
    }
    return due.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  }

  /**
   * Queues the timers `after` holds that `before` did not (new ones, and all of them when the
   * instance is no longer parked). Cancelled and fired timers stay in the queue until due and
   * are dropped then; when such leftovers outnumber the live instances the queue is rebuilt.
   */
  private queueNewTimers(instanceId: string, before: ReadonlyMap<string, string> | undefined, after: Entry | undefined): void {
    if (!after || after.parked) return;
    for (const [timerId, dueAt] of after.timers) if (before?.get(timerId) !== dueAt) this.queue.add({ instanceId, timerId, dueAt });
    if (this.queue.size > 4 * (this.folded.size + this.fresh.size) + 1024) this.requeueAll();
  }

  private requeueAll(): void {
    this.queue.clear();
    for (const [instanceId, entry] of this.entries()) {
      if (entry.parked) continue;
      for (const [timerId, dueAt] of entry.timers) this.queue.add({ instanceId, timerId, dueAt });
    }
  }

  private entry(instanceId: string): Entry | undefined {
    return this.fresh.get(instanceId) ?? this.folded.get(instanceId);
  }

  /** Every known instance, the fresh report winning over the folded one. */
  private *entries(): Iterable<[string, Entry]> {
    for (const [instanceId, entry] of this.folded) yield [instanceId, this.fresh.get(instanceId) ?? entry];
    for (const [instanceId, entry] of this.fresh) if (!this.folded.has(instanceId)) yield [instanceId, entry];
  }
}

const timerKey = ({ instanceId, timerId, dueAt }: DueTimer): string => `${instanceId}\n${timerId}\n${dueAt}`;

/** The timers an entry has queued: a copy, as folding changes the entry in place; none while parked. */
const pendingTimers = (entry: Entry | undefined): ReadonlyMap<string, string> | undefined => (entry && !entry.parked ? new Map(entry.timers) : undefined);

const savedInstance = (instanceId: string, entry: Entry): SavedInstance => ({
  instanceId,
  revision: entry.revision,
  timers: [...entry.timers],
  ...(entry.parked ? { parked: entry.parked } : {}),
  ...(entry.status ? { status: entry.status } : {}),
  ...(entry.lastStepAt ? { lastStepAt: entry.lastStepAt } : {}),
});
