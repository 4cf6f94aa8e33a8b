import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { startAppProcess, type RunningApp } from '../bench/commands/app-process';
import { simulatorPort, simulatorUrls, startSimulatorProcess, type SimulatorProcess } from '../bench/delivery/erp-sim-process';
import { percentileMs } from '../bench/journeys/journey-run';
import { DEVELOPMENT_CREDENTIALS } from '../src/erp/simulator/simulator-settings';
import { type Band, type Plot, renderReport } from './demo-report';
import { COMPANY, SHOP, SHOP_SECRET, weekendPromotions } from './weekend-orders';
import { MAX_IN_FLIGHT, now, WeekendTraffic } from './weekend-traffic';

const USAGE = `npm run demo [-- --quick] [-- --out <folder>]

A promotion weekend at a retailer with a Shopify shop and two stores, against the real service
and the ERP simulator in their own processes, on a fresh data folder (<folder>/data): promotions
defined (one funded by a vendor), an hour of ordinary trade then eight times as many orders (the
clock compressed), split shipments, pickups in store, returns, a payout with a discrepancy, and
the ERP (the simulator's NetSuite) down for half an hour of the spike. Prints a summary and
writes <folder>/report.html (plots of orders/s and capture p99 beside the ERP backlog and the
projection lag) and <folder>/summary.json. --quick: a smaller weekend (the browser test's).
Default folder: ./demo-output. Exits 1 when the books do not add up.`;

/** Simulated minutes: an hour of baseline, an hour of 8x, a quarter of an hour back to baseline; the ERP down 75-105. */
const WEEKEND = { baselineMinutes: 60, spikeMinutes: 60, tailMinutes: 15, spikeFactor: 8, outageFromMinute: 75, outageMinutes: 30 };
/** How fast the clock runs and how busy the shop is: a simulated hour in `hourSeconds` real seconds. */
const SIZES = {
  full: { hourSeconds: 20, baselinePerSecond: 2.5, sampleMs: 500, batchMaxEntries: 60 },
  quick: { hourSeconds: 6, baselinePerSecond: 1.5, sampleMs: 250, batchMaxEntries: 20 },
} as const;
/** How long the books may take to settle after the last order (sagas, projections, ERP backlog). */
const SETTLE_LIMIT_MS = 90_000;

interface Sample {
  atMs: number;
  erpBacklog: number | null;
  projectionLagEvents: number | null;
}

function options(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: { quick: { type: 'boolean', default: false }, out: { type: 'string', default: 'demo-output' }, help: { type: 'boolean', default: false } },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  return { size: SIZES[values.quick ? 'quick' : 'full'], out: resolve(values.out) };
}

/** ERP_TARGETS: the simulator's NetSuite receives US01's batches (development credentials), quick to notice it back. */
function erpTargets(port: number): string {
  const { netsuite } = DEVELOPMENT_CREDENTIALS;
  const resilience = { retries: 1, requestTimeoutMs: 5000, halfOpenAfterMs: 500, halfOpenMaxMs: 1000, backoffInitialMs: 100, backoffMaxMs: 1000 };
  return JSON.stringify([
    {
      erp: 'netsuite',
      target: 'netsuite',
      url: simulatorUrls(port).netsuite,
      accountId: netsuite.accountId,
      auth: { kind: 'tba', ...netsuite.tba },
      resilience,
      companyCodes: [COMPANY],
    },
  ]);
}

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
const money = (minor: number) => `${minor < 0 ? '-' : ''}${(Math.abs(minor) / 100).toFixed(2)}`;

