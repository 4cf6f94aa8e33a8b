import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { d365JournalDescription } from '../src/erp/d365/d365-general-journal';
import { netsuiteExternalId } from '../src/erp/netsuite/netsuite-journal-entries';
import { sapEntryMessageId } from '../src/erp/sap/sap-message-id';
import { DEVELOPMENT_CREDENTIALS } from '../src/erp/simulator/simulator-settings';
import { AT, workedExampleOrder } from '../test/order/api/order-requests';
import { tempDir } from '../test/support/temp-dir';
import { startAppProcess } from './commands/app-process';
import { simulatorPort, simulatorUrls, startSimulatorProcess } from './delivery/erp-sim-process';

const ERPS = ['sap', 'netsuite', 'd365'] as const;
const DAY = '2026-11-28';
/** Clients placing orders at once. */
const CONCURRENCY = 16;
/** Batches close on their own at this many entries: many batches in a minute. */
const BATCH_MAX_ENTRIES = 30;
/** How long the backlog may take to drain after the load before the run counts what is missing as lost. */
const DRAIN_LIMIT_MS = 120_000;

function options(args: string[]): { seconds: number; outageSeconds: number } {
  const { values } = parseArgs({ args, options: { seconds: { type: 'string', default: '60' }, 'outage-seconds': { type: 'string', default: '20' } } });
  const seconds = Number(values.seconds);
  const outageSeconds = Number(values['outage-seconds']);
  if (!Number.isInteger(seconds) || seconds < 3) throw new Error(`--seconds must be an integer >= 3, got "${values.seconds}"`);
  if (!Number.isInteger(outageSeconds) || outageSeconds < 1 || outageSeconds > seconds - 2)
    throw new Error(`--outage-seconds must be an integer from 1 to seconds - 2, got "${values['outage-seconds']}"`);
  return { seconds, outageSeconds };
}

/** ERP_TARGETS for the three simulated ERPs on `port`, every one receiving US01's batches, with the simulator's development credentials. */
function erpTargets(port: number): string {
  const urls = simulatorUrls(port);
  const { sap, sapCallback, netsuite, d365 } = DEVELOPMENT_CREDENTIALS;
  // Quick to notice the ERP back: the breaker half-opens within a second, a waiting batch tries again within two.
  const resilience = { retries: 1, requestTimeoutMs: 5000, halfOpenAfterMs: 500, halfOpenMaxMs: 1000, backoffInitialMs: 100, backoffMaxMs: 1000 };
  return JSON.stringify([
    {
      erp: 'sap',
      target: 'sap',
      url: urls.sap,
      user: sap.user,
      password: sap.password,
      callbackUser: sapCallback.user,
      callbackPassword: sapCallback.password,
      resilience,
      companyCodes: ['US01'],
    },
    { erp: 'netsuite', target: 'netsuite', url: urls.netsuite, accountId: netsuite.accountId, auth: { kind: 'tba', ...netsuite.tba }, resilience, companyCodes: ['US01'] },
    {
      erp: 'd365',
      target: 'd365',
      url: urls.d365,
      tokenUrl: `${urls.d365}/${d365.tenant}/oauth2/v2.0/token`,
      clientId: d365.clientId,
      clientSecret: d365.clientSecret,
      resilience,
      companyCodes: ['US01'],
    },
  ]);
}

interface Lane {
  target: string;
  backlog: number;
  lastAcknowledged: { batchId: string } | null;
}

interface Batch {
  batchId: string;
  chainIndex: number;
  entryCount: number;
}

/**
 * ERP delivery under an outage (issue 14): the service and the ERP simulator in their own
 * processes, orders placed, paid and shipped over HTTP by CONCURRENCY clients for `--seconds`
 * (default 60) while batches close on their own, every ERP down (connections refused) for the
 * middle `--outage-seconds` (default 20). Then what is still open is closed, the backlog drains,
 * and the ERPs' ledgers are read: batches closed, acknowledged by every ERP, duplicated at an ERP
 * (a key held twice), lost (anything of a batch missing at an ERP), orders per second during the
 * outage over before it, and seconds from the ERPs' return until every batch closed by then was
 * acknowledged everywhere.
 */
