import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { tempDir } from '../support/temp-dir';
import { type AppLogs, startTestApp, type TestApp } from '../support/test-app';

describe('logs above info (LOG_LEVEL=warn, as the benchmarks run)', () => {
  const dir = tempDir('quiet-logs');
  let app: TestApp;
  let logs: AppLogs;
  before(async () => {
    app = await startTestApp({ dataDir: dir.path, env: { LOG_LEVEL: 'warn' } });
    ({ logs } = app);
  });
  after(async () => {
    await app.close();
    dir.remove();
  });

  it('writes no line per request', async () => {
    const before = logs.lines.length;
    for (const id of ['corr-quiet-1', 'corr-quiet-2']) assert.equal((await fetch(`${app.base}/health`, { headers: { 'x-correlation-id': id } })).status, 200);
    assert.deepEqual(logs.lines.slice(before), []);
  });

  it('still gives a warning written while serving a request that request’s correlation id, also with other requests in flight', async () => {
    await app.store.close();
    const answers = await Promise.all(['corr-quiet-a', 'corr-quiet-b', 'corr-quiet-c'].map((id) => fetch(`${app.base}/ready`, { headers: { 'x-correlation-id': id } })));
    assert.deepEqual(
      answers.map((answer) => answer.status),
      [503, 503, 503],
    );
    const warnings = logs.lines.filter((line) => typeof line.msg === 'string' && line.msg.includes('event store is not answering'));
    assert.deepEqual(warnings.map((line) => line.correlationId).sort(), ['corr-quiet-a', 'corr-quiet-b', 'corr-quiet-c']);
    assert.ok(
      warnings.every((line) => line.level === 40 && line.req === undefined),
      'warnings, without the request serialized into them',
    );
  });
});
