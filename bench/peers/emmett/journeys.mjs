// The library peer of `npm run bench -- journeys`: the order-journey workload on Emmett 0.42.0 +
// @event-driven-io/emmett-sqlite 0.42.4 (its sqlite3 5.1.7 driver), file database, WAL,
// synchronous=FULL (the driver build's default, reported under `settings`), in process, no HTTP.
// Journey per order: PlaceOrder -> CapturePayment (grand total) -> ConfirmShipment (every unit),
// each through Emmett's DeciderCommandHandler (read the stream, decide, append at the expected version).
// The bench runs it in a child process, one run per configuration; by hand:
//
//   node journeys.mjs --n 2000 --c 1 --mode shipped --db /tmp/peer.db --out /tmp/peer.json
//
// --mode shipped : the store as shipped. Every read and append opens its own connection, appends
//                  BEGIN IMMEDIATE; at C=100 the writers starve in node-sqlite3's 1 s busy handler
//                  (SQLITE_BUSY, seen by callers as "cannot rollback - no transaction is active").
// --mode fifo    : the same store with every appendToStream behind one in-process FIFO lock
//                  (reads stay concurrent): its only working mode at C=100.
// --retry-busy   : Emmett's own retry option, retrying SQLITE_BUSY only (up to 5 times). Without it
//                  every SQLITE_BUSY is an error, including the rare "cannot commit transaction - SQL
//                  statements in progress" race of 0.42.4 seen even at C=1.
// --max-seconds S: start no journey after S seconds (the shipped mode at C=100 would take hours).
// --warm-up W    : W journeys at C=1 (streams order-warm-<i>) before the clock starts.
//
// The library console.logs failed transactions, so the report goes to --out, not stdout.
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { DeciderCommandHandler } from '@event-driven-io/emmett';
import { getSQLiteEventStore, sqliteConnection } from '@event-driven-io/emmett-sqlite';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const k = args.indexOf(`--${name}`);
  if (k < 0) return fallback;
  const value = args[k + 1];
  return value === undefined || value.startsWith('--') ? true : value;
};
const N = Number(opt('n', 2000));
const C = Number(opt('c', 1));
const MODE = String(opt('mode', 'shipped'));
const MAX_SECONDS = Number(opt('max-seconds', Infinity));
const RETRY_BUSY = opt('retry-busy', false) === true;
const WARM_UP = Number(opt('warm-up', 0));
const DB = opt('db', null);
const OUT = opt('out', null);
if (!['shipped', 'fifo'].includes(MODE)) throw new Error(`--mode shipped|fifo, got ${MODE}`);
if (typeof DB !== 'string' || typeof OUT !== 'string') throw new Error('--db FILE and --out FILE are required');

// ---------- order i, as bench/journeys/order-journey.ts defines it ----------
const BASE = Date.parse('2026-01-01T00:00:00.000Z');
const at = (i, plusSeconds) => new Date(BASE + (i + plusSeconds) * 1000).toISOString();
const pad = (x, k) => String(x).padStart(k, '0');
const taxHalfUp = (amount) => Math.floor((amount * 725 + 5000) / 10000); // 7.25 %, half up (amounts >= 0)

function placeOrderCommand(orderId, i) {
  const lines = [0, 1, 2].map((k) => ({
    lineId: `L${k + 1}`,
    sku: `SKU-${pad((7 * i + 13 * k) % 100000, 5)}`,
    quantity: 1 + ((i + k) % 5),
    unitPriceMinor: 499 + ((31 * i + 17 * k) % 9500),
  }));
  return {
    type: 'PlaceOrder',
    data: {
      orderId,
      channel: 'web',
      companyCode: 'US01',
      currency: 'USD',
      placedAt: at(i, 0),
      lines,
      discounts: [
        { promotionId: 'SPRING10', code: 'SPRING10', funding: 'retailer', lineId: 'L1', divisor: 10 },
        { promotionId: 'LOYALTY5', code: 'LOYALTY5', funding: 'retailer', lineId: 'L2', divisor: 20 },
      ],
      taxRate: '0.0725',
      shipping: { code: 'GROUND', amountMinor: 599 },
      fulfillment: { kind: 'ship' },
    },
  };
}

/** Order i's total and units, worked out apart from decide() for the verification. */
function expectedOrder(i) {
  let total = 599;
  const units = [];
  for (let k = 0; k < 3; k++) {
    const quantity = 1 + ((i + k) % 5);
    const gross = quantity * (499 + ((31 * i + 17 * k) % 9500));
    const discount = k === 0 ? Math.floor(gross / 10) : k === 1 ? Math.floor(gross / 20) : 0;
    total += gross - discount + taxHalfUp(gross - discount);
    units.push({ lineId: `L${k + 1}`, quantity });
  }
  return { total, units };
}

