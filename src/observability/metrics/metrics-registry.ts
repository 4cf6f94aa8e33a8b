import { Logger } from '@nestjs/common';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';

const logger = new Logger('Metrics');

/**
 * Node's own series (process_*, nodejs_*: CPU, memory, heap, event-loop lag, GC), under their
 * standard names so stock dashboards read them. Collected once per process: their samplers
 * (event-loop delay, GC observer) are process-wide, and a process may host several apps (tests).
 */
let processMetrics: Registry | undefined;
function processRegistry(): Registry {
  if (!processMetrics) {
    processMetrics = new Registry();
    collectDefaultMetrics({ register: processMetrics });
  }
  return processMetrics;
}

/**
 * The app's Prometheus series (`ledgerbridge_*`, base units, `_total` counters, never an id as a
 * label). Each area registers its own into `registry`: counters and histograms observed where
 * the thing happens, gauges read by `collect()` when scraped, so nothing is kept up to date
 * between scrapes.
 */
export class MetricsRegistry {
  readonly registry = new Registry();

  constructor() {
    processRegistry();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /**
   * A counter whose total someone else keeps (a plain number, touched on the request path for
   * nothing more than `+= 1`), read when scraped.
   */
  total(name: string, help: string, read: () => number): void {
    new Counter({
      name,
      help,
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(read());
      },
    });
  }

  /** Counters by label set whose totals someone else keeps (a log, a table), read when scraped. */
  totals<Label extends string>(
    name: string,
    help: string,
    labelNames: readonly Label[],
    read: (set: (labels: Record<Label, string>, total: number) => void) => void | Promise<void>,
  ): void {
    new Counter<Label>({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        const values: Array<[Record<Label, string>, number]> = [];
        try {
          await read((labels, total) => values.push([labels, total]));
        } catch (error) {
          logger.warn(`${name}: not collected: ${(error as Error).message}`);
        }
        this.reset();
        for (const [labels, total] of values) this.inc(labels, total);
      },
    });
  }

  /**
   * A gauge computed when scraped: `read` sets a value per label set, and label sets it no
   * longer sets disappear (a projection removed, a saga state nobody is in any more).
   */
  gauge<Label extends string>(
    name: string,
    help: string,
    labelNames: readonly Label[],
    read: (set: (labels: Record<Label, string>, value: number) => void) => void | Promise<void>,
  ): void {
    new Gauge<Label>({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        const values: Array<[Record<Label, string>, number]> = [];
        try {
          await read((labels, value) => values.push([labels, value]));
        } catch (error) {
          // One source that cannot answer (a thread restarting) leaves its gauge empty, not the scrape failed.
          logger.warn(`${name}: not collected: ${(error as Error).message}`);
        }
        this.reset();
        for (const [labels, value] of values) this.set(labels, value);
      },
    });
  }

  /** The text exposition: the app's series, then the process's. */
  async exposition(): Promise<string> {
    return `${await textOf(this.registry)}\n${await textOf(processRegistry())}`;
  }
}

/**
 * A registry's text exposition as prom-client writes it, one metric per turn of the event loop:
 * formatting thousands of series at once (every route by status, every histogram's buckets) held
 * the requests behind a scrape for up to 90 ms.
 */
async function textOf(registry: Registry): Promise<string> {
  const metrics: string[] = [];
  for (const { name } of registry.getMetricsAsArray()) {
    metrics.push(await registry.getSingleMetricAsString(name));
    await nextTurn();
  }
  return `${metrics.join('\n\n')}\n`;
}
