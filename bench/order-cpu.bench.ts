import autocannon from 'autocannon';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { tempDir } from '../test/support/temp-dir';
import { startAppProcess, type RunningApp } from './commands/app-process';
import { threeLineWebOrder } from '../test/order/api/order-requests';
import { journeyOrder } from './journeys/order-journey';
import { closeStalls } from './order-cpu/close-stalls';
import { profileShares } from './order-cpu/profile-shares';
import { addCpu, cpuBetween, threadCpu, type ThreadCpu } from './support/thread-cpu';

const WORKLOADS = ['orders', 'journeys'] as const;
type Workload = (typeof WORKLOADS)[number];

interface Options {
  orders: number;
  warmUp: number;
  concurrency: number;
  rate: number;
  workload: Workload;
  app: string | undefined;
  cpuProfDir: string | undefined;
}

function options(args: string[]): Options {
  const { values } = parseArgs({
    args,
    options: {
      orders: { type: 'string', default: '5000' },
      'warm-up': { type: 'string', default: '1000' },
      concurrency: { type: 'string', default: '50' },
      rate: { type: 'string', default: '0' },
      workload: { type: 'string', default: 'orders' },
      app: { type: 'string' },
      'cpu-prof': { type: 'string' },
    },
  });
  const count = (name: string, value: string, min: number) => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min) throw new Error(`--${name} must be an integer >= ${min}, got "${value}"`);
    return parsed;
  };
  if (!(WORKLOADS as readonly string[]).includes(values.workload)) throw new Error(`--workload takes ${WORKLOADS.join(' or ')}, got "${values.workload}"`);
  return {
    orders: count('orders', values.orders, 1),
    warmUp: count('warm-up', values['warm-up'], 0),
    concurrency: count('concurrency', values.concurrency, 1),
    rate: count('rate', values.rate, 0),
    workload: values.workload as Workload,
    app: values.app === undefined ? undefined : resolve(values.app),
    cpuProfDir: values['cpu-prof'] === undefined ? undefined : resolve(values['cpu-prof']),
  };
}

interface ReadSideStatus {
  headPosition: string | null;
  eventsBehind: number;
}

/** The log's head as the read side sees it, and whether every projection has applied it. */
async function readSide(base: string): Promise<{ head: string; caughtUp: boolean }> {
  const response = await fetch(`${base}/projections`);
  if (!response.ok) throw new Error(`GET /projections answered ${response.status}`);
  const { projections } = (await response.json()) as { projections: ReadSideStatus[] };
  return {
    head:
      projections
        .map((p) => p.headPosition ?? '')
        .sort()
        .at(-1) ?? '',
    caughtUp: projections.every((p) => p.eventsBehind === 0),
  };
}

const SETTLE_POLL_MS = 100;
/** The log standing still this long, every projection caught up: the sagas and the read side are done with the load. */
const SETTLED_AFTER_MS = 1500;

/**
 * Waits until the app has finished with what it was sent (the sagas' steps, the read side, the
 * batch closer), and answers the CPU reading taken when the log last moved, so the quiet wait
 * that proves it is not counted.
 */
async function settled(app: RunningApp): Promise<{ cpu: ThreadCpu; atUs: number }> {
  let last = { head: '', cpu: threadCpu(app.pid), atUs: nowUs(), since: Date.now() };
  for (;;) {
    await sleep(SETTLE_POLL_MS);
    const cpu = threadCpu(app.pid);
    const atUs = nowUs();
    const { head, caughtUp } = await readSide(app.base);
    if (head !== last.head || !caughtUp) last = { head, cpu, atUs, since: Date.now() };
    else if (Date.now() - last.since >= SETTLED_AFTER_MS) return { cpu: last.cpu, atUs: last.atUs };
  }
}

const nowUs = () => Number(process.hrtime.bigint() / 1000n);

interface Phase {
  requests: number;
  failed: number;
  seconds: number;
  p99Ms: number;
}

async function load(app: RunningApp, o: Options, amount: number, requests: autocannon.Request[]): Promise<Phase> {
  const result = await autocannon({
    url: app.base,
    connections: o.concurrency,
    amount,
    ...(o.rate > 0 ? { overallRate: o.rate * (amount / Math.max(1, o.orders)) } : {}),
    requests,
  });
  return { requests: result['2xx'], failed: result.non2xx + result.errors + result.timeouts, seconds: result.duration, p99Ms: result.latency.p99 };
}

const json = { 'content-type': 'application/json' };

