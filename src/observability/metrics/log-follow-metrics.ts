import { Counter, Gauge } from 'prom-client';
import type { LogFollowObserver } from '../../runtime/stream-log-follower';
import type { MetricsRegistry } from './metrics-registry';

/**
 * The dispatcher's following of other nodes' appends (EventStoreDB): per aggregate category
 * waited on, whether its subscription is open, how often it failed, and how many waiting readers
 * it woke. A series appears once a category is followed: a node on the embedded store, which
 * follows nothing, shows none. The gauge is set when the subscription opens or fails, which
 * happens only then, never on the request path.
 */
export class LogFollowMetrics implements LogFollowObserver {
  private readonly open: Gauge<'aggregate'>;
  private readonly failures: Counter<'aggregate'>;
  private readonly woken: Counter<'aggregate'>;

  constructor(metrics: MetricsRegistry) {
    const registers = [metrics.registry];
    const labelNames = ['aggregate'] as const;
    this.open = new Gauge({
      name: 'ledgerbridge_log_follower_subscription_open',
      help: "Following other nodes' appends to an aggregate category's streams: 1 while its subscription is open, 0 while it waits to be opened again after a failure",
      labelNames,
      registers,
    });
    this.failures = new Counter({
      name: 'ledgerbridge_log_follower_failures_total',
      help: "Times the subscription following other nodes' appends to an aggregate category failed or could not start (each is retried)",
      labelNames,
      registers,
    });
    this.woken = new Counter({
      name: 'ledgerbridge_log_follower_woken_waiters_total',
      help: 'Readers waiting for an aggregate to change that were woken by an append another node made, read from the log',
      labelNames,
      registers,
    });
  }

  followOpened(category: string): void {
    this.open.set({ aggregate: category }, 1);
  }

  followFailed(category: string): void {
    this.open.set({ aggregate: category }, 0);
    this.failures.inc({ aggregate: category });
  }

  wokeFromLog(category: string, waiters: number): void {
    this.woken.inc({ aggregate: category }, waiters);
  }
}
