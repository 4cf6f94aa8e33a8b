import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { tempDir } from '../test/support/temp-dir';
import { startAppProcess } from './commands/app-process';
import { JsonClient } from './journeys/over-http';
import { round } from './journeys/journey-run';
import { type AppMemory, AppMemoryReader } from './soak/app-memory';
import { dataFiles } from './soak/data-files';
import { runSoak, type SoakProgress } from './soak/soak-run';

const DEFAULT_ORDERS = 200_000;
const DEFAULT_EVERY = 20_000;
const DEFAULT_CONCURRENCY = 50;
const DEFAULT_POLL_MS = 10;
/** The checkpoint the end is compared with: the service has warmed up by then (caches full, JIT settled). */
const BASELINE_ORDERS = 40_000;
const PROBE = resolve(__dirname, 'soak', 'memory-probe.js');

interface Options {
  orders: number;
  every: number;
  concurrency: number;
  pollMs: number;
  heapSnapshots: string | undefined;
  keep: boolean;
  /** Settings for the app beyond the soak's own (investigations: ACTOR_MAX_WARM=1000 ...). */
  settings: Record<string, string>;
}

function options(args: string[]): Options {
  const { values } = parseArgs({
    args,
    options: {
      orders: { type: 'string', default: String(DEFAULT_ORDERS) },
      every: { type: 'string', default: String(DEFAULT_EVERY) },
      c: { type: 'string', default: String(DEFAULT_CONCURRENCY) },
      'poll-ms': { type: 'string', default: String(DEFAULT_POLL_MS) },
      'heap-snapshots': { type: 'string' },
      keep: { type: 'boolean', default: false },
      set: { type: 'string', multiple: true, default: [] },
    },
  });
  const count = (name: string, value: string, min: number) => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min) throw new Error(`--${name} must be an integer >= ${min}, got "${value}"`);
    return parsed;
  };
  const parsed = {
    orders: count('orders', values.orders, 1),
    every: count('every', values.every, 1),
    concurrency: count('c', values.c, 1),
    pollMs: count('poll-ms', values['poll-ms'], 1),
    heapSnapshots: values['heap-snapshots'] === undefined ? undefined : resolve(values['heap-snapshots']),
    keep: values.keep,
    settings: Object.fromEntries(
      values.set.map((setting) => {
        const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(setting);
        if (match === null) throw new Error(`--set takes NAME=value, got "${setting}"`);
        return [match[1], match[2]];
      }),
    ),
  };
  if (parsed.every > parsed.orders) throw new Error(`--every (${parsed.every}) must not exceed --orders (${parsed.orders})`);
  return parsed;
}

interface Checkpoint extends AppMemory {
  orders: number;
  ordersPerSec: number;
  storeBytes: number;
  /** Right after a full collection on every thread: what the app holds, without the garbage waiting for one. */
  collected: AppMemory;
}

const mb = (x: number | null) => (x === null ? null : round(x, 1));
/** Heap used per thread, largest first: `saga-thread.worker 80.1, main 62.3, ...`. */
const threads = (memory: AppMemory) =>
  Object.entries(memory.threadsMb)
    .sort(([, a], [, b]) => b - a)
    .map(([thread, used]) => `${thread} ${mb(used)}`)
    .join(', ');

/**
 * Memory as the business grows: the app in its own process as `npm start` runs it (embedded
 * store, projections and sagas on, posting batches closing by size at BATCH_MAX_ENTRIES), N
 * orders through their whole journey over HTTP (see soak-run.ts), and at every `--every` orders
 * the app's RSS, the heap of each of its threads, the orders/s of that stretch and the store's
 * size per order, then the same right after a full collection on every thread (a single RSS
 * reading swings by hundreds of MB with the garbage waiting for V8's next full collection; what
 * is left after one is what the app holds). The bar: RSS at the end within 20% of RSS at 40,000
 * orders; the JSON line gives the growth both ways.
 * `--heap-snapshots <dir>` has the app write a heap snapshot of each of its threads at each
 * checkpoint (compare two in Chrome DevTools' Comparison view); the time that takes is left out
 * of that stretch's orders/s. `--set NAME=value` (repeatable) passes a setting to the app,
 * `--keep` keeps its data folder.
 */