/** The requests of one pass over `ids`; each connection takes the next id when it starts a sequence. */
function passes(workload: Workload, prefix: string, n: number): Array<{ amount: number; requests: autocannon.Request[] }> {
  let placed = 0;
  let shipped = 0;
  if (workload === 'orders') {
    return [
      {
        amount: n,
        requests: [{ method: 'POST', path: '/orders', headers: json, setupRequest: (r) => ({ ...r, body: JSON.stringify(threeLineWebOrder(`${prefix}-${++placed}`)) }) }],
      },
    ];
  }
  // Place and authorize; the fulfillment saga captures by itself. Once that has settled, ship.
  return [
    {
      amount: 2 * n,
      requests: [
        {
          method: 'POST',
          path: '/orders',
          headers: json,
          setupRequest: (r, context) => {
            const order = journeyOrder(prefix, ++placed);
            (context as { order?: unknown }).order = order;
            return { ...r, body: JSON.stringify(order.place) };
          },
        },
        {
          method: 'POST',
          headers: json,
          setupRequest: (r, context) => {
            const order = (context as { order: ReturnType<typeof journeyOrder> }).order;
            return { ...r, path: `/orders/${order.orderId}/authorizations`, body: JSON.stringify(order.authorize) };
          },
        },
      ],
    },
    {
      amount: n,
      requests: [
        {
          method: 'POST',
          headers: json,
          setupRequest: (r) => {
            const order = journeyOrder(prefix, ++shipped);
            return { ...r, path: `/orders/${order.orderId}/shipments`, body: JSON.stringify(order.ship) };
          },
        },
      ],
    },
  ];
}

/** Every pass of the workload over `n` new orders, each measured from its first request until the app has settled. */
async function measure(app: RunningApp, o: Options, prefix: string, n: number) {
  let used: ThreadCpu = new Map();
  const windows: Array<[number, number]> = [];
  let requests = 0;
  let failed = 0;
  let seconds = 0;
  let p99Ms = 0;
  for (const pass of passes(o.workload, prefix, n)) {
    const before = threadCpu(app.pid);
    const fromUs = nowUs();
    const phase = await load(app, o, pass.amount, pass.requests);
    const end = await settled(app);
    used = addCpu(used, cpuBetween(before, end.cpu));
    windows.push([fromUs, end.atUs]);
    requests += phase.requests;
    failed += phase.failed;
    seconds += phase.seconds;
    p99Ms = Math.max(p99Ms, phase.p99Ms);
  }
  return { used, windows, requests, failed, seconds, p99Ms };
}

/** How many posting batches the app has closed (the journeys' entries fill a batch every ~200 orders). */
async function batchesClosed(base: string): Promise<number> {
  const response = await fetch(`${base}/posting-batches`);
  if (!response.ok) throw new Error(`GET /posting-batches answered ${response.status}`);
  return ((await response.json()) as { batches: unknown[] }).batches.length;
}

const msPerKOrders = (seconds: number, orders: number) => Math.round((seconds * 1e6) / orders);

/**
 * CPU time the app spends per order, for comparing builds on a shared, noisy machine: a fixed
 * number of orders (`--orders`, after `--warm-up` orders that are not counted) at a fixed
 * concurrency (and, with `--rate`, a fixed rate), each pass measured until the sagas and the
 * read side have finished with it. Time on a CPU is read per thread from /proc, so what other
 * processes do changes it far less than throughput. `--workload orders`: new 3-line orders
 * (POST /orders, as the commands bench); `journeys`: place and authorize (the fulfillment saga
 * captures), then ship each. `--app <main.js>` runs another build (an earlier commit's
 * dist/src/main.js); `--cpu-prof <dir>` also prints where the main thread's time went while
 * measured, and what the size-triggered posting-batch closes cost it (the journeys fill a batch of
 * BATCH_MAX_ENTRIES=500 every ~200 orders): per close, the time under the closer and under the
 * posting-batch decide, and the longest stretches the loop was held by them at once. Last line:
 * `{"bench":"order-cpu","workload":..,"orders":N,"mainCpuMsPer1kOrders":N,"processCpuMsPer1kOrders":N,"byThread":{"main":N,"lb-sagas":N,...},...}`.
 */
