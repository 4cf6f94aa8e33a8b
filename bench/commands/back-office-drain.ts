import { setTimeout as sleep } from 'node:timers/promises';
import { LAG_COUNT_CAP } from '../../src/event-store/log-lag';

const POLL_MS = 50;
const DRAIN_LIMIT_SECONDS = 120;
/**
 * Nothing behind anywhere for this long counts as drained: a saga can have taken every event and
 * still be finishing steps whose records the log has not shown yet.
 */
const QUIET_SECONDS = 0.5;

/** A projection (GET /projections, with its state) or a saga (GET /ops/sagas): how far behind the log it is. */
interface Follower {
  name: string;
  eventsBehind: number;
}

interface BackOffice {
  projections: Follower[];
  sagas: Follower[];
}

async function read<T>(base: string, path: string): Promise<T> {
  const response = await fetch(`${base}${path}`);
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
  return (await response.json()) as T;
}

async function backOffice(base: string): Promise<BackOffice> {
  const [{ projections }, { sagas }] = await Promise.all([
    read<{ projections: Array<{ projection: string; state: string; eventsBehind: number }> }>(base, '/projections'),
    read<{ sagas: Array<{ saga: string; eventsBehind: number }> }>(base, '/ops/sagas'),
  ]);
  return {
    projections: projections.map((p) => ({ name: `${p.projection} (${p.state})`, eventsBehind: p.eventsBehind })),
    sagas: sagas.map((s) => ({ name: s.saga, eventsBehind: s.eventsBehind })),
  };
}

export interface BackOfficeDrain {
  /** The most events any projection was behind when the load stopped (GET /projections counts up to 10,000). */
  lagAfterLoadEvents: number;
  /** A projection was at the count cap: its lag was at least that. */
  lagCapped: boolean;
  /** From the load's end until every projection was caught up; null when it was not within the limit. */
  drainSeconds: number | null;
  /** The most events any saga was behind when the load stopped (GET /ops/sagas, counted up to 10,000). */
  sagaLagAfterLoadEvents: number;
  /** A saga was at the count cap: its lag was at least that. */
  sagaLagCapped: boolean;
  /** From the load's end until every saga and every projection was caught up at once (and stayed so for QUIET_SECONDS); null when not within the limit. */
  sagasDrainSeconds: number | null;
  /** What was still behind at the limit. */
  behindAtLimit: string[];
}

/**
 * The back office's lag right when the load stops, then GET /projections and GET /ops/sagas every
 * 50 ms until all of it has taken every event at once and stays so for QUIET_SECONDS (the sagas'
 * own records reach the projections too), so that what is measured next does not share the CPU
 * with a backlog.
 * `loadEnd` is process.hrtime.bigint() when the load stopped.
 */
export async function drainBackOffice(base: string, loadEnd: bigint): Promise<BackOfficeDrain> {
  const secondsSinceLoad = () => Number((Number(process.hrtime.bigint() - loadEnd) / 1e9).toFixed(2));
  let now = await backOffice(base);
  const lagAfterLoadEvents = Math.max(0, ...now.projections.map((p) => p.eventsBehind));
  const lagCapped = now.projections.some((p) => p.eventsBehind >= LAG_COUNT_CAP);
  const sagaLagAfterLoadEvents = Math.max(0, ...now.sagas.map((s) => s.eventsBehind));
  const sagaLagCapped = sagaLagAfterLoadEvents >= LAG_COUNT_CAP;
  let drainSeconds: number | null = null;
  let quietSince: number | undefined;
  for (;;) {
    const at = secondsSinceLoad();
    const behind = [...now.projections, ...now.sagas].filter((follower) => follower.eventsBehind > 0);
    if (drainSeconds === null && now.projections.every((p) => p.eventsBehind === 0)) drainSeconds = at;
    quietSince = behind.length === 0 ? (quietSince ?? at) : undefined;
    if (quietSince !== undefined && at - quietSince >= QUIET_SECONDS) {
      return { lagAfterLoadEvents, lagCapped, drainSeconds, sagaLagAfterLoadEvents, sagaLagCapped, sagasDrainSeconds: quietSince, behindAtLimit: [] };
    }
    if (at > DRAIN_LIMIT_SECONDS) {
      const behindAtLimit = behind.map((follower) => `${follower.name}: ${follower.eventsBehind} behind`);
      return { lagAfterLoadEvents, lagCapped, drainSeconds, sagaLagAfterLoadEvents, sagaLagCapped, sagasDrainSeconds: null, behindAtLimit };
    }
    await sleep(POLL_MS);
    now = await backOffice(base);
  }
}
