import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { workedExampleOrder } from '../order/api/order-requests';
import { call } from '../support/edge-app';
import { grpcHealthCheck, watchHealth } from '../support/grpc-health-client';
import { startTestApp, type TestApp } from '../support/test-app';
import { TEST_CALLERS, TEST_KEYS as KEYS } from '../support/test-keys';
import { tempDir } from '../support/temp-dir';

// Its own file: the log lines are read from the app's capture, and a process logs through the first app it started.
describe('shutdown: from SIGTERM (or app.close()) readiness says shutting_down while the service still serves for SHUTDOWN_DRAIN', () => {
  const dir = tempDir('health-drain');
  let app: TestApp;
  before(async () => {
    app = await startTestApp({ dataDir: dir.path, keys: TEST_CALLERS, env: { SHUTDOWN_DRAIN: '2s' } });
  });
  after(() => dir.remove());

  it('answers readiness 503 shutting_down and turns gRPC health NOT_SERVING while it still serves for SHUTDOWN_DRAIN, then stops', async () => {
    const watch = watchHealth(app.grpcPort);
    await watch.next(1);
    assert.deepEqual(watch.statuses, ['SERVING']);
    const closed = app.close();
    try {
      await watch.next(2);
      assert.deepEqual(watch.statuses, ['SERVING', 'NOT_SERVING'], 'Watch is told at once');
      const ready = await fetch(`${app.base}/ready`);
      assert.equal(ready.status, 503);
      const body = (await ready.json()) as any;
      assert.equal(body.status, 'shutting_down');
      assert.equal(body.info.store.status, 'up', 'the indicators still say how things stand');
      assert.equal(await grpcHealthCheck(app.grpcPort), 'NOT_SERVING');
      const placed = await call(app.base, 'POST', '/orders', { key: KEYS.web, body: workedExampleOrder('drain-1') });
      assert.equal(placed.status, 201, 'requests are still served while draining');
      assert.equal((await fetch(`${app.base}/health`)).status, 200, 'liveness stays up: the process is not stuck');
    } finally {
      watch.cancel();
      await closed;
    }
    const messages = app.logs.lines.map((line) => String(line.msg));
    assert.ok(
      messages.some((msg) => /^shutting down: readiness answers 503 shutting_down, still serving for 2000 ms/.test(msg)),
      messages.join('\n'),
    );
    assert.ok(
      messages.some((msg) => /^stopping: /.test(msg)),
      messages.slice(-8).join('\n'),
    );
    assert.match(messages.at(-1) ?? '', /^stopped: the servers are closed, every accepted append is committed, the event store is closed$/, 'the last line');
    await assert.rejects(fetch(`${app.base}/ready`), 'stopped');
  });
});