export async function deliveryBench(args: string[] = []): Promise<void> {
  const { seconds, outageSeconds } = options(args);
  const outageFrom = (seconds - outageSeconds) / 2;
  const dir = tempDir('bench-delivery');
  const simPort = await simulatorPort();
  const app = await startAppProcess(dir.path, {
    ERP_TARGETS: erpTargets(simPort),
    BATCH_MAX_ENTRIES: String(BATCH_MAX_ENTRIES),
    ERP_RETRY_MAX_DELAY: '2s',
    SAGAS_ENABLED: 'false',
  });
  const simulator = await startSimulatorProcess(simPort, `${app.base}/erp/sap/confirmations`);
  const get = async <T>(base: string, path: string): Promise<T> => (await (await fetch(`${base}${path}`)).json()) as T;
  const lanes = async () => (await get<{ deliveries: Lane[] }>(app.base, '/erp/deliveries')).deliveries;
  const batches = async () => (await get<{ batches: Batch[] }>(app.base, '/posting-batches?companyCode=US01')).batches;
  try {
    console.log(
      `delivery: app on ${app.base}, ERP simulator on ${simulator.admin}, ${CONCURRENCY} clients, ${seconds} s of orders, ERPs down from ${outageFrom} s for ${outageSeconds} s, BATCH_MAX_ENTRIES ${BATCH_MAX_ENTRIES}`,
    );
    const started = Date.now();
    const completed: number[] = [];
    const failures = { count: 0 };
    let stop = false;
    const workers = Array.from({ length: CONCURRENCY }, (_, worker) => orderLives(app.base, `w${worker}`, () => stop, completed, failures, started));

    await sleep(Math.max(0, started + outageFrom * 1000 - Date.now()));
    const downAt = Date.now();
    await Promise.all(ERPS.map((erp) => post(simulator.admin, '/admin/faults', { erp, kind: 'outage', seconds: outageSeconds, mode: 'refuse-connections' })));
    console.log(`ERPs down at ${((downAt - started) / 1000).toFixed(1)} s`);
    await sleep(Math.max(0, downAt + outageSeconds * 1000 - Date.now()));
    const recoveredAt = Date.now();
    const closedByRecovery = Math.max(-1, ...(await batches()).map((b) => b.chainIndex));
    console.log(`ERPs back at ${((recoveredAt - started) / 1000).toFixed(1)} s; ${closedByRecovery + 1} batches closed by then`);
    let drainedAt: number | undefined;
    const watch = (async () => {
      while (drainedAt === undefined && Date.now() - recoveredAt < DRAIN_LIMIT_MS) {
        const chainIndex = new Map((await batches()).map((b) => [b.batchId, b.chainIndex]));
        const acknowledged = (await lanes()).map((lane) => (lane.lastAcknowledged ? (chainIndex.get(lane.lastAcknowledged.batchId) ?? -1) : -1));
        if (acknowledged.every((index) => index >= closedByRecovery)) drainedAt = Date.now();
        else await sleep(250);
      }
    })();
    await sleep(Math.max(0, started + seconds * 1000 - Date.now()));
    stop = true;
    await Promise.all(workers);
    await watch;

    // Orders per second over each phase, as they actually fell (ms since the start).
    const rate = (from: number, to: number) => (completed.filter((at) => at >= from && at < to).length * 1000) / (to - from);
    const before = rate(0, downAt - started);
    const during = rate(downAt - started, recoveredAt - started);
    console.log(
      `orders placed, paid and shipped: ${completed.length} (${failures.count} requests failed); ${before.toFixed(1)}/s before the outage, ${during.toFixed(1)}/s during it, ${rate(recoveredAt - started, seconds * 1000).toFixed(1)}/s after`,
    );

    // What the load left open, closed: every entry of the day in a batch.
    for (let close = 0; close < 1000; close++) {
      const answer = await post(app.base, '/posting-batches/closes', { companyCode: 'US01', postingDate: DAY });
      if (answer.status !== 201) break;
    }
    const all = await batches();
    const drainStart = Date.now();
    while (Date.now() - drainStart < DRAIN_LIMIT_MS && !(await lanes()).every((lane) => lane.backlog === 0)) await sleep(250);
    const backlog = (await lanes()).map((lane) => `${lane.target} ${lane.backlog}`).join(', ');
    console.log(`batches: ${all.length}; backlog ${backlog} (${((Date.now() - drainStart) / 1000).toFixed(1)} s after the last close)`);

    const ledger = Object.fromEntries(
      await Promise.all(
        ERPS.map(async (erp) => [erp, (await get<{ documents: Array<{ key: string }> }>(simulator.admin, `/ledger/documents?erp=${erp}`)).documents.map((d) => d.key)] as const),
      ),
    ) as Record<(typeof ERPS)[number], string[]>;
    const duplicatesAtErp = ERPS.reduce((sum, erp) => sum + ledger[erp].length - new Set(ledger[erp]).size, 0);
    const held = Object.fromEntries(ERPS.map((erp) => [erp, new Set(ledger[erp])])) as Record<(typeof ERPS)[number], Set<string>>;
    const keysOf = (batch: Batch) => ({
      sap: Array.from({ length: batch.entryCount }, (_, i) => sapEntryMessageId(batch.batchId, i + 1)),
      netsuite: Array.from({ length: batch.entryCount }, (_, i) => netsuiteExternalId(batch.batchId, i + 1)),
      d365: [d365JournalDescription(batch.batchId)],
    });
    const lost = all.filter((batch) => ERPS.some((erp) => keysOf(batch)[erp].some((key) => !held[erp].has(key)))).length;
    const { stats } = await get<{ stats: Record<string, { maxInFlight: number }> }>(simulator.admin, '/admin/requests');
    console.log(`at the ERPs: ${ERPS.map((erp) => `${erp} ${ledger[erp].length} documents, at most ${stats[erp].maxInFlight} requests in flight`).join('; ')}`);
    console.log(
      JSON.stringify({
        bench: 'delivery',
        batches: all.length,
        acknowledged: all.length - lost,
        duplicatesAtErp,
        lost,
        captureRatioDuringOutage: Number((before === 0 ? 0 : during / before).toFixed(3)),
        drainSeconds: drainedAt === undefined ? null : Number(((drainedAt - recoveredAt) / 1000).toFixed(1)),
      }),
    );
  } finally {
    await app.stop();
    await simulator.stop();
    dir.remove();
  }
}

