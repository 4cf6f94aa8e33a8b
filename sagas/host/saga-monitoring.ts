import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { LogLag } from '../../src/event-store/log-lag';
import { HealthIndicators } from '../../src/health/health-indicators';
import { MetricsRegistry } from '../../src/observability/metrics/metrics-registry';
import { RecentAnswer } from '../../src/observability/metrics/recent-answer';
import type { InstanceState } from '../runtime/instance-index';
import { SagaHost } from './saga-host';

interface SagaFigures {
  saga: string;
  counts: Record<InstanceState, number>;
  timersDue: number;
}

/**
 * The sagas in metrics and readiness, from their runtimes' indexes (on the saga thread, in
 * memory): instances by state (the saga's own labels, `parked`, `completed`) and timers due;
 * in metrics also how far each is behind the log (counted in the log, apart from the rest, so
 * a failed count never changes readiness);
 * readiness `degraded` while an instance is parked (it waits for an operator) or the saga thread
 * is down, never `down` (orders are still taken). None on a node without the sagas role; a
 * standby's are empty.
 */
@Injectable()
export class SagaMonitoring implements OnModuleInit {
  private readonly figures = new RecentAnswer<SagaFigures[]>(() =>
    Promise.all([...this.host.sagas.values()].map(async (saga) => ({ saga: saga.name, counts: await saga.counts(), timersDue: await saga.timersDue() }))),
  );
  private readonly lags = new RecentAnswer<Array<{ saga: string; lag: LogLag }>>(() =>
    Promise.all([...this.host.sagas.values()].map(async (saga) => ({ saga: saga.name, lag: await saga.lag() }))),
  );

  constructor(
    @Inject(SagaHost) private readonly host: SagaHost,
    @Inject(MetricsRegistry) private readonly metrics: MetricsRegistry,
    @Inject(HealthIndicators) private readonly health: HealthIndicators,
    @Inject(HealthIndicatorService) private readonly indicator: HealthIndicatorService,
  ) {}

  onModuleInit(): void {
    this.metrics.gauge(
      'ledgerbridge_saga_instances',
      'Saga instances by saga and state: the saga’s own labels (awaiting-payment ...), parked (waiting for an operator), completed',
      ['saga', 'state'],
      async (set) => {
        for (const { saga, counts } of await this.figures.get()) for (const [state, count] of Object.entries(counts)) set({ saga, state }, count);
      },
    );
    this.metrics.gauge(
      'ledgerbridge_saga_timers_due',
      'Saga timers whose due time has passed and that have not fired: about to, or held by a parked instance',
      ['saga'],
      async (set) => {
        for (const { saga, timersDue } of await this.figures.get()) set({ saga }, timersDue);
      },
    );
    this.metrics.gauge(
      'ledgerbridge_saga_lag_events',
      'Events in the log after the last one the saga took, its own records among them (counted up to 10000 on the saga thread)',
      ['saga'],
      async (set) => {
        for (const { saga, lag } of await this.lags.get()) set({ saga }, lag.eventsBehind);
      },
    );
    this.metrics.gauge('ledgerbridge_saga_lag_seconds', 'Seconds between the last event the saga took and the newest in the log (recordedAt)', ['saga'], async (set) => {
      for (const { saga, lag } of await this.lags.get()) set({ saga }, lag.secondsBehind);
    });
    this.health.register(() => this.indicate());
  }

  private async indicate() {
    const session = this.indicator.check('sagas');
    let figures: SagaFigures[];
    try {
      figures = await this.figures.get();
    } catch (error) {
      return session.degraded({ role: this.host.role, message: (error as Error).message });
    }
    const sagas = Object.fromEntries(figures.map(({ saga, counts, timersDue }) => [saga, { parked: counts.parked ?? 0, timersDue, unfinished: unfinished(counts) }]));
    const parked = figures.filter(({ counts }) => (counts.parked ?? 0) > 0).map(({ saga }) => saga);
    const details = { role: this.host.role, sagas };
    return parked.length > 0 ? session.degraded({ ...details, parkedIn: parked }) : session.up(details);
  }
}

function unfinished(counts: Record<InstanceState, number>): number {
  return Object.entries(counts).reduce((sum, [state, count]) => (state === 'completed' ? sum : sum + count), 0);
}
