import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SqliteEventStore } from '../src/event-store/embedded/sqlite-event-store';
import { Worker } from 'node:worker_threads';
import { emptyTally, type FuzzedApp, fuzzCases, FuzzRunner, storeProbe } from '../test/fuzz/fuzz-run';
import { fuzzSettings, fuzzTargets } from '../test/fuzz/fuzz-targets';
import { tempDir } from '../test/support/temp-dir';
import { startAppProcess } from './commands/app-process';
import { AppMemoryReader, vmRssMb } from './soak/app-memory';

const PROBE = resolve(__dirname, 'soak', 'memory-probe.js');
const HEALTH_PROBE = resolve(__dirname, 'fuzz', 'health-probe.worker.js');
/** A request that holds the app's loop longer than this is listed with its case. */
const SLOW_LOOP_MS = 50;
const SLOWEST_KEPT = 20;

/**
 * The API fuzz of `npm test` (test/fuzz) at length: `--cases N` hostile requests (default
 * 100,000) over every HTTP route, gRPC method and webhook topic, one at a time, with `/health`
 * probed throughout (from a thread of the bench's own, so the bench's pauses do not count). The app runs in its own process, as `npm start` runs it (sagas off, so every
 * write is a request's), so the event-loop figure is the app's alone: a preloaded probe watches
 * its main loop, and after every request the bench asks it how long the loop was held meanwhile
 * (one request at a time, so each hold belongs to one case; a garbage collection belongs to the
 * request it interrupted). Prints the tally: 5xx answers (gRPC INTERNAL/UNKNOWN), refused
 * requests that wrote (read from the store's file on a read-only connection), undocumented error
 * bodies, unanswered requests, the longest hold of the app's loop with the cases that held it
 * over 50 ms, and the app's largest RSS.
 * Bars: status5xx = 0, refusedWithWrites = 0, maxLoopDelayMs <= 100. `--seed` replays a run.
 */
