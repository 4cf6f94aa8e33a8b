import { monitorEventLoopDelay } from 'node:perf_hooks';
import { emptyTally, type FuzzedApp, fuzzCases, FuzzRunner, startHealthProbe, storeProbe } from '../test/fuzz/fuzz-run';
import { fuzzCallers, fuzzSettings, fuzzTargets } from '../test/fuzz/fuzz-targets';
import { tempDir } from '../test/support/temp-dir';
import { startTestApp } from '../test/support/test-app';

/**
 * The API fuzz of `npm test` (test/fuzz) at length: `--cases N` hostile requests (default
 * 100,000) over every HTTP route, gRPC method and webhook topic, one at a time, with `/health`
 * probed throughout. Prints the tally: 5xx answers (gRPC INTERNAL/UNKNOWN), refused requests
 * that wrote, undocumented error bodies, unanswered requests, and the longest the event loop
 * was held (app and client share this process; the client's part per request is small) and the
 * largest RSS of the process.
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
  // Errors logged, so a finding's cause can be shown beside it (kept in memory, not printed).
  const app = await startTestApp({ dataDir: dir.path, keys: fuzzCallers(), env: { ...fuzzSettings(), LOG_LEVEL: 'error' } });
  const fuzzed: FuzzedApp = { base: app.base, grpcPort: app.grpcPort, ...storeProbe(app.store) };
  const delay = monitorEventLoopDelay({ resolution: 1 });
  let rssMax = process.memoryUsage.rss();
  const rssProbe = setInterval(() => (rssMax = Math.max(rssMax, process.memoryUsage.rss())), 250);
  const runner = new FuzzRunner(fuzzed, emptyTally());
  let probe: { probes: number; failures: string[]; maxMs: number } | undefined;
  const started = performance.now();
  try {
    const targets = await fuzzTargets(app.base);
    const health = startHealthProbe(app.base, 100);
    console.log(`fuzz: seed ${seed}, ${cases} cases over ${targets.length} targets`);
    delay.enable();
    let sent = 0;
    let shown = 0;
    try {
      for (const fuzzCase of fuzzCases(targets, cases, seed)) {
        await runner.run(fuzzCase);
        // Each finding as it comes, so a run cut short still tells what it found.
        for (; shown < runner.tally.findings.length; shown++) {
          const finding = runner.tally.findings[shown];
          const logged = app.logs.lines.filter((line) => JSON.stringify(line).includes(finding.correlationId));
          console.log(`fuzz: finding ${JSON.stringify(finding)}`);
          for (const line of logged) console.log(`fuzz:   logged ${JSON.stringify(line).slice(0, 2000)}`);
        }
        if (++sent % 10_000 === 0)
          console.log(
            `fuzz: ${sent} cases, ${Math.round((performance.now() - started) / 1000)} s, ${runner.tally.status5xx} 5xx, ${runner.tally.refusedWithWrites} refused with writes`,
          );
      }
    } finally {
      delay.disable();
      probe = await health.stop();
    }
  } finally {
    clearInterval(rssProbe);
    runner.close();
    await app.close();
    dir.remove();
  }
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
      maxLoopDelayMs: Math.round(delay.max / 1e6),
      rssMaxMb: Math.round(rssMax / 2 ** 20),
      health: { probes: probe?.probes, failures: probe?.failures.length, slowestMs: Math.round(probe?.maxMs ?? 0) },
      statuses,
    }),
  );
}
