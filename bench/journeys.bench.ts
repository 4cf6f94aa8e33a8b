import { parseArgs } from 'node:util';
import { installPeer, type PeerOptions, runPeer } from './journeys/emmett-peer';
import { journeysInProcess } from './journeys/in-process';
import { measures } from './journeys/journey-run';
import { journeyOrder, ORDER_0_TOTAL, totalsChecksum } from './journeys/order-journey';
import { journeysOverHttp } from './journeys/over-http';
import type { Verification } from './journeys/stream-check';

const CONCURRENCIES = [1, 100];
const DEFAULT_N = 10_000;
/** Journeys at C=1 on each side's fresh store (and app) before its clock starts, not counted. */
const DEFAULT_WARM_UP = 200;
/** Prefer: wait=N on a journey's reads while it waits for the saga's capture: the service's longest wait. */
const DEFAULT_WAIT_SECONDS = 30;
/** As shipped the peer starves in SQLite busy handlers at C=100 (order-journey.md): with C > 1 it starts journeys this long only. */
const PEER_SHIPPED_CONCURRENT_SECONDS = 30;
const SIDES = ['in-process', 'http', 'peer'] as const;
type Side = (typeof SIDES)[number];

interface Options {
  n: number;
  concurrencies: number[];
  warmUp: number;
  waitSeconds: number;
  sides: Set<Side>;
  peerRetryBusy: boolean;
}

function options(args: string[]): Options {
  const { values } = parseArgs({
    args,
    options: {
      n: { type: 'string', default: String(DEFAULT_N) },
      c: { type: 'string', default: CONCURRENCIES.join(',') },
      'warm-up': { type: 'string', default: String(DEFAULT_WARM_UP) },
      'wait-s': { type: 'string', default: String(DEFAULT_WAIT_SECONDS) },
      only: { type: 'string', default: SIDES.join(',') },
      'peer-retry-busy': { type: 'boolean', default: false },
    },
  });
  const count = (name: string, value: string, min: number) => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min) throw new Error(`--${name} must be an integer >= ${min}, got "${value}"`);
    return parsed;
  };
  const sides = values.only.split(',').map((side) => side.trim());
  const unknown = sides.filter((side) => !(SIDES as readonly string[]).includes(side));
  if (unknown.length > 0) throw new Error(`--only takes ${SIDES.join(', ')} (comma-separated), got "${unknown.join(',')}"`);
  return {
    n: count('n', values.n, 1),
    concurrencies: values.c.split(',').map((c) => count('c', c.trim(), 1)),
    warmUp: count('warm-up', values['warm-up'], 0),
    waitSeconds: count('wait-s', values['wait-s'], 1),
    sides: new Set(sides as Side[]),
    peerRetryBusy: values['peer-retry-busy'],
  };
}

function verificationFields(verification: Verification) {
  return {
    verifiedStreams: verification.verified,
    verified: verification.verified === verification.streams,
    ...(verification.firstProblem !== undefined && { firstProblem: verification.firstProblem }),
  };
}

function line(fields: object): void {
  console.log(JSON.stringify({ bench: 'journeys', ...fields }));
}

/**
 * The order-journey workload (place, authorize, capture, ship; C workers over N orders) through
 * Ledgerbridge's command pipeline in process and over HTTP against the real app, and through the
 * Emmett peer in the same run. One JSON line per configuration, then the C=100 summary.
 */
