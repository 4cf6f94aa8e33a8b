import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { tempDir } from '../support/temp-dir';
import { startTestApp, type TestApp } from '../support/test-app';
import { emptyTally, type FuzzedApp, fuzzCases, FuzzRunner, startHealthProbe, storeProbe } from './fuzz-run';
import { fuzzCallers, fuzzSettings, fuzzTargets, type FuzzTarget } from './fuzz-targets';

/** About 2,000 hostile requests; `npm run bench -- fuzz` sends 100,000. FUZZ_SEED replays a run. */
const CASES = 2_000;
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

describe('Fuzz: hostile requests on every HTTP route, gRPC method and webhook topic the app serves', () => {
  const dir = tempDir('fuzz');
  let app: TestApp;
  let fuzzed: FuzzedApp;
  let targets: FuzzTarget[];
  before(async () => {
    app = await startTestApp({ dataDir: dir.path, keys: fuzzCallers(), env: fuzzSettings() });
    fuzzed = { base: app.base, grpcPort: app.grpcPort, ...storeProbe(app.store) };
    targets = await fuzzTargets(app.base);
  });
  after(async () => {
    await app?.close();
    dir.remove();
  });

  it('finds its targets in the app itself: every documented operation, every served gRPC method', async () => {
    const names = targets.map((t) => t.name);
    for (const expected of [
      'POST /orders',
      'POST /channels/pos/transactions',
      'GET /orders/{orderId}',
      'ledgerbridge.order.v1.Orders/PlaceOrder',
      'grpc.health.v1.Health/Check',
      'POST /channels/shopify/webhooks (orders/create)',
    ]) {
      assert.ok(names.includes(expected), `${expected} is fuzzed`);
    }
    assert.ok(targets.filter((t) => t.valid).length >= 40, 'the write routes start from requests the app accepts');
  });

  it('starts from valid requests: each is taken (HTTP 2xx; gRPC not refused as invalid)', async () => {
    const runner = new FuzzRunner(fuzzed, emptyTally(), 'fz-valid');
    const wrong: string[] = [];
    try {
      for (const target of targets) {
        if (!target.valid) continue;
        const status = await runner.run(target.valid);
        const taken = target.valid.kind === 'http' ? /^2/.test(status) : !/INVALID_ARGUMENT|INTERNAL|UNKNOWN/.test(status);
        if (!taken) wrong.push(`${target.name}: ${status} ${runner.tally.findings.at(-1)?.answer ?? ''}`);
      }
    } finally {
      runner.close();
    }
    assert.deepEqual(wrong, []);
  });

  it(`${CASES} hostile requests (seed ${SEED}): never a 5xx, INTERNAL or UNKNOWN; the documented error body; a refused request appends nothing; /health answers throughout`, async (t) => {
    const runner = new FuzzRunner(fuzzed);
    const health = startHealthProbe(app.base, 100);
    let probe: Awaited<ReturnType<typeof health.stop>>;
    try {
      for (const fuzzCase of fuzzCases(targets, CASES, SEED)) await runner.run(fuzzCase);
    } finally {
      runner.close();
      probe = await health.stop();
    }
    const { tally } = runner;
    const statuses = new Map<string, number>();
    for (const answers of tally.answers.values()) for (const [status, n] of answers) statuses.set(status, (statuses.get(status) ?? 0) + n);
    t.diagnostic(
      `seed ${SEED}: ${tally.requests} requests, answers ${JSON.stringify(Object.fromEntries([...statuses].sort()))}, slowest ${Math.round(tally.slowestMs)} ms, /health ${probe.probes} probes, slowest ${Math.round(probe.maxMs)} ms`,
    );
    assert.deepEqual(tally.findings, [], `replay with FUZZ_SEED=${SEED}`);
    assert.deepEqual(
      {
        status5xx: tally.status5xx,
        grpcInternal: tally.grpcInternal,
        refusedWithWrites: tally.refusedWithWrites,
        otherWrites: tally.otherWrites,
        noAnswer: tally.noAnswer,
        badErrorBodies: tally.badErrorBodies,
      },
      { status5xx: 0, grpcInternal: 0, refusedWithWrites: 0, otherWrites: 0, noAnswer: 0, badErrorBodies: 0 },
    );
    assert.deepEqual(probe.failures, [], '/health answered 200 to every probe');
    assert.ok(tally.requests >= CASES * 0.95, `${tally.requests} of ${CASES} cases sent (${tally.unsent} the client could not send)`);
    assert.deepEqual(
      targets.filter((target) => !tally.answers.has(target.name)).map((target) => target.name),
      [],
      'every target was fuzzed',
    );
    // Reaching the deciders, not only the parser: business refusals and acceptances among the answers.
    for (const deep of ['201', '422', 'gRPC OK', 'gRPC FAILED_PRECONDITION']) assert.ok((statuses.get(deep) ?? 0) > 0, `some answers are ${deep}`);
  });
});
