import type { GlobalPosition, RecordedEvent } from '../../src/event-store/event-store.port';
import { evolveSummary, isRuntimeEvent, type ParkedFailure, type SagaInstanceSummary } from './saga-instance.state';
import { sagaStreamId } from './saga-ids';

export interface ParkedInstance extends ParkedFailure {
  instanceId: string;
}

export interface DueTimer {
  instanceId: string;
  timerId: string;
  dueAt: string;
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

/** The index as stored: live instances only, so its size does not grow with finished ones. */
export interface IndexSnapshot {
  /** Every event of the saga's streams at or before this global position is folded in. */
  position: string;
  completed: number;
  instances: Array<{
    instanceId: string;
    revision: number;
    timers: Array<[string, string]>;
    parked?: ParkedFailure;
    status?: string;
    lastStepAt?: string;
  }>;
}

const stateOf = (summary: SagaInstanceSummary): InstanceState =>
  summary.parked ? 'parked' : summary.completed ? 'completed' : (summary.status ?? 'active');

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

  restore(snapshot: IndexSnapshot): void {
    this.folded.clear();
    this.fresh.clear();
    this.completedCount = snapshot.completed;
    this.foldedTo = BigInt(snapshot.position);
    for (const { instanceId, revision, timers, parked, status, lastStepAt } of snapshot.instances) {
      this.folded.set(instanceId, {
        revision,
        timers: new Map(timers),
        completed: false,
        ...(parked ? { parked } : {}),
        ...(status ? { status } : {}),
        ...(lastStepAt ? { lastStepAt } : {}),
      });
    }
  }

  snapshot(): IndexSnapshot | undefined {
    if (this.foldedTo === undefined) return undefined;
    const instances = [...this.folded].map(([instanceId, entry]) => ({
      instanceId,
      revision: entry.revision,
      timers: [...entry.timers],
      ...(entry.parked ? { parked: entry.parked } : {}),
      ...(entry.status ? { status: entry.status } : {}),
      ...(entry.lastStepAt ? { lastStepAt: entry.lastStepAt } : {}),
    }));
    return { position: this.foldedTo.toString(), completed: this.completedCount, instances };
  }

  /** Folds one event of the global log; returns whether it belonged to this saga's instances. */
  fold(event: RecordedEvent): boolean {
    if (this.foldedTo !== undefined && event.globalPosition <= this.foldedTo) return false;
    if (!event.streamId.startsWith(this.prefix)) return false;
    this.foldedTo = event.globalPosition;
    const instanceId = event.streamId.slice(this.prefix.length);
    const entry = this.folded.get(instanceId) ?? { timers: new Map(), completed: false, revision: -1 };
    if (isRuntimeEvent(event)) evolveSummary(entry, event);
    entry.revision = event.revision;
    if (entry.completed) {
      this.folded.delete(instanceId);
      this.completedCount++;
    } else {
      this.folded.set(instanceId, entry);
    }
    const fresh = this.fresh.get(instanceId);
    if (fresh && fresh.revision <= event.revision) this.fresh.delete(instanceId);
    return true;
  }

  /** An instance's summary right after its append, ahead of the log. */
  update(instanceId: string, summary: SagaInstanceSummary, revision: number): void {
    const known = this.fresh.get(instanceId) ?? this.folded.get(instanceId);
    if (known && known.revision >= revision) return;
    this.fresh.set(instanceId, {
      revision,
      timers: new Map(summary.timers),
      completed: summary.completed,
      ...(summary.parked ? { parked: { ...summary.parked } } : {}),
      ...(summary.status ? { status: summary.status } : {}),
      ...(summary.lastStepAt ? { lastStepAt: summary.lastStepAt } : {}),
    });
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

  /** One instance, if it is unfinished or finished since the last fold; undefined otherwise. */
  view(instanceId: string): InstanceView | undefined {
    const entry = this.entry(instanceId);
    return entry ? viewOf(instanceId, entry) : undefined;
  }

  parked(): ParkedInstance[] {
    return [...this.entries()]
      .flatMap(([instanceId, { parked }]) => (parked ? [{ instanceId, ...parked }] : []))
      .sort((a, b) => a.instanceId.localeCompare(b.instanceId));
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

  /** Timers due at `now`, earliest first; a parked instance's timers wait for its retry. */
  due(now: number): DueTimer[] {
    const due: DueTimer[] = [];
    for (const [instanceId, entry] of this.entries()) {
      if (entry.parked) continue;
      for (const [timerId, dueAt] of entry.timers) if (Date.parse(dueAt) <= now) due.push({ instanceId, timerId, dueAt });
    }
    return due.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
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