export async function fuzzBench(args: string[]): Promise<void> {
  const option = (name: string): string | undefined => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const cases = Number(option('cases') ?? 100_000);
  const seed = Number(option('seed') ?? Date.now() % 2 ** 31);
  const dir = tempDir('bench-fuzz');
  const logFile = join(dir.path, 'app.log');
  // Errors logged, so a finding's cause can be shown beside it.
  const app = await startAppProcess(join(dir.path, 'data'), { ...fuzzSettings(), LOG_LEVEL: 'error' }, ['--require', PROBE], { ipc: true, logFile });
  const probe = new AppMemoryReader(app.base, app.child);
  const store = new SqliteEventStore({ file: join(dir.path, 'data', 'events.sqlite'), readOnly: true });
  const fuzzed: FuzzedApp = { base: app.base, grpcPort: Number(app.grpcTarget.split(':')[1]), ...storeProbe(store) };
  let rssMax = vmRssMb(app.pid);
  const rssWatch = setInterval(() => (rssMax = Math.max(rssMax, vmRssMb(app.pid))), 250);
  const runner = new FuzzRunner(fuzzed, emptyTally());
  let health: { probes: number; failures: string[]; maxMs: number } | undefined;
  let maxLoopDelayMs = 0;
  let heldOverSlow = 0;
  let gcMaxMs = 0;
  const slowest: { loopMs: number; gcSeen: string; target: string; edits: string[] }[] = [];
  const started = performance.now();
  try {
    const targets = await fuzzTargets(app.base);
    const healthProbe = startHealthProbeThread(app.base, 100);
    console.log(`fuzz: seed ${seed}, ${cases} cases over ${targets.length} targets, app pid ${app.pid}`);
    await probe.loopDelay();
    let sent = 0;
    let shown = 0;
    try {
      for (const fuzzCase of fuzzCases(targets, cases, seed)) {
        await runner.run(fuzzCase);
        const { maxMs: loopMs, gc } = await probe.loopDelay();
        maxLoopDelayMs = Math.max(maxLoopDelayMs, loopMs);
        gcMaxMs = Math.max(gcMaxMs, gc.maxMs);
        if (loopMs > SLOW_LOOP_MS) {
          heldOverSlow++;
          const gcSeen = gc.count === 0 ? 'no gc' : `gc ${gc.count}x, ${Math.round(gc.totalMs)} ms, longest ${Math.round(gc.maxMs)} ms (kind ${gc.maxKind})`;
          slowest.push({ loopMs: Math.round(loopMs), gcSeen, target: fuzzCase.target, edits: fuzzCase.edits });
          slowest.sort((a, b) => b.loopMs - a.loopMs).splice(SLOWEST_KEPT);
        }
        // Each finding as it comes, so a run cut short still tells what it found.
        for (; shown < runner.tally.findings.length; shown++) {
          const finding = runner.tally.findings[shown];
          console.log(`fuzz: finding ${JSON.stringify(finding)}`);
          for (const line of loggedLines(logFile, finding.correlationId)) console.log(`fuzz:   logged ${line.slice(0, 2000)}`);
        }
        if (++sent % 10_000 === 0)
          console.log(
            `fuzz: ${sent} cases, ${Math.round((performance.now() - started) / 1000)} s, ${runner.tally.status5xx} 5xx, ${runner.tally.refusedWithWrites} refused with writes, ` +
              `loop held ${Math.round(maxLoopDelayMs)} ms at most, app RSS ${Math.round(rssMax)} MB at most`,
          );
      }
    } finally {
      health = await healthProbe.stop();
    }
  } finally {
    clearInterval(rssWatch);
    runner.close();
    await store.close();
    await app.stop();
    dir.remove();
  }
  for (const slow of slowest) console.log(`fuzz: loop held ${slow.loopMs} ms (${slow.gcSeen}) by ${slow.target}: ${slow.edits.join('; ').slice(0, 300)}`);
  const { tally } = runner;
  const statuses: Record<string, number> = {};
  for (const answers of tally.answers.values()) for (const [status, n] of answers) statuses[status] = (statuses[status] ?? 0) + n;
  console.log(
    JSON.stringify({
      bench: 'fuzz',
      seed,
      cases,
      requests: tally.requests,
      unsent: tally.unsent,
      seconds: Math.round((performance.now() - started) / 1000),
      status5xx: tally.status5xx,
      grpcInternal: tally.grpcInternal,
      refusedWithWrites: tally.refusedWithWrites,
      otherWrites: tally.otherWrites,
      badErrorBodies: tally.badErrorBodies,
      noAnswer: tally.noAnswer,
      findings: tally.findings.length,
      slowestMs: Math.round(tally.slowestMs),
      maxLoopDelayMs: Math.round(maxLoopDelayMs),
      loopHeldOver50Ms: heldOverSlow,
      longestGcPauseMs: Math.round(gcMaxMs),
      rssMaxMb: Math.round(rssMax),
      health: { probes: health?.probes, failures: health?.failures.length, slowestMs: Math.round(health?.maxMs ?? 0) },
      statuses,
    }),
  );
}

/** The app's log lines that carry `correlationId`. */
function loggedLines(logFile: string, correlationId: string): string[] {
  return readFileSync(logFile, 'utf8')
    .split('\n')
    .filter((line) => line.includes(correlationId));
}

/** `/health` probed every `intervalMs` from a worker thread (bench/fuzz/health-probe.worker.ts). */
function startHealthProbeThread(base: string, intervalMs: number): { stop(): Promise<{ probes: number; failures: string[]; maxMs: number }> } {
  const worker = new Worker(HEALTH_PROBE, { workerData: { base, intervalMs } });
  return {
    async stop() {
      const seen = new Promise<{ probes: number; failures: string[]; maxMs: number }>((done, fail) => {
        worker.once('message', done);
        worker.once('error', fail);
      });
      worker.postMessage('stop');
      try {
        return await seen;
      } finally {
        await worker.terminate();
      }
    },
  };
}
