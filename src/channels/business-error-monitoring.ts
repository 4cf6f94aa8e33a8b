import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type GlobalPosition } from '../event-store/event-store.port';
import { MetricsRegistry } from '../observability/metrics/metrics-registry';
import { BUSINESS_ERROR_STREAM_PREFIX } from './business-errors.aggregate';
import type { BusinessErrorEvent } from './business-errors.events';
import { type BusinessErrorState, evolveBusinessError, initialBusinessErrorState } from './business-errors.evolve';

const READ_PAGE = 1000;

/**
 * `ledgerbridge_business_errors_open{channel, reason}`: the queue's open entries. Each scrape
 * folds only the queue's events recorded since the previous one (the entries' own evolve), so a
 * scrape costs what changed, not the queue's whole history.
 */
@Injectable()
export class BusinessErrorMonitoring implements OnModuleInit {
  private readonly entries = new Map<string, BusinessErrorState>();
  private after: GlobalPosition | undefined;
  private catchingUp: Promise<void> | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(MetricsRegistry) private readonly metrics: MetricsRegistry,
  ) {}

  onModuleInit(): void {
    this.metrics.gauge(
      'ledgerbridge_business_errors_open',
      'Channel payloads on the business-error queue, neither reprocessed through nor dismissed, by channel and reason',
      ['channel', 'reason'],
      async (set) => {
        await this.catchUp();
        const open = new Map<string, { channel: string; reason: string; count: number }>();
        for (const state of this.entries.values()) {
          if (state.status !== 'open' || !state.entry) continue;
          const reason = state.problem?.reason ?? state.entry.reason;
          const key = `${state.entry.channel}\u0000${reason}`;
          const group = open.get(key) ?? { channel: state.entry.channel, reason, count: 0 };
          group.count++;
          open.set(key, group);
        }
        for (const { channel, reason, count } of open.values()) set({ channel, reason }, count);
      },
    );
  }

  /** One fold at a time: two scrapes at once share it. */
  private catchUp(): Promise<void> {
    this.catchingUp ??= this.fold().finally(() => (this.catchingUp = undefined));
    return this.catchingUp;
  }

  private async fold(): Promise<void> {
    for (;;) {
      const from = this.after === undefined ? 0n : this.after + 1n;
      const page = await this.store.readAll({ fromPosition: from, maxCount: READ_PAGE, filter: { on: 'streamName', prefixes: [BUSINESS_ERROR_STREAM_PREFIX] } });
      for (const event of page) {
        const state = this.entries.get(event.streamId) ?? initialBusinessErrorState();
        this.entries.set(event.streamId, evolveBusinessError(state, event as unknown as BusinessErrorEvent));
        this.after = event.globalPosition;
      }
      if (page.length < READ_PAGE) return;
    }
  }
}
