import { status as GrpcStatus } from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { EventStore } from '../../src/event-store/event-store.port';
import { call, callTabs, type EdgeApp, KEYS, startEdgeApp } from '../support/edge-app';
import { tempDir } from '../support/temp-dir';
import { StreamNotFoundError } from '../../src/event-store/event-store.errors';

const item = (channel: string, sku = 'A') => ({ channel, sku, amountMinor: 100 });

async function streamLength(store: EventStore, streamId: string): Promise<number> {
  try {
    return (await store.readStream(streamId)).length;
  } catch (error) {
    // Only a stream that was never written counts as empty; a broken store must fail the test.
    if (error instanceof StreamNotFoundError) return 0;
    throw error;
  }
}

describe('access control: API keys, scopes, channels, rate limits', () => {
  const dir = tempDir('edge-access');
  let edge: EdgeApp;
  let store: EventStore;
  before(async () => {
    edge = await startEdgeApp(dir.path);
    store = edge.store;
  });
  after(async () => {
    await edge.close();
    dir.remove();
  });

  it('refuses a request without a key or with an unknown key: 401 / UNAUTHENTICATED, nothing appended', async () => {
    assert.equal((await call(edge.base, 'POST', '/tabs/a1/items', { body: item('web') })).status, 401);
    const wrong = await call(edge.base, 'POST', '/tabs/a1/items', { key: 'lbk_not-a-key', body: item('web') });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.error.code, 'UNAUTHENTICATED');
    assert.equal((await callTabs(edge.grpcPort, 'AddItem', { tabId: 'a1', ...item('web') })).error?.code, GrpcStatus.UNAUTHENTICATED);
    assert.equal((await callTabs(edge.grpcPort, 'AddItem', { tabId: 'a1', ...item('web') }, { authorization: 'Bearer nope' })).error?.code, GrpcStatus.UNAUTHENTICATED);
    assert.equal(await streamLength(store, 'tab-a1'), 0);
  });

  it('accepts a key as Authorization: Bearer or x-api-key, over HTTP and gRPC', async () => {
    assert.equal((await call(edge.base, 'POST', '/tabs/a2/items', { key: KEYS.web, body: item('web') })).status, 201);
    assert.equal((await call(edge.base, 'POST', '/tabs/a2/items', { headers: { 'x-api-key': KEYS.web }, body: item('web') })).status, 201);
    const grpc = await callTabs(edge.grpcPort, 'AddItem', { tabId: 'a2', ...item('web') }, { 'x-api-key': KEYS.web });
    assert.equal(grpc.error, undefined);
    assert.equal(grpc.response.revision, 2);
  });

  it('refuses a key without the required scope: 403 / PERMISSION_DENIED naming the scope', async () => {
    const read = await call(edge.base, 'GET', '/tabs/a2', { key: KEYS.web });
    assert.equal(read.status, 403);
    assert.deepEqual(read.body.error.details, { requiredScope: 'finance:read' });
    assert.equal((await call(edge.base, 'GET', '/tabs/a2', { key: KEYS.finance })).status, 200);
    assert.equal((await callTabs(edge.grpcPort, 'Fail', { kind: 'refusal' }, { 'x-api-key': KEYS.finance })).error?.code, GrpcStatus.PERMISSION_DENIED);
  });

  it('refuses a channel key acting for another channel, over HTTP and gRPC, appending nothing', async () => {
    const http = await call(edge.base, 'POST', '/tabs/a3/items', { key: KEYS.pos, body: item('web') });
    assert.equal(http.status, 403);
    assert.equal(http.body.error.details.requiredScope, 'channel:web:write');
    const grpc = await callTabs(edge.grpcPort, 'AddItem', { tabId: 'a3', ...item('web') }, { 'x-api-key': KEYS.pos });
    assert.equal(grpc.error?.code, GrpcStatus.PERMISSION_DENIED);
    const noChannel = await call(edge.base, 'POST', '/tabs/a3/items', { key: KEYS.pos, body: { sku: 'A', amountMinor: 1 } });
    assert.equal(noChannel.status, 400, 'a request naming no channel is invalid');
    assert.equal(await streamLength(store, 'tab-a3'), 0);
  });

  it('tells a key its own name and scopes (GET /access/key, any valid key), and refuses no key or an unknown one', async () => {
    const own = await call(edge.base, 'GET', '/access/key', { key: KEYS.finance });
    assert.equal(own.status, 200);
    assert.deepEqual(own.body, { name: 'controller', scopes: ['finance:read'], unrestricted: false });
    assert.equal((await call(edge.base, 'GET', '/access/key', { key: KEYS.web })).body.name, 'web-shop');
    assert.equal((await call(edge.base, 'GET', '/access/key')).status, 401);
    assert.equal((await call(edge.base, 'GET', '/access/key', { key: 'lbk_guessed' })).body.error.code, 'UNAUTHENTICATED');
  });

  it('serves health probes and the API docs without a key', async () => {
    assert.equal((await fetch(`${edge.base}/health`)).status, 200);
    assert.equal((await fetch(`${edge.base}/docs-json`)).status, 200);
  });

  it('never writes a key to the logs, whether valid or not, on either transport', async () => {
    await call(edge.base, 'POST', '/tabs/a4/items', { key: KEYS.web, body: item('web') });
    await call(edge.base, 'POST', '/tabs/a4/items', { headers: { 'x-api-key': KEYS.pos }, body: item('web') });
    await call(edge.base, 'POST', '/tabs/a4/items', { headers: { 'x-api-key': 'lbk_guessed-secret' }, body: item('web') });
    await callTabs(edge.grpcPort, 'Fail', { kind: 'internal' }, { authorization: `Bearer ${KEYS.ops}` });
    const logged = edge.logs.lines.map((line) => JSON.stringify(line)).join('\n');
    assert.ok(logged.includes('/tabs/a4/items'), 'the requests were logged');
    for (const secret of [KEYS.web, KEYS.pos, KEYS.ops, 'lbk_guessed-secret']) assert.ok(!logged.includes(secret), `a key reached the logs: ${secret.slice(0, 12)}...`);
  });
});

describe('access control: rate limit per key', () => {
  const dir = tempDir('edge-rate');
  let edge: EdgeApp;
  before(async () => {
    edge = await startEdgeApp(dir.path, { RATE_LIMIT_PER_SECOND: '1', RATE_LIMIT_BURST: '3' });
  });
  after(async () => {
    await edge.close();
    dir.remove();
  });

  it('answers 429 with Retry-After once a key spends its burst, without touching other keys', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(edge.base, 'GET', '/tabs/r1', { key: KEYS.finance })).status);
    assert.deepEqual(statuses, [404, 404, 404, 429]);
    const limited = await call(edge.base, 'GET', '/tabs/r1', { key: KEYS.finance });
    assert.equal(limited.body.error.code, 'RATE_LIMITED');
    assert.equal(limited.headers.get('retry-after'), '1');
    const grpc = await callTabs(edge.grpcPort, 'Fail', { kind: 'refusal' }, { 'x-api-key': KEYS.finance });
    assert.equal(grpc.error?.code, GrpcStatus.RESOURCE_EXHAUSTED);
    assert.equal(grpc.error.metadata.get('retry-after')[0], '1');
    assert.equal((await call(edge.base, 'POST', '/tabs/fail/refusal', { key: KEYS.ops })).status, 422, 'another key is unaffected');
  });
});