// ---------- decider ----------
function priceOrder(cmd) {
  const applied = [];
  const lines = cmd.lines.map((l) => {
    const grossMinor = l.quantity * l.unitPriceMinor;
    const discounts = cmd.discounts
      .filter((d) => d.lineId === l.lineId)
      .map((d) => ({ promotionId: d.promotionId, funding: d.funding, amountMinor: Math.floor(grossMinor / d.divisor) }))
      .filter((d) => d.amountMinor > 0); // leave out a discount of 0
    const discountMinor = discounts.reduce((s, d) => s + d.amountMinor, 0);
    const taxMinor = taxHalfUp(grossMinor - discountMinor);
    applied.push(...discounts.map((d) => ({ ...d, allocations: [{ lineId: l.lineId, amountMinor: d.amountMinor }] })));
    return {
      lineId: l.lineId, sku: l.sku, quantity: l.quantity, unitPriceMinor: l.unitPriceMinor,
      revenueMinor: grossMinor, discountMinor,
      taxes: [{ rate: cmd.taxRate, amountMinor: taxMinor, channelRemitted: true }], taxMinor,
    };
  });
  const sum = (f) => lines.reduce((s, l) => s + f(l), 0);
  const revenueMinor = sum((l) => l.revenueMinor);
  const discountMinor = sum((l) => l.discountMinor);
  const taxMinor = sum((l) => l.taxMinor);
  const shippingMinor = cmd.shipping.amountMinor;
  return {
    orderId: cmd.orderId, channel: cmd.channel, placedAt: cmd.placedAt, companyCode: cmd.companyCode,
    currency: cmd.currency, fulfillment: cmd.fulfillment, lines,
    discounts: applied,
    shipping: [{ code: cmd.shipping.code, amountMinor: shippingMinor, taxMinor: 0 }],
    tenders: [],
    totals: { revenueMinor, discountMinor, taxMinor, shippingMinor, totalMinor: revenueMinor - discountMinor + taxMinor + shippingMinor },
    sourceRef: `web:${cmd.orderId}`,
  };
}

const initialState = () => ({ status: 'empty' });
const evolve = (state, event) => {
  switch (event.type) {
    case 'OrderPlaced':
      return {
        status: 'placed', currency: event.data.currency, totalMinor: event.data.totals.totalMinor,
        units: event.data.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })),
      };
    case 'PaymentCaptured':
      return { ...state, status: 'paid', capturedMinor: (state.capturedMinor ?? 0) + event.data.amountMinor };
    case 'ShipmentConfirmed':
      return { ...state, status: 'shipped' };
    default:
      throw new Error(`unknown event ${event.type}`);
  }
};
const decide = (command, state) => {
  const d = command.data;
  switch (command.type) {
    case 'PlaceOrder':
      if (state.status !== 'empty') throw new Error(`${d.orderId}: already placed`);
      return { type: 'OrderPlaced', data: priceOrder(d) };
    case 'CapturePayment':
      if (state.status !== 'placed') throw new Error(`capture: order is ${state.status}`);
      if (d.amountMinor !== state.totalMinor || d.currency !== state.currency) throw new Error('capture: amount is not the grand total');
      return { type: 'PaymentCaptured', data: { captureId: d.paymentId, amountMinor: d.amountMinor, currency: d.currency, at: d.at } };
    case 'ConfirmShipment': {
      if (state.status !== 'paid') throw new Error(`shipment: order is ${state.status}`);
      if (JSON.stringify(d.lines) !== JSON.stringify(state.units)) throw new Error('shipment: not every unit');
      return { type: 'ShipmentConfirmed', data: { shipmentId: d.shipmentId, shippedAt: d.at, lines: d.lines } };
    }
    default:
      throw new Error(`unknown command ${command.type}`);
  }
};
let busyRetries = 0;
const retry = RETRY_BUSY
  ? { retries: 5, minTimeout: 1, maxTimeout: 50, factor: 2, shouldRetryError: (e) => (e?.code === 'SQLITE_BUSY' ? (busyRetries++, true) : false) }
  : undefined;
const handle = DeciderCommandHandler({ decide, evolve, initialState, ...(retry ? { retry } : {}) });

// ---------- store ----------
for (const f of [DB, `${DB}-wal`, `${DB}-shm`]) fs.rmSync(f, { force: true });
const baseStore = getSQLiteEventStore({ fileName: DB, schema: { autoMigration: 'None' } });
await baseStore.schema.migrate(); // before the clock starts

class FifoLock {
  #tail = Promise.resolve();
  run(fn) {
    const p = this.#tail.then(fn);
    this.#tail = p.then(() => {}, () => {});
    return p;
  }
}
const appendLock = new FifoLock();
const store = MODE === 'fifo'
  ? { ...baseStore, appendToStream: (s, e, o) => appendLock.run(() => baseStore.appendToStream(s, e, o)) }
  : baseStore;

// The settings every store operation's fresh connection gets.
const probe = sqliteConnection({ fileName: DB });
const settings = {
  sqlite: (await probe.querySingle('SELECT sqlite_version() AS v')).v,
  journal_mode: (await probe.querySingle('PRAGMA journal_mode')).journal_mode,
  synchronous: (await probe.querySingle('PRAGMA synchronous')).synchronous, // 2 = FULL
  busy_timeout: (await probe.querySingle('PRAGMA busy_timeout')).timeout,
};
probe.close();

