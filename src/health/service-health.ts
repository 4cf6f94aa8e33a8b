import { Inject, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService, type HealthCheckResult, type HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { LeaseBoard } from '../runtime/lease/lease-board';
import { HealthIndicators } from './health-indicators';
import { ShutdownDrain } from './shutdown-drain';

/** A probe's answer: terminus' `{status, info, error, details}` and whether it is a 200. */
export interface HealthAnswer {
  ok: boolean;
  body: HealthCheckResult;
}

/**
 * Liveness and readiness in the @nestjs/terminus shape. Liveness asks nothing (the process
 * answers). Readiness: the event store answers (`store`, the one indicator that can be `down`,
 * 503), what the node is (`node`: its ROLES and leased work), and each area's own indicators
 * (projections, sagas, ERP targets), `degraded` at worst (200, status `degraded`). While the
 * service drains after SIGTERM the status is `shutting_down` and the answer 503.
 */
@Injectable()
export class ServiceHealth {
  private readonly logger = new Logger('Health');
  private readonly startedAt = Date.now();

  constructor(
    @Inject(HealthCheckService) private readonly health: HealthCheckService,
    @Inject(HealthIndicatorService) private readonly indicator: HealthIndicatorService,
    @Inject(HealthIndicators) private readonly indicators: HealthIndicators,
    @Inject(ShutdownDrain) private readonly drain: ShutdownDrain,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LeaseBoard) private readonly leases: LeaseBoard,
  ) {}

  /** Stays 200 while the service drains: a process restarted then would drop the requests it is finishing. */
  liveness(): Promise<HealthAnswer> {
    return this.run([() => this.indicator.check('process').up({ pid: process.pid, uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000) })], false);
  }

  readiness(): Promise<HealthAnswer> {
    return this.run([() => this.storeIndicator(), () => this.nodeIndicator(), ...this.indicators.all], true);
  }

  private async run(checks: Array<() => Promise<HealthIndicatorResult> | HealthIndicatorResult>, drainMatters: boolean): Promise<HealthAnswer> {
    let body: HealthCheckResult;
    try {
      body = await this.health.check(checks);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      body = error.getResponse() as HealthCheckResult;
    }
    if (drainMatters && this.drain.draining) return { ok: false, body: { ...body, status: 'shutting_down' } };
    return { ok: body.status === 'ok' || body.status === 'degraded', body };
  }

  private async storeIndicator(): Promise<HealthIndicatorResult> {
    const eventStore = this.config.EVENTSTORE_URL ? 'esdb' : 'embedded';
    const store = this.indicator.check('store');
    try {
      await this.store.ping();
      return store.up({ eventStore });
    } catch (error) {
      const reason = (error as Error).message;
      this.logger.warn(`not ready: the ${eventStore} event store is not answering: ${reason}`);
      return store.down({ eventStore, message: reason });
    }
  }

  /** What the node is: its ROLES and, on EventStoreDB, whether it runs or stands by for each leased work (a standby is ready: it takes over on its own). */
  private nodeIndicator(): HealthIndicatorResult {
    const leases = this.leases.views();
    return this.indicator.check('node').up({ roles: [...this.config.roles], ...(Object.keys(leases).length > 0 && { leases }) });
  }
}
