/** Times one command; a command that throws is an error and ends its journey. */
export type Timed = <T>(command: () => Promise<T>) => Promise<T>;

/** Runs order i's journey, sending each command through `timed`, one after another. */
export type Journey = (i: number, timed: Timed) => Promise<void>;

export interface JourneyRun {
  concurrency: number;
  n: number;
  /** First command's start to last command's end. */
  elapsedSeconds: number;
  completedJourneys: number;
  commands: number;
  /** Commands that failed, and journeys that failed between commands (a capture never seen). */
  errors: number;
  /** Error counts by kind (code or name, and the start of the message). */
  errorKinds: Record<string, number>;
  /** Every command's latency (ms), failed ones included. */
  latenciesMs: number[];
}

/**
 * `concurrency` workers share one ascending counter: each takes the next unstarted order and
 * runs its journey to the end (or to its first failed command) before taking another, so at
 * most `concurrency` journeys and commands are in flight and no two touch the same order.
 */
export async function runJourneys(n: number, concurrency: number, journey: Journey): Promise<JourneyRun> {
  const latenciesMs: number[] = [];
  const errorKinds = new Map<string, number>();
  let next = 0;
  let completedJourneys = 0;
  let firstStart = Number.POSITIVE_INFINITY;
  let lastEnd = 0;
  const counted = new WeakSet<object>();
  const count = (error: unknown) => {
    if (typeof error === 'object' && error !== null) {
      if (counted.has(error)) return;
      counted.add(error);
    }
    const kind = errorKind(error);
    errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);
  };
  const timed: Timed = async (command) => {
    const start = performance.now();
    firstStart = Math.min(firstStart, start);
    try {
      return await command();
    } catch (error) {
      count(error);
      throw error;
    } finally {
      const end = performance.now();
      latenciesMs.push(end - start);
      lastEnd = Math.max(lastEnd, end);
    }
  };
  const worker = async () => {
    while (next < n) {
      const i = next++;
      try {
        await journey(i, timed);
        completedJourneys += 1;
      } catch (error) {
        count(error);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const errors = [...errorKinds.values()].reduce((sum, times) => sum + times, 0);
  return {
    concurrency,
    n,
    elapsedSeconds: latenciesMs.length === 0 ? 0 : (lastEnd - firstStart) / 1000,
    completedJourneys,
    commands: latenciesMs.length,
    errors,
    errorKinds: Object.fromEntries(errorKinds),
    latenciesMs,
  };
}

function errorKind(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 80);
  const code = (error as { code?: unknown }).code;
  return `${typeof code === 'string' ? code : error.name}: ${error.message.slice(0, 80)}`;
}

/** Nearest rank: the smallest latency with at least p% of all at or below it. */
export function percentileMs(sortedMs: number[], p: number): number | null {
  if (sortedMs.length === 0) return null;
  return sortedMs[Math.max(1, Math.ceil((p / 100) * sortedMs.length)) - 1];
}

/** The measures of order-journey.md, ready for the configuration's JSON line. */
export function measures(run: JourneyRun) {
  const sorted = [...run.latenciesMs].sort((a, b) => a - b);
  const perSec = (count: number) => (run.elapsedSeconds > 0 ? round(count / run.elapsedSeconds, 1) : 0);
  return {
    C: run.concurrency,
    N: run.n,
    elapsedSeconds: round(run.elapsedSeconds, 2),
    ordersPerSec: perSec(run.completedJourneys),
    commandsPerSec: perSec(run.commands),
    p50CommandMs: roundOrNull(percentileMs(sorted, 50)),
    p99CommandMs: roundOrNull(percentileMs(sorted, 99)),
    errors: run.errors,
    completedJourneys: run.completedJourneys,
    ...(run.errors > 0 && { errorKinds: run.errorKinds }),
  };
}

export const round = (x: number, digits: number) => Number(x.toFixed(digits));
const roundOrNull = (x: number | null) => (x === null ? null : round(x, 2));
