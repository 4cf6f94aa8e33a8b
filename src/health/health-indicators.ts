import { Injectable } from '@nestjs/common';
import type { HealthIndicatorResult } from '@nestjs/terminus';

/** One part of the service's health, as a terminus indicator result keyed by its name. */
export type HealthIndicatorCheck = () => Promise<HealthIndicatorResult> | HealthIndicatorResult;

/**
 * The indicators readiness reports besides the event store and the node: each area registers
 * its own (projections, sagas, ERP targets), as it registers its metrics. Only what stops the
 * node from taking commands may say `down` (503): the read side and the back office say
 * `degraded` at worst, because orders must still be taken while they are repaired.
 */
@Injectable()
export class HealthIndicators {
  private readonly checks: HealthIndicatorCheck[] = [];

  register(check: HealthIndicatorCheck): void {
    this.checks.push(check);
  }

  get all(): readonly HealthIndicatorCheck[] {
    return this.checks;
  }
}
