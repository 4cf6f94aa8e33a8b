import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { MetricsRegistry } from '../observability/metrics/metrics-registry';
import { BusinessErrorIndex } from './business-error-index';

/**
 * `ledgerbridge_business_errors_open{channel, reason}`: the queue's open entries, counted from
 * the queue's index (which folds only what was recorded since it was last read).
 */
@Injectable()
export class BusinessErrorMonitoring implements OnModuleInit {
  constructor(
    @Inject(BusinessErrorIndex) private readonly index: BusinessErrorIndex,
    @Inject(MetricsRegistry) private readonly metrics: MetricsRegistry,
  ) {}

  onModuleInit(): void {
    this.metrics.gauge(
      'ledgerbridge_business_errors_open',
      'Channel payloads on the business-error queue, neither reprocessed through nor dismissed, by channel and reason',
      ['channel', 'reason'],
      async (set) => {
        const open = new Map<string, { channel: string; reason: string; count: number }>();
        for (const { state } of (await this.index.current()).values()) {
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
}