async function main(): Promise<void> {
  const { size, out } = options(process.argv.slice(2));
  const dataDir = join(out, 'data');
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const minuteMs = (size.hourSeconds * 1000) / 60;
  const started = Date.now();
  const simPort = await simulatorPort();
  let app: RunningApp | undefined;
  let simulator: SimulatorProcess | undefined;
  try {
    app = await startAppProcess(dataDir, {
      ERP_TARGETS: erpTargets(simPort),
      ERP_RETRY_MAX_DELAY: '2s',
      BATCH_MAX_ENTRIES: String(size.batchMaxEntries),
      SHOPIFY_SHOPS: JSON.stringify({ [SHOP]: { secret: SHOP_SECRET, companyCode: COMPANY } }),
      PAYMENT_PROVIDER: 'simulated',
      SAGA_TIMER_CHECK_INTERVAL: '250ms',
    });
    simulator = await startSimulatorProcess(simPort, `${app.base}/erp/sap/confirmations`);
    console.log(`demo: Ledgerbridge on ${app.base} (data ${dataDir}), ERP simulator on ${simulator.admin}; a simulated hour takes ${size.hourSeconds} s`);
    const traffic = new WeekendTraffic(app.base);

    // Friday evening: the weekend's promotions, live on every channel and published to Shopify.
    for (const promotion of weekendPromotions(`${day(-1)}T00:00:00Z`, `${day(3)}T00:00:00Z`, now())) {
      await traffic.send(201, 'POST', '/promotions', promotion);
      await traffic.send(201, 'POST', `/promotions/${promotion.promotionId}/activation`, { at: now() });
    }
    await traffic.send(201, 'POST', '/promotions/promo-vend10/publications', { channel: 'shopify', status: 'published', at: now() });

    const samples: Sample[] = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const atMs = traffic.elapsedMs();
        const [deliveries, projections] = await Promise.all([
          traffic.send(200, 'GET', '/erp/deliveries').catch(() => null),
          traffic.send(200, 'GET', '/projections').catch(() => null),
        ]);
        samples.push({
          atMs,
          erpBacklog: deliveries ? deliveries.deliveries.reduce((sum: number, lane: { backlog: number }) => sum + lane.backlog, 0) : null,
          projectionLagEvents: projections ? Math.max(0, ...projections.projections.map((p: { eventsBehind: number | null }) => p.eventsBehind ?? 0)) : null,
        });
        await sleep(size.sampleMs);
      }
    })();

    const outage = setTimeout(() => {
      console.log(`demo: ${clock(WEEKEND.outageFromMinute)} the ERP goes down for ${WEEKEND.outageMinutes} minutes`);
      void fetch(`${simulator!.admin}/admin/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ erp: 'netsuite', kind: 'outage', seconds: Math.max(1, Math.round((WEEKEND.outageMinutes * minuteMs) / 1000)), mode: 'refuse-connections' }),
      });
    }, WEEKEND.outageFromMinute * minuteMs);
    console.log(`demo: ${clock(0)} an ordinary Saturday morning, ${size.baselinePerSecond} orders/s`);
    await traffic.arrive(size.baselinePerSecond, (WEEKEND.baselineMinutes * minuteMs) / 1000);
    console.log(`demo: ${clock(WEEKEND.baselineMinutes)} the promotion goes viral: ${size.baselinePerSecond * WEEKEND.spikeFactor} orders/s`);
    await traffic.arrive(size.baselinePerSecond * WEEKEND.spikeFactor, (WEEKEND.spikeMinutes * minuteMs) / 1000);
    console.log(`demo: ${clock(WEEKEND.baselineMinutes + WEEKEND.spikeMinutes)} back to ordinary trade`);
    await traffic.arrive(size.baselinePerSecond, (WEEKEND.tailMinutes * minuteMs) / 1000);
    clearTimeout(outage);
    await traffic.drain();
    const loadEndedMs = traffic.elapsedMs();
    console.log(`demo: orders done in ${(loadEndedMs / 1000).toFixed(1)} s; the payout, the register closes, then the books`);

    // Monday: the payment provider pays out the web shop's card captures, 12.50 short of what it reports.
    const paid = traffic.tally.captured.slice(0, 40);
    const transactions = paid.map(({ orderId, amountMinor }, k) => {
      const fee = Math.round(amountMinor * 0.029) + 30;
      return { id: `txn_wknd_${k}`, type: 'charge', currency: 'USD', amount: amountMinor, fee, net: amountMinor - fee, source: { orderId } };
    });
    const netTotal = transactions.reduce((sum, t) => sum + t.net, 0);
    const payout = await traffic.send(201, 'POST', '/settlements', {
      provider: 'stripe',
      payoutId: 'po_weekend_1',
      companyCode: COMPANY,
      currency: 'USD',
      payoutAmount: netTotal - 1250,
      payoutDate: day(0),
      transactions,
    });
    // Each register's cash counted at closing; one drawer at the second store is 5.00 short.
    const closes: string[] = [];
    for (const [register, expectedMinor] of traffic.tally.cash) {
      const [storeId, registerId] = register.split('/');
      const countedMinor = register === 'S002/R01' ? expectedMinor - 500 : expectedMinor;
      const close = await traffic.send(201, 'POST', `/registers/${storeId}/${registerId}/closes`, {
        businessDate: day(0),
        companyCode: COMPANY,
        currency: 'USD',
        closedAt: now(),
        tenders: [{ tender: 'cash', expectedMinor, countedMinor }],
      });
      closes.push(`${register} ${money(close.totals.overShortMinor)}`);
    }

    // The books: every return paid back by the refund saga, every projection caught up, the day's
    // open entries closed into batches, every batch at the ERP.
    await until(async () => {
      const { items } = await traffic.send(200, 'GET', `/finance/open-items?companyCode=${COMPANY}`);
      return !items.some((item: { kind: string }) => item.kind === 'refund-payable');
    }, 'every return refunded');
    await until(async () => {
      const { projections } = await traffic.send(200, 'GET', '/projections');
      return projections.every((p: { state: string; eventsBehind: number | null }) => p.state === 'live' && p.eventsBehind === 0);
    }, 'every projection live and caught up');
    const closeFailures: string[] = [];
    for (const postingDate of [day(-1), day(0)]) {
      for (;;) {
        const answer = await fetch(`${app.base}/posting-batches/closes`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ companyCode: COMPANY, postingDate }),
        });
        if (answer.status === 201) continue;
        const { error } = (await answer.json()) as { error?: { code: string; message: string } };
        // Nothing left open: the day held no entries, or the size watcher closed them all already.
        if (error?.code !== 'NOTHING_TO_CLOSE' && error?.code !== 'BATCH_ALREADY_CLOSED') closeFailures.push(`${postingDate}: ${error?.code} ${error?.message}`);
        break;
      }
    }
    await until(async () => (await traffic.send(200, 'GET', '/erp/deliveries')).deliveries.every((lane: { backlog: number }) => lane.backlog === 0), 'the ERP backlog drained');
    sampling = false;
    await sampler;

    const from = day(-1);
    const to = day(0);
    const [trial, batches, deliveries, discrepancies, reconciliation, promotionCost, openItems] = await Promise.all([
      traffic.send(200, 'GET', `/finance/trial-balance?from=${from}&to=${to}&companyCode=${COMPANY}`),
      traffic.send(200, 'GET', `/posting-batches?companyCode=${COMPANY}`),
      traffic.send(200, 'GET', '/erp/deliveries'),
      traffic.send(200, 'GET', '/finance/settlements?status=discrepancy'),
      traffic.send(200, 'GET', `/erp/reconciliation?companyCode=${COMPANY}&target=netsuite&from=${from}&to=${to}`),
      traffic.send(200, 'GET', '/finance/promotion-cost'),
      traffic.send(200, 'GET', `/finance/open-items?companyCode=${COMPANY}`),
    ]);
    const tally = traffic.tally;
    const byChannel = (channel: string) => tally.taken.filter((t) => t.channel === channel).length;
    const failed = [...tally.failed.values()].reduce((a, b) => a + b, 0);
    const totals = trial.totals as Array<{ currency: string; debitMinor: number; creditMinor: number }>;
    const balanced = totals.length > 0 && totals.every((t) => t.debitMinor === t.creditMinor);
    const batchCount = batches.batches.length as number;
    const backlog = deliveries.deliveries.reduce((sum: number, lane: { backlog: number }) => sum + lane.backlog, 0) as number;
    const payoutDifference = discrepancies.payouts.map((p: { payoutId: string; differenceMinor: number }) => `${p.payoutId} ${money(p.differenceMinor)}`).join(', ');
    const summary = {
      orders: {
        taken: tally.taken.length,
        web: byChannel('web'),
        pickup: byChannel('pickup'),
        pos: byChannel('pos'),
        shopify: byChannel('shopify'),
        failed,
        failures: Object.fromEntries(tally.failed),
        heldBack: tally.heldBack,
      },
      fulfilment: {
        shipments: tally.shipments,
        pickups: tally.pickups,
        returns: tally.returns,
        promotionApplications: tally.applications,
        // Returns received and not yet paid back: the refund saga pays each (PAYMENT_PROVIDER=simulated).
        refundsOwed: openItems.items.filter((item: { kind: string }) => item.kind === 'refund-payable').length as number,
      },
      journal: { balanced, totals },
      batches: { closed: batchCount, acknowledged: batchCount - backlog, backlog, closeFailures },
      reconciliation: {
        payout: { reconciliation: payout.reconciliation, discrepancies: payoutDifference },
        registers: closes,
        erpDifferences: reconciliation.differences.length,
        erpBooks: reconciliation.erpBooks,
      },
      promotionCostByFunder: promotionCost.byFunder,
      seconds: { load: Number((loadEndedMs / 1000).toFixed(1)), total: Number(((Date.now() - started) / 1000).toFixed(1)) },
    };
    const ok = balanced && failed === 0 && backlog === 0 && closeFailures.length === 0 && reconciliation.differences.length === 0 && summary.fulfilment.refundsOwed === 0;

    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
    const report = join(out, 'report.html');
    writeFileSync(report, renderReport(reportOf(summary, tally.taken, samples, minuteMs, loadEndedMs)));
    printSummary(summary);
    console.log(`demo: report ${report}`);
    traffic.close();
    if (!ok) process.exitCode = 1;
  } finally {
    await app?.stop();
    await simulator?.stop();
  }
}

/** The weekend's simulated time of day, from 10:00. */
function clock(minute: number): string {
  return `${String(10 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + SETTLE_LIMIT_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`demo: not within ${SETTLE_LIMIT_MS / 1000} s: ${what}`);
    await sleep(250);
  }
}

type Summary = {
  orders: { taken: number; web: number; pickup: number; pos: number; shopify: number; failed: number; failures: Record<string, number>; heldBack: number };
  fulfilment: { shipments: number; pickups: number; returns: number; promotionApplications: number; refundsOwed: number };
  journal: { balanced: boolean; totals: Array<{ currency: string; debitMinor: number; creditMinor: number }> };
  batches: { closed: number; acknowledged: number; backlog: number; closeFailures: string[] };
  reconciliation: { payout: { reconciliation: { status: string; difference: number } }; registers: string[]; erpDifferences: number };
  seconds: { load: number; total: number };
};

function summaryRows(s: Summary): Array<{ what: string; value: string; ok: boolean | null }> {
  return [
    {
      what: 'orders taken',
      value: `${s.orders.taken} (web shipped ${s.orders.web}, picked up in store ${s.orders.pickup}, POS ${s.orders.pos}, Shopify ${s.orders.shopify})`,
      ok: null,
    },
    { what: 'orders failed', value: String(s.orders.failed), ok: s.orders.failed === 0 },
    ...(s.orders.heldBack > 0
      ? [
          {
            what: 'arrivals held back',
            value: `${s.orders.heldBack}: not sent while the demo had ${MAX_IN_FLIGHT} orders under way (its own limit: the machine is too busy for the rate asked)`,
            ok: null,
          },
        ]
      : []),
    {
      what: 'shipments, pickups, returns',
      value: `${s.fulfilment.shipments} shipments (split in two where an order has more lines), ${s.fulfilment.pickups} pickups in store, ${s.fulfilment.returns} returns`,
      ok: null,
    },
    { what: 'refunds still owed', value: `${s.fulfilment.refundsOwed} (the refund saga paid every return back)`, ok: s.fulfilment.refundsOwed === 0 },
    ...s.journal.totals.map((t) => ({
      what: `journal ${t.currency}`,
      value: `debits ${money(t.debitMinor)} = credits ${money(t.creditMinor)}`,
      ok: t.debitMinor === t.creditMinor,
    })),
    {
      what: 'posting batches',
      value: `${s.batches.closed} closed, ${s.batches.acknowledged} acknowledged by the ERP, ${s.batches.backlog} waiting`,
      ok: s.batches.backlog === 0 && s.batches.closeFailures.length === 0,
    },
    {
      what: 'payout reconciliation',
      value: `${s.reconciliation.payout.reconciliation.status}, difference ${money(s.reconciliation.payout.reconciliation.difference)} (the provider paid 12.50 less than its report)`,
      ok: null,
    },
    { what: 'register closes (over/short)', value: s.reconciliation.registers.join(', '), ok: null },
    { what: 'ERP reconciliation differences', value: String(s.reconciliation.erpDifferences), ok: s.reconciliation.erpDifferences === 0 },
    { what: 'time', value: `${s.seconds.load} s of orders, ${s.seconds.total} s in all`, ok: null },
  ];
}

function printSummary(s: Summary): void {
  console.log('\nsummary');
  for (const row of summaryRows(s)) console.log(`  ${row.ok === null ? ' ' : row.ok ? '✓' : '✗'} ${row.what}: ${row.value}`);
  if (s.orders.failed > 0) console.log(`  failures: ${JSON.stringify(s.orders.failures)}`);
  if (s.batches.closeFailures.length > 0) console.log(`  batches not closed: ${s.batches.closeFailures.join('; ')}`);
}

/** Per real second of the run: orders taken and their capture p99, the samples as they came; x in simulated minutes. */
function reportOf(summary: Summary, taken: Array<{ atMs: number; latencyMs: number }>, samples: Sample[], minuteMs: number, loadEndedMs: number) {
  const bucketMs = 1000;
  const buckets = Array.from({ length: Math.ceil(loadEndedMs / bucketMs) }, () => [] as number[]);
  for (const t of taken) buckets[Math.min(buckets.length - 1, Math.floor(t.atMs / bucketMs))]?.push(t.latencyMs);
  const bucketX = buckets.map((_, k) => ((k + 0.5) * bucketMs) / minuteMs);
  const sampleX = samples.map((s) => s.atMs / minuteMs);
  const plots: Plot[] = [
    { id: 'orders-per-second', title: 'Orders taken per second', unit: 'orders/s, all channels', series: { x: bucketX, y: buckets.map((b) => b.length / (bucketMs / 1000)) } },
    {
      id: 'capture-p99',
      title: 'Order capture p99',
      unit: 'ms from request to answer',
      series: {
        x: bucketX,
        y: buckets.map((b) =>
          percentileMs(
            [...b].sort((x, y) => x - y),
            99,
          ),
        ),
      },
    },
    { id: 'erp-backlog', title: 'ERP backlog', unit: 'closed batches not yet acknowledged', series: { x: sampleX, y: samples.map((s) => s.erpBacklog) } },
    { id: 'projection-lag', title: 'Projection lag', unit: 'events behind the log, the furthest read model', series: { x: sampleX, y: samples.map((s) => s.projectionLagEvents) } },
  ];
  const spikeFrom = WEEKEND.baselineMinutes;
  const bands: Band[] = [
    { label: `8x spike (${clock(spikeFrom)}-${clock(spikeFrom + WEEKEND.spikeMinutes)})`, from: spikeFrom, to: spikeFrom + WEEKEND.spikeMinutes, color: '#f5c26b' },
    {
      label: `ERP down (${clock(WEEKEND.outageFromMinute)}-${clock(WEEKEND.outageFromMinute + WEEKEND.outageMinutes)})`,
      from: WEEKEND.outageFromMinute,
      to: WEEKEND.outageFromMinute + WEEKEND.outageMinutes,
      color: '#e57373',
    },
  ];
  return {
    title: 'Ledgerbridge: a promotion weekend',
    subtitle: `A Shopify shop, a web shop and two stores; a simulated hour took ${((60 * minuteMs) / 1000).toFixed(0)} s. Times of day are simulated; the books are the real service's, read over its API after the last order.`,
    plots,
    bands,
    summary: summaryRows(summary),
  };
}

// Exits once done: idle keep-alive sockets of fetch would otherwise hold the process a few seconds more.
main().then(
  () => process.exit(),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
