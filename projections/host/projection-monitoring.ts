import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { HealthIndicators } from '../../src/health/health-indicators';
import { MetricsRegistry } from '../../src/observability/metrics/metrics-registry';
import { RecentAnswer } from '../../src/observability/metrics/recent-answer';
import { ProjectionHost } from './projection-host';
import type { ProjectionStatusView } from './projection-status.view';

const STATES: ReadonlyArray<ProjectionStatusView['state']> = ['starting', 'catching-up', 'live', 'halted', 'failed', 'stopped'];

/**
 * The read side in metrics and readiness, from the status the projection thread counts (state,
 * lag in events and seconds): read when scraped or probed, never kept up to date meanwhile.
 * A halted or failed projection makes readiness `degraded`, never `down`: orders are still
 * taken, and the read model catches up once it is repaired and restarted.
 */
@Injectable()
export class ProjectionMonitoring implements OnModuleInit {
  /** One scrape reads three gauges; they share one status call to the projection thread. */
  private readonly statuses = new RecentAnswer(() => this.host.status());

  constructor(
    @Inject(ProjectionHost) private readonly host: ProjectionHost,
    @Inject(MetricsRegistry) private readonly metrics: MetricsRegistry,
    @Inject(HealthIndicators) private readonly health: HealthIndicators,
    @Inject(HealthIndicatorService) private readonly indicator: HealthIndicatorService,
  ) {}

  onModuleInit(): void {
    this.metrics.gauge(
      'ledgerbridge_projection_lag_events',
      'Events the projection has still to apply (counted up to 10000 on the projection thread)',
      ['projection'],
      async (set) => {
        for (const status of await this.statuses.get()) set({ projection: status.projection }, status.eventsBehind);
      },
    );
    this.metrics.gauge(
      'ledgerbridge_projection_lag_seconds',
      'Seconds between the last event the projection applied and the newest it reads (recordedAt)',
      ['projection'],
      async (set) => {
        for (const status of await this.statuses.get()) set({ projection: status.projection }, status.secondsBehind);
      },
    );
    this.metrics.gauge('ledgerbridge_projection_state', 'The state each projection is in: 1 for its state, 0 for the others', ['projection', 'state'], async (set) => {
      for (const status of await this.statuses.get()) for (const state of STATES) set({ projection: status.projection, state }, state === status.state ? 1 : 0);
    });
    this.health.register(() => this.indicate());
  }

  private async indicate() {
    const statuses = await this.statuses.get();
    const projections = Object.fromEntries(
      statuses.map((status) => [
        status.projection,
        { state: status.state, eventsBehind: status.eventsBehind, secondsBehind: status.secondsBehind, ...(status.error ? { error: status.error } : {}) },
      ]),
    );
    const stopped = statuses.filter((status) => status.state === 'halted' || status.state === 'failed').map((status) => status.projection);
    const session = this.indicator.check('projections');
    return stopped.length > 0 ? session.degraded({ stopped, projections }) : session.up({ projections });
  }
}