export async function journeysBench(args: string[]): Promise<void> {
  const { n, concurrencies, warmUp, waitSeconds, sides, peerRetryBusy } = options(args);
  const order0 = journeyOrder('check', 0).totalMinor;
  if (order0 !== ORDER_0_TOTAL) throw new Error(`order 0 totals ${order0}, the workload says ${ORDER_0_TOTAL}`);
  console.log(`journeys: N=${n} per configuration, C=${concurrencies.join(' and ')}, ${warmUp} warm-up journeys each, sides: ${[...sides].join(', ')}`);

  // Before anything is measured: installing compiles the peer's SQLite driver.
  const peerMissing = sides.has('peer') ? await installPeer() : 'not run (--only)';
  if (sides.has('peer') && peerMissing !== undefined) console.log(`journeys: the Emmett peer is unavailable, reported as null: ${peerMissing}`);

  const atC100: { inProcess?: ReturnType<typeof measures>; http?: ReturnType<typeof measures>; peerFifo?: Record<string, any> } = {};
  let unverified = 0;

  if (sides.has('in-process')) {
    for (const concurrency of concurrencies) {
      const { run, verification, orderPlacedBytes } = await journeysInProcess(n, concurrency, warmUp);
      const measured = measures(run);
      line({ side: 'in-process', ...measured, commandsPerJourney: 4, ...verificationFields(verification), orderPlacedBytes });
      if (verification.verified !== n) unverified += 1;
      if (concurrency === 100) atC100.inProcess = measured;
    }
  }

  if (sides.has('http')) {
    for (const concurrency of concurrencies) {
      const { run, verification, captureWaits } = await journeysOverHttp(n, concurrency, warmUp, waitSeconds);
      const measured = measures(run);
      // Three commands sent per journey; the fulfillment saga sends two more (reserve, capture) inside the app.
      line({ side: 'http', ...measured, commandsPerJourney: 3, waitSeconds, ...captureWaits, ...verificationFields(verification) });
      if (verification.verified !== n) unverified += 1;
      if (concurrency === 100) atC100.http = measured;
    }
  }

  if (peerMissing === undefined) {
    const expectedChecksum = totalsChecksum(n);
    // As shipped at every C; with its appends behind the FIFO lock where there is more than one writer.
    type PeerConfiguration = Omit<PeerOptions, 'n' | 'warmUp' | 'retryBusy'>;
    const configurations = concurrencies.flatMap((concurrency): PeerConfiguration[] =>
      concurrency === 1
        ? [{ concurrency, mode: 'shipped' }]
        : [
            { concurrency, mode: 'shipped', maxSeconds: PEER_SHIPPED_CONCURRENT_SECONDS },
            { concurrency, mode: 'fifo' },
          ],
    );
    for (const configuration of configurations) {
      const peer = await runPeer({ ...configuration, n, warmUp, retryBusy: peerRetryBusy });
      if (!peer.ok) {
        line({ side: 'peer', mode: configuration.mode, C: configuration.concurrency, N: n, unavailable: peer.why });
        continue;
      }
      const { verification, totalsChecksum: peerChecksum, ...report } = peer.report;
      if (peerChecksum !== expectedChecksum) throw new Error(`the peer's orders total ${peerChecksum}, ours ${expectedChecksum}: the two workloads differ`);
      line({ side: 'peer', ...report, commandsPerJourney: 3, ...verificationFields(verification) });
      if (configuration.mode === 'fifo' && configuration.concurrency === 100) atC100.peerFifo = report;
    }
  }

  const { inProcess, http } = atC100;
  const peerOrdersPerSec: number | null = atC100.peerFifo?.ordersPerSec ?? null;
  const inProcessOrdersPerSec = inProcess?.ordersPerSec ?? null;
  if (unverified > 0) {
    console.error(`journeys: ${unverified} Ledgerbridge configuration(s) failed the verification (see "firstProblem" above)`);
    process.exitCode = 1;
  }
  console.log(
    JSON.stringify({
      bench: 'journeys',
      inProcessOrdersPerSec,
      httpOrdersPerSec: http?.ordersPerSec ?? null,
      p99CommandMs: inProcess?.p99CommandMs ?? null,
      errors: (inProcess?.errors ?? 0) + (http?.errors ?? 0),
      peerOrdersPerSec,
      ratioToPeer: inProcessOrdersPerSec !== null && peerOrdersPerSec ? Number((inProcessOrdersPerSec / peerOrdersPerSec).toFixed(2)) : null,
    }),
  );
}
