import assert from 'node:assert/strict';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { after, before, describe, it } from 'node:test';
import type { EventStore } from '../../src/event-store/event-store.port';
import { grpcHealthCheck } from '../support/grpc-health-client';
import { tempDir } from '../support/temp-dir';
import { type AppLogs, startTestApp } from '../support/test-app';

describe('application: health, readiness, logs', () => {
  const dir = tempDir('app');
  let logs: AppLogs;
  let app: NestFastifyApplication;
  let base: string;
  let grpcPort: number;
  let store: EventStore;

  before(async () => {
    // The whole service as `npm start` runs it: no keys, sagas on.
    ({ app, base, grpcPort, store, logs } = await startTestApp({ dataDir: dir.path, env: { SAGAS_ENABLED: 'true' } }));
  });
  after(async () => {
    await app.close();
    dir.remove();
  });

  it('answers /health and /ready, and echoes the caller’s correlation id into every request log line', async () => {
    const health = await fetch(`${base}/health`);
    assert.equal(health.status, 200);
    const alive = (await health.json()) as { status: string; info: { process: { status: string } } };
    assert.equal(alive.status, 'ok');
    assert.equal(alive.info.process.status, 'up');

    const ready = await fetch(`${base}/ready`, { headers: { 'x-correlation-id': 'corr-ready-42', authorization: 'Bearer s3cr3t' } });
    assert.equal(ready.status, 200);
    const readiness = (await ready.json()) as { status: string; info: Record<string, unknown>; error: object };
    assert.equal(readiness.status, 'ok');
    assert.deepEqual(readiness.info.store, { status: 'up', eventStore: 'embedded' });
    assert.deepEqual(readiness.info.node, { status: 'up', roles: ['api', 'projections', 'sagas', 'delivery'] });
    assert.deepEqual(readiness.error, {});
    assert.equal(ready.headers.get('x-correlation-id'), 'corr-ready-42');

    const requestLines = logs.lines.filter((line) => (line.req as { url?: string } | undefined)?.url === '/ready');
    assert.equal(requestLines.length, 1, 'the request was logged once');
    assert.equal(requestLines[0].correlationId, 'corr-ready-42');
    assert.ok(!logs.lines.some((line) => JSON.stringify(line).includes('s3cr3t')), 'the authorization header never reaches the log');
  });

  it('makes up a correlation id when the caller gives none or an unsafe one', async () => {
    const plain = await fetch(`${base}/health`);
    assert.match(plain.headers.get('x-correlation-id') ?? '', /^[0-9a-f-]{36}$/);
    const hostile = await fetch(`${base}/health`, { headers: { 'x-correlation-id': 'a"b\\n{"level":60}' } });
    assert.match(hostile.headers.get('x-correlation-id') ?? '', /^[0-9a-f-]{36}$/);
  });

  it('serves the standard gRPC health check', async () => {
    assert.equal(await grpcHealthCheck(grpcPort), 'SERVING');
    await assert.rejects(grpcHealthCheck(grpcPort, 'no.such.Service'), /NOT_FOUND|unknown service/);
  });

  it('reports not ready, over HTTP and gRPC, once the store is closed, logging why under the request’s correlation id', async () => {
    await store.close();
    const ready = await fetch(`${base}/ready`, { headers: { 'x-correlation-id': 'corr-down-7' } });
    assert.equal(ready.status, 503);
    const readiness = (await ready.json()) as { status: string; error: { store?: { status: string; message: string } } };
    assert.equal(readiness.status, 'error');
    assert.equal(readiness.error.store?.status, 'down');
    assert.match(readiness.error.store?.message ?? '', /closed/);
    const warning = logs.lines.find((line) => typeof line.msg === 'string' && line.msg.includes('event store is not answering'));
    assert.ok(warning, 'the failed readiness check was logged');
    assert.equal(warning.correlationId, 'corr-down-7');
    assert.equal(await grpcHealthCheck(grpcPort), 'NOT_SERVING');
  });
});