async function post(base: string, path: string, body: unknown): Promise<{ status: number }> {
  const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await response.arrayBuffer();
  return { status: response.status };
}

/** One client's orders, each placed, authorized, captured and shipped (three journal entries); `completed` gets each order's end, in ms since the start. */
async function orderLives(base: string, client: string, stopped: () => boolean, completed: number[], failures: { count: number }, started: number): Promise<void> {
  for (let n = 1; !stopped(); n++) {
    const orderId = `${client}-o${n}`;
    const order = `/orders/${orderId}`;
    const steps: Array<[string, unknown]> = [
      ['/orders', workedExampleOrder(orderId)],
      [`${order}/authorizations`, { authorizationId: 'auth-1', amountMinor: 10519, currency: 'USD', at: AT }],
      [`${order}/captures`, { captureId: 'cap-1', amountMinor: 10519, currency: 'USD', at: AT }],
      [
        `${order}/shipments`,
        {
          shipmentId: 's-1',
          lines: [
            { lineId: 'L1', quantity: 2 },
            { lineId: 'L2', quantity: 1 },
          ],
          shippedAt: AT,
        },
      ],
    ];
    let ok = true;
    for (const [path, body] of steps) {
      const answer = await post(base, path, body).catch(() => ({ status: 0 }));
      if (answer.status !== 201) {
        failures.count += 1;
        ok = false;
        break;
      }
    }
    if (ok) completed.push(Date.now() - started);
  }
}
