import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { watchHealth } from '../support/grpc-health-client';
import { startTestApp, type TestApp } from '../support/test-app';
import { TEST_CALLERS } from '../support/test-keys';
import { tempDir } from '../support/temp-dir';

describe('health: liveness, readiness and the gRPC health service in the @nestjs/terminus shape', () => {
  describe('while serving', () => {
    const dir = tempDir('health');
    let app: TestApp;
    before(async () => {
      app = await startTestApp({ dataDir: dir.path, keys: TEST_CALLERS });
    });
    after(async () => {
      await app.close();
      dir.remove();
    });

    it('answers liveness without asking anything of the store', async () => {
      const answer = await fetch(`${app.base}/health`);
      assert.equal(answer.status, 200);
      const body = (await answer.json()) as any;
      assert.deepEqual(Object.keys(body).sort(), ['details', 'error', 'info', 'status']);
      assert.equal(body.status, 'ok');
      assert.equal(body.info.process.status, 'up');
      assert.deepEqual(body.error, {});
    });

    it('answers readiness with the store, the node and the projections, each with its status and details', async () => {
      const answer = await fetch(`${app.base}/ready`);
      assert.equal(answer.status, 200);
      const body = (await answer.json()) as any;
      assert.equal(body.status, 'ok');
      assert.deepEqual(body.info.store, { status: 'up', eventStore: 'embedded' });
      assert.equal(body.info.node.status, 'up');
      assert.equal(body.info.projections.status, 'up');
      assert.ok(['live', 'catching-up', 'starting'].includes(body.info.projections.projections.journal.state));
      assert.deepEqual(body.details, body.info, 'details lists every indicator');
    });

    it('streams SERVING on Watch, and SERVICE_UNKNOWN for a service it does not serve', async () => {
      const served = watchHealth(app.grpcPort);
      const unknown = watchHealth(app.grpcPort, 'no.such.Service');
      try {
        await served.next(1);
        await unknown.next(1);
        assert.deepEqual(served.statuses, ['SERVING']);
        assert.deepEqual(unknown.statuses, ['SERVICE_UNKNOWN']);
      } finally {
        served.cancel();
        unknown.cancel();
      }
    });
  });
});
