import { Counter, Histogram } from 'prom-client';
import type { CommandObserver, CommandResult } from '../../runtime/command-dispatcher';
import type { MetricsRegistry } from './metrics-registry';

/** Seconds: a command waits for a group commit (a few ms), a busy mailbox or another writer's conflict (longer). */
const COMMAND_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Commands by aggregate kind, command and result, with their latency: every edge, saga and runner sends through the dispatcher. */
export class CommandMetrics implements CommandObserver {
  private readonly handled: Counter<'aggregate' | 'command' | 'result'>;
  private readonly duration: Histogram<'aggregate' | 'command' | 'result'>;

  constructor(metrics: MetricsRegistry) {
    const labelNames = ['aggregate', 'command', 'result'] as const;
    this.handled = new Counter({
      name: 'ledgerbridge_commands_total',
      help: 'Commands handled, by aggregate kind, command and result (recorded, unchanged, duplicate, refused, overloaded, conflict, failed)',
      labelNames,
      registers: [metrics.registry],
    });
    this.duration = new Histogram({
      name: 'ledgerbridge_command_duration_seconds',
      help: 'Time from dispatch to answer of a command, waiting in its mailbox and for the commit included',
      labelNames,
      buckets: COMMAND_BUCKETS,
      registers: [metrics.registry],
    });
  }

  commandHandled(aggregate: string, command: string, result: CommandResult, seconds: number): void {
    const labels = { aggregate, command, result };
    this.handled.inc(labels);
    this.duration.observe(labels, seconds);
  }
}