export async function orderCpuBench(args: string[] = []): Promise<void> {
  const o = options(args);
  const dir = tempDir('bench-order-cpu');
  const app = await startAppProcess(dir.path, {}, o.cpuProfDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${o.cpuProfDir}`], { main: o.app });
  let result: Awaited<ReturnType<typeof measure>>;
  let closes: number;
  try {
    console.log(
      `order-cpu: ${o.workload}, ${o.orders} orders (${o.warmUp} to warm up), ${o.concurrency} concurrent${o.rate > 0 ? ` at ${o.rate} orders/s` : ''}, app ${o.app ?? 'of this build'} (pid ${app.pid})`,
    );
    if (o.warmUp > 0) await measure(app, o, 'warm', o.warmUp);
    const batchesBefore = await batchesClosed(app.base);
    result = await measure(app, o, 'measured', o.orders);
    closes = (await batchesClosed(app.base)) - batchesBefore;
  } finally {
    await app.stop();
    dir.remove();
  }
  const { used, windows, requests, failed, seconds, p99Ms } = result;
  const main = used.get('main') ?? 0;
  const total = [...used.values()].reduce((a, b) => a + b, 0);
  const others = [...used].filter(([name]) => name !== 'main').sort((a, b) => b[1] - a[1]);
  console.log(`${requests} requests answered 2xx, ${failed} failed, ${(requests / seconds).toFixed(0)} req/s while loading, p99 ${p99Ms} ms`);
  console.log(`CPU per 1000 orders: main thread ${msPerKOrders(main, o.orders)} ms, whole process ${msPerKOrders(total, o.orders)} ms`);
  console.log(
    `  other threads (busiest first; other = V8's GC and compiler helpers, libuv): ${others.map(([name, seconds]) => `${name} ${msPerKOrders(seconds, o.orders)} ms`).join(', ')}`,
  );
  if (o.cpuProfDir !== undefined) {
    const mainProfile = readdirSync(o.cpuProfDir).find((name) => name.includes(`.${app.pid}.0.`) && name.endsWith('.cpuprofile'));
    if (mainProfile) {
      const shares = windows.map(([from, to]) => profileShares(join(o.cpuProfDir!, mainProfile), from, to, 40));
      const merged = mergeShares(shares);
      console.log(`main thread profile (${mainProfile}), measured windows only, ${merged.busyMs} ms busy:`);
      console.log('  areas (anywhere on the stack):');
      for (const { area, share } of merged.areas) console.log(`    ${share.toFixed(1).padStart(5)}%  ${area}`);
      console.log('  top functions (self):');
      for (const { frame, share } of merged.top) console.log(`    ${share.toFixed(1).padStart(5)}%  ${frame}`);
      const stalls = closeStalls(join(o.cpuProfDir, mainProfile), windows);
      const perClose = (ms: number) => (closes > 0 ? (ms / closes).toFixed(1) : '-');
      console.log(
        `  posting-batch closes while measured: ${closes}; main thread per close: closer ${perClose(stalls.ms.closer)} ms, decide ${perClose(stalls.ms.decide)} ms; ` +
          `longest stretch in a row ${stalls.longestMs} ms; stretches of 2 ms or more: ${stalls.stretchesMs.join(', ') || 'none'}`,
      );
    }
  }
  console.log(
    JSON.stringify({
      bench: 'order-cpu',
      workload: o.workload,
      orders: o.orders,
      mainCpuMsPer1kOrders: msPerKOrders(main, o.orders),
      processCpuMsPer1kOrders: msPerKOrders(total, o.orders),
      byThread: Object.fromEntries([...used].map(([name, seconds]) => [name, msPerKOrders(seconds, o.orders)])),
      requestsPerSec: Math.round(requests / seconds),
      p99Ms,
      failed,
    }),
  );
}

/** Shares of several windows of one profile, weighted by each window's busy time. */
function mergeShares(shares: ReturnType<typeof profileShares>[]) {
  const busyMs = shares.reduce((sum, s) => sum + s.busyMs, 0);
  const merge = <K extends 'frame' | 'area'>(key: K, lists: Array<Array<Record<K, string> & { share: number }>>) => {
    const sum = new Map<string, number>();
    lists.forEach((list, i) => {
      for (const item of list) sum.set(item[key], (sum.get(item[key]) ?? 0) + (item.share * shares[i].busyMs) / Math.max(busyMs, 1));
    });
    return [...sum].sort((a, b) => b[1] - a[1]).map(([name, share]) => ({ name, share }));
  };
  return {
    busyMs,
    areas: merge(
      'area',
      shares.map((s) => s.areas),
    ).map(({ name, share }) => ({ area: name, share })),
    top: merge(
      'frame',
      shares.map((s) => s.top),
    )
      .slice(0, 30)
      .map(({ name, share }) => ({ frame: name, share })),
  };
}