export async function soakBench(args: string[]): Promise<void> {
  const opts = options(args);
  const dir = tempDir('bench-soak');
  const settings = { SAGAS_ENABLED: 'true', EMBEDDED_DURABILITY: 'full', BATCH_MAX_ENTRIES: '500', ...opts.settings };
  const app = await startAppProcess(dir.path, settings, ['--require', PROBE], { ipc: true });
  const client = new JsonClient(new URL(app.base), opts.concurrency);
  const memory = new AppMemoryReader(app.base, app.child);
  if (opts.heapSnapshots !== undefined) mkdirSync(opts.heapSnapshots, { recursive: true });
  const checkpoints: Checkpoint[] = [];
  try {
    console.log(
      `soak: app pid ${app.pid} on ${app.base}, embedded store in ${dir.path}, ${opts.orders} orders, C=${opts.concurrency}, poll ${opts.pollMs} ms, a checkpoint every ${opts.every}` +
        (Object.keys(opts.settings).length > 0 ? `, settings ${JSON.stringify(opts.settings)}` : ''),
    );
    const start = await memory.read();
    console.log(`soak: at start RSS ${mb(start.rssMb)} MB, heap used ${mb(start.heapUsedMb)} MB (${threads(start)}; ${memory.source})`);
    let windowStart = performance.now();
    let pausedSeconds = 0;
    let previousStoreBytes = dataFiles(dir.path).storeBytes;
    // Checkpoints are taken one at a time, in order, even if the workers reach the next one first.
    let chain = Promise.resolve();
    const checkpoint = (progress: SoakProgress) =>
      (chain = chain.then(async () => {
        const now = performance.now();
        const seconds = (now - windowStart) / 1000 - pausedSeconds;
        windowStart = now;
        pausedSeconds = 0;
        const read = await memory.read();
        const gcSeconds = await memory.collectGarbage();
        pausedSeconds += gcSeconds;
        const collected = await memory.read();
        const files = dataFiles(dir.path);
        const point: Checkpoint = { orders: progress.orders, ordersPerSec: opts.every / seconds, storeBytes: files.storeBytes, ...read, collected };
        checkpoints.push(point);
        const failures = progress.failed === 0 ? '' : `, ${progress.failed} failed ${JSON.stringify(progress.failures)}`;
        console.log(
          `soak: ${progress.orders} orders: RSS ${mb(read.rssMb)} MB, heap used ${mb(read.heapUsedMb)} of ${mb(read.heapTotalMb)} MB (${threads(read)}); ` +
            `${round(point.ordersPerSec, 1)} orders/s over the last ${opts.every}; store ${round(files.storeBytes / progress.orders, 0)} bytes/order ` +
            `(last ${opts.every}: ${round((files.storeBytes - previousStoreBytes) / opts.every, 0)}), data folder ${mb(files.totalBytes / 1024 / 1024)} MB${failures}`,
        );
        console.log(
          `soak: ${progress.orders} orders, after a full collection (${round(gcSeconds, 1)} s): RSS ${mb(collected.rssMb)} MB, heap used ${mb(collected.heapUsedMb)} of ${mb(collected.heapTotalMb)} MB (${threads(collected)}), external ${mb(collected.externalMb)} MB`,
        );
        previousStoreBytes = files.storeBytes;
        if (opts.heapSnapshots !== undefined) {
          const snapshots = await memory.heapSnapshots(join(opts.heapSnapshots, `soak-${progress.orders}.heapsnapshot`));
          pausedSeconds += snapshots.seconds;
          console.log(`soak: heap snapshots ${snapshots.files.join(', ')} (${round(snapshots.seconds, 1)} s)`);
        }
      }));
    const end = await runSoak(client, { orders: opts.orders, concurrency: opts.concurrency, pollMs: opts.pollMs, every: opts.every, checkpoint });
    if (end.failed > 0) console.log(`soak: ${end.failed} orders failed: ${JSON.stringify(end.failures)}`);
    const last = checkpoints.at(-1);
    const baseline = checkpoints.find((c) => c.orders === BASELINE_ORDERS) ?? checkpoints[1] ?? checkpoints[0];
    if (baseline !== undefined && baseline.orders !== BASELINE_ORDERS)
      console.log(`soak: no checkpoint at ${BASELINE_ORDERS} orders; the end is compared with the one at ${baseline.orders}`);
    if (opts.keep) console.log(`soak: data folder kept at ${dir.path}`);
    console.log(
      JSON.stringify({
        bench: 'soak',
        orders: end.orders,
        rssAt40kMb: mb(baseline?.rssMb ?? null),
        rssEndMb: mb(last?.rssMb ?? null),
        rssGrowth: baseline === undefined || last === undefined ? null : round(last.rssMb / baseline.rssMb - 1, 3),
        rssCollectedAt40kMb: mb(baseline?.collected.rssMb ?? null),
        rssCollectedEndMb: mb(last?.collected.rssMb ?? null),
        rssCollectedGrowth: baseline === undefined || last === undefined ? null : round(last.collected.rssMb / baseline.collected.rssMb - 1, 3),
        ordersPerSecFirst20k: checkpoints.length === 0 ? null : round(checkpoints[0].ordersPerSec, 1),
        ordersPerSecLast20k: last === undefined ? null : round(last.ordersPerSec, 1),
        diskBytesPerOrder: last === undefined ? null : Math.round(last.storeBytes / last.orders),
      }),
    );
  } finally {
    client.close();
    await app.stop();
    if (!opts.keep) dir.remove();
  }
}
