import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { call, startEdgeApp } from '../support/edge-app';
import { tempDir } from '../support/temp-dir';
import { startTestApp } from '../support/test-app';

// Its own file: logs written outside a request go to the first app started in a process.
describe('access control: without configured keys', () => {
  it('serves a local developer with every scope outside production', async () => {
    const dir = tempDir('edge-open');
    const edge = await startEdgeApp(dir.path, { API_KEYS: '' });
    try {
      const answer = await call(edge.base, 'POST', '/tabs/o1/items', { body: { channel: 'anything', sku: 'A', amountMinor: 100 } });
      assert.equal(answer.status, 201);
      const events = await edge.store.readStream('tab-o1');
      assert.equal(events[0].metadata.principal, 'local-dev');
      assert.deepEqual((await call(edge.base, 'GET', '/access/key')).body, { name: 'local-dev', scopes: [], unrestricted: true }, 'the console signs in without a key');
      assert.ok(
        edge.logs.lines.some((line) => String(line.msg).includes('no API keys configured')),
        'the open mode is announced',
      );
    } finally {
      await edge.close();
      dir.remove();
    }
  });

  it('refuses to start in production unless AUTH_DISABLED=true says so', async () => {
    const dir = tempDir('edge-prod');
    try {
      await assert.rejects(startTestApp({ dataDir: dir.path, env: { NODE_ENV: 'production' } }), /NODE_ENV=production needs API keys/);
    } finally {
      dir.remove();
    }
  });
});
