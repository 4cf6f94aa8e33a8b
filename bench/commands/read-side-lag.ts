import { setTimeout as sleep } from 'node:timers/promises';

const POLL_MS = 50;
const DRAIN_LIMIT_SECONDS = 120;

interface ProjectionStatus {
  projection: string;
  state: string;
  eventsBehind: number;
  countCap: number;
}

async function projections(base: string): Promise<ProjectionStatus[]> {
  const response = await fetch(`${base}/projections`);
  if (!response.ok) throw new Error(`GET /projections answered ${response.status}`);
  return ((await response.json()) as { projections: ProjectionStatus[] }).projections;
}

export interface ReadSideDrain {
  /** The most events any projection was behind when the load stopped (GET /projections counts up to `countCap`). */
  lagAfterLoadEvents: number;
  /** A projection was at its count cap: the lag was at least that. */
  lagCapped: boolean;
  /** From the load's end until every projection was caught up; null when it was not within the limit. */
  drainSeconds: number | null;
  /** Projections still behind at the limit, and their states. */
  behindAtLimit: string[];
}

/**
 * Read-side lag right when the load stops, then GET /projections every 50 ms until every
 * projection has applied every event (`eventsBehind` 0 everywhere; sagas may still be appending).
 * `loadEnd` is process.hrtime.bigint() when the load stopped.
 */
export async function drainReadSide(base: string, loadEnd: bigint): Promise<ReadSideDrain> {
  const secondsSinceLoad = () => Number(process.hrtime.bigint() - loadEnd) / 1e9;
  let statuses = await projections(base);
  const lagAfterLoadEvents = Math.max(0, ...statuses.map((s) => s.eventsBehind));
  const lagCapped = statuses.some((s) => s.eventsBehind >= s.countCap);
  for (;;) {
    const at = secondsSinceLoad();
    if (statuses.every((s) => s.eventsBehind === 0)) return { lagAfterLoadEvents, lagCapped, drainSeconds: Number(at.toFixed(2)), behindAtLimit: [] };
    if (at > DRAIN_LIMIT_SECONDS) {
      const behind = statuses.filter((s) => s.eventsBehind > 0).map((s) => `${s.projection} (${s.state}, ${s.eventsBehind} behind)`);
      return { lagAfterLoadEvents, lagCapped, drainSeconds: null, behindAtLimit: behind };
    }
    await sleep(POLL_MS);
    statuses = await projections(base);
  }
}
