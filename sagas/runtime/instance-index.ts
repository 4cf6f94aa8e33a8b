import type { EventStore, GlobalPosition } from '../../src/event-store/event-store.port';
import { emptySummary, isRuntimeEvent, evolveSummary, type SagaInstanceSummary } from './saga-instance.state';
import { sagaStreamId } from './saga-ids';

const PAGE = 1000;

export interface ParkedInstance {
  instanceId: string;
  reason: string;
  attempts: number;
}

export interface DueTimer {
  instanceId: string;
  timerId: string;
  dueAt: string;
}

/**
 * Pending timers and parked instances of one saga, across all its instances. Rebuilt at
 * start by reading the saga's streams, so timers scheduled before a restart still fire;
 * kept current by the instances after each step.
 */
export class InstanceIndex {
  private readonly summaries = new Map<string, SagaInstanceSummary>();

  constructor(private readonly sagaName: string) {}

  async rebuild(store: EventStore): Promise<void> {
    const prefix = sagaStreamId(this.sagaName, '');
    let from: GlobalPosition = 0n;
    for (;;) {
      const page = await store.readAll({ fromPosition: from, maxCount: PAGE, filter: { on: 'streamName', prefixes: [prefix] } });
      for (const event of page) {
        if (!event.streamId.startsWith(prefix) || !isRuntimeEvent(event)) continue;
        const instanceId = event.streamId.slice(prefix.length);
        const summary = this.summaries.get(instanceId) ?? emptySummary();
        evolveSummary(summary, event);
        this.summaries.set(instanceId, summary);
      }
      if (page.length < PAGE) return;
      from = page[page.length - 1].globalPosition + 1n;
    }
  }

  update(instanceId: string, summary: SagaInstanceSummary): void {
    this.summaries.set(instanceId, { timers: new Map(summary.timers), completed: summary.completed, ...(summary.parked ? { parked: { ...summary.parked } } : {}) });
  }

  parked(): ParkedInstance[] {
    return [...this.summaries].flatMap(([instanceId, { parked }]) => (parked ? [{ instanceId, ...parked }] : []));
  }

  /** Timers due at `now`, earliest first; a parked instance's timers wait for its retry. */
  due(now: number): DueTimer[] {
    const due: DueTimer[] = [];
    for (const [instanceId, summary] of this.summaries) {
      if (summary.parked) continue;
      for (const [timerId, dueAt] of summary.timers) if (Date.parse(dueAt) <= now) due.push({ instanceId, timerId, dueAt });
    }
    return due.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  }
}
