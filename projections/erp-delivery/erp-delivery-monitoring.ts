import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { HealthIndicators } from '../../src/health/health-indicators';
import { MetricsRegistry } from '../../src/observability/metrics/metrics-registry';
import { ErpDeliveryCommands, type LaneView } from './erp-delivery-commands.service';
import { ErpDeliveryHost } from './erp-delivery-host';
import { ErpDeliveryQueries } from './erp-deliveries.queries';

/** One scrape reads two gauges and a probe may come with it; they share one look at the lanes. */
const LANES_REUSE_MS = 1_000;

/** What each recorded delivery event says happened, as the outcome label names it. */
const OUTCOMES: Record<string, string> = {
  BatchSentToErp: 'sent',
  BatchPendingAtErp: 'pending',
  BatchAcknowledgedByErp: 'acknowledged',
  BatchRejectedByErp: 'rejected',
  BatchDeadLettered: 'dead-lettered',
  BatchReplayRequested: 'replay-requested',
  BatchSkipped: 'skipped',
};

/**
 * ERP delivery in metrics and readiness, from the lanes as operators see them (GET /erp/deliveries)
 * and the recorded delivery events: backlog and oldest undelivered batch per lane, outcomes per
 * target, and `degraded` readiness while a lane has dead letters, an open breaker or a problem
 * (capture goes on whatever the ERPs do). Nothing when ERP_TARGETS is not set.
 */
@Injectable()
export class ErpDeliveryMonitoring implements OnModuleInit {
  private recent: { at: number; lanes: Promise<LaneView[]> } | undefined;

  constructor(
    @Inject(ErpDeliveryHost) private readonly host: ErpDeliveryHost,
    @Inject(ErpDeliveryCommands) private readonly deliveries: ErpDeliveryCommands,
    @Inject(ErpDeliveryQueries) private readonly queries: ErpDeliveryQueries,
    @Inject(MetricsRegistry) private readonly metrics: MetricsRegistry,
    @Inject(HealthIndicators) private readonly health: HealthIndicators,
    @Inject(HealthIndicatorService) private readonly indicator: HealthIndicatorService,
  ) {}

  onModuleInit(): void {
    if (!this.host.configured) return;
    const labels = ['target', 'company_code'] as const;
    this.metrics.gauge(
      'ledgerbridge_erp_delivery_backlog_batches',
      'Closed posting batches the target has not acknowledged (nor an operator skipped), per target and company code',
      labels,
      async (set) => {
        for (const lane of await this.lanes()) set({ target: lane.target, company_code: lane.companyCode }, lane.backlog);
      },
    );
    this.metrics.gauge(
      'ledgerbridge_erp_delivery_oldest_undelivered_age_seconds',
      'Seconds since the oldest batch of the backlog closed (0 with no backlog), per target and company code',
      labels,
      async (set) => {
        for (const lane of await this.lanes()) set({ target: lane.target, company_code: lane.companyCode }, lane.oldestUndelivered?.ageSeconds ?? 0);
      },
    );
    this.metrics.gauge(
      'ledgerbridge_erp_delivery_dead_letters',
      'Batches dead-lettered and waiting for an operator (replay or skip), per target and company code',
      labels,
      async (set) => {
        for (const lane of await this.lanes()) set({ target: lane.target, company_code: lane.companyCode }, lane.deadLetters);
      },
    );
    this.metrics.totals(
      'ledgerbridge_erp_deliveries_total',
      'Delivery events recorded, per target, ERP and outcome (sent, pending, acknowledged, rejected, dead-lettered, replay-requested, skipped); counted from the delivery log',
      ['target', 'erp', 'outcome'],
      (set) => {
        for (const { target, erp, type, count } of this.queries.eventCounts()) set({ target, erp, outcome: OUTCOMES[type] ?? type }, count);
      },
    );
    this.health.register(() => this.indicate());
  }

  private async indicate() {
    const lanes = await this.lanes();
    const troubled = lanes.filter((lane) => lane.deadLetters > 0 || lane.breaker === 'open' || lane.problem !== null);
    const targets = Object.fromEntries(
      lanes.map((lane) => [
        `${lane.target}/${lane.companyCode}`,
        {
          erp: lane.erp,
          backlog: lane.backlog,
          oldestUndeliveredSeconds: lane.oldestUndelivered?.ageSeconds ?? 0,
          deadLetters: lane.deadLetters,
          breaker: lane.breaker,
          ...(lane.problem ? { problem: lane.problem } : {}),
        },
      ]),
    );
    const session = this.indicator.check('erp');
    return troubled.length > 0 ? session.degraded({ troubled: troubled.map((lane) => `${lane.target}/${lane.companyCode}`), targets }) : session.up({ targets });
  }

  private lanes(): Promise<LaneView[]> {
    const now = Date.now();
    if (!this.recent || now - this.recent.at > LANES_REUSE_MS) this.recent = { at: now, lanes: this.deliveries.deliveries({}, now).then((answer) => answer.deliveries) };
    return this.recent.lanes;
  }
}