// ---------- run ----------
// Errors the library cannot route to a caller (its unawaited `PRAGMA journal_mode = WAL` failing
// with SQLITE_BUSY) surface as 'error' events on a hidden sqlite3.Database: count them.
let uncaught = 0;
const errorKinds = new Map();
const countKind = (kind) => errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);
process.on('uncaughtException', (err) => {
  uncaught++;
  countKind(`uncaught: ${err?.code ?? ''} ${String(err?.message ?? err).slice(0, 80)}`);
});

async function runJourneys(n, c, prefix, deadline) {
  const run = { latencies: [], errors: 0, completed: 0, attempted: 0, firstStart: Infinity, lastEnd: 0 };
  const command = async (streamId, cmd) => {
    const t0 = performance.now();
    run.firstStart = Math.min(run.firstStart, t0);
    try {
      await handle(store, streamId, cmd);
      return true;
    } catch (err) {
      run.errors++;
      countKind(`${cmd.type}: ${err?.code ?? err?.name ?? 'Error'} ${String(err?.message ?? err).slice(0, 80)}`);
      return false;
    } finally {
      const t1 = performance.now();
      run.latencies.push(t1 - t0);
      run.lastEnd = Math.max(run.lastEnd, t1);
    }
  };
  let next = 0;
  const worker = async () => {
    while (next < n && performance.now() < deadline) {
      const i = next++;
      run.attempted++;
      const id = `order-${prefix}${i}`;
      const { total, units } = expectedOrder(i);
      if (!(await command(id, placeOrderCommand(`${prefix}${i}`, i)))) continue; // a failed command ends the journey
      if (!(await command(id, { type: 'CapturePayment', data: { paymentId: `pay-${i}`, amountMinor: total, currency: 'USD', at: at(i, 60) } }))) continue;
      if (!(await command(id, { type: 'ConfirmShipment', data: { shipmentId: `shp-${i}`, lines: units, at: at(i, 3600) } }))) continue;
      run.completed++;
    }
  };
  await Promise.all(Array.from({ length: c }, worker));
  return run;
}

if (WARM_UP > 0) await runJourneys(WARM_UP, 1, 'warm-', Infinity);
errorKinds.clear();
uncaught = 0;
busyRetries = 0;
const run = await runJourneys(N, C, '', performance.now() + MAX_SECONDS * 1000);
const elapsedSeconds = run.latencies.length === 0 ? 0 : (run.lastEnd - run.firstStart) / 1000;

// ---------- verify ----------
const verification = { streams: N, verified: 0 };
// Σ of the N orders' totals by this file's definition: the bench checks it against its own.
let totalsChecksum = 0;
for (let i = 0; i < N; i++) {
  const { total, units } = expectedOrder(i);
  totalsChecksum += total;
  const { currentStreamVersion, events: ev } = await baseStore.readStream(`order-${i}`);
  const good = currentStreamVersion === 3n && ev.length === 3 &&
    ev[0].type === 'OrderPlaced' && ev[0].data.totals.totalMinor === total && ev[0].data.orderId === `${i}` &&
    ev[1].type === 'PaymentCaptured' && ev[1].data.captureId === `pay-${i}` && ev[1].data.amountMinor === total &&
    ev[2].type === 'ShipmentConfirmed' && ev[2].data.shipmentId === `shp-${i}` && JSON.stringify(ev[2].data.lines) === JSON.stringify(units) &&
    ev.every((e, k) => e.metadata.streamPosition === BigInt(k + 1));
  if (good) verification.verified++;
  else verification.firstProblem ??= `order ${i}: version ${currentStreamVersion}, events ${ev.map((e) => e.type).join(', ') || 'none'}`;
}
const counts = sqliteConnection({ fileName: DB });
const orderPlacedBytes = (await counts.querySingle("SELECT length(message_data) AS b FROM emt_messages WHERE stream_id = 'order-0' AND message_type = 'OrderPlaced'"))?.b ?? null;
counts.close();

// ---------- report ----------
const sorted = [...run.latencies].sort((a, b) => a - b);
const nearestRank = (p) => (sorted.length ? sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1] : null);
const round = (x, digits) => (x === null || !Number.isFinite(x) ? null : Number(x.toFixed(digits)));
const perSec = (count) => (elapsedSeconds > 0 ? round(count / elapsedSeconds, 1) : 0);
const report = {
  mode: MODE,
  retryBusy: RETRY_BUSY,
  C,
  N,
  elapsedSeconds: round(elapsedSeconds, 2),
  ordersPerSec: perSec(run.completed),
  commandsPerSec: perSec(run.latencies.length),
  p50CommandMs: round(nearestRank(50), 2),
  p99CommandMs: round(nearestRank(99), 2),
  errors: run.errors,
  completedJourneys: run.completed,
  attemptedJourneys: run.attempted,
  ...(Number.isFinite(MAX_SECONDS) && { maxSeconds: MAX_SECONDS }),
  busyRetries,
  uncaught,
  ...(errorKinds.size > 0 && { errorKinds: Object.fromEntries(errorKinds) }),
  verification,
  totalsChecksum,
  orderPlacedBytes,
  settings,
};
fs.writeFileSync(OUT, `${JSON.stringify(report)}\n`);
process.exit(0);
