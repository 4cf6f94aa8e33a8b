import { status as GrpcStatus } from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, callTabs, type EdgeApp, grpcErrorBody, KEYS, startEdgeApp } from '../support/edge-app';
import { tempDir } from '../support/temp-dir';

describe('errors: one mapping and one body for HTTP and gRPC', () => {
  const dir = tempDir('edge-errors');
  let edge: EdgeApp;
  before(async () => {
    edge = await startEdgeApp(dir.path);
  });
  after(async () => {
    await edge.close();
    dir.remove();
  });

  it('answers invalid input with 400 listing every field by its path, nested ones included', async () => {
    const answer = await call(edge.base, 'POST', '/tabs/t1/items', {
      key: KEYS.web,
      body: { channel: 'web', sku: '', amountMinor: -1, notes: [{ text: 'ok' }, { text: 'ok' }, { text: 'far too long a note' }], extra: 1 },
      headers: { 'x-correlation-id': 'corr-400' },
    });
    assert.equal(answer.status, 400);
    const { error } = answer.body;
    assert.equal(error.code, 'VALIDATION_FAILED');
    assert.equal(error.correlationId, 'corr-400');
    const paths = error.fields.map((f: { path: string }) => f.path).sort();
    assert.deepEqual(paths, ['amountMinor', 'extra', 'notes[2].text', 'sku'], JSON.stringify(error.fields));
    assert.ok(
      error.fields.every((f: { reason: string }) => f.reason.length > 0),
      'each field says why',
    );
  });

  it('answers invalid gRPC input with INVALID_ARGUMENT, field paths in the message and the JSON body in metadata', async () => {
    const { error } = await callTabs(
      edge.grpcPort,
      'AddItem',
      { tabId: 't1', channel: 'web', sku: 'A', amountMinor: -5, notes: [{ text: 'far too long a note' }] },
      { authorization: `Bearer ${KEYS.web}` },
    );
    assert.equal(error?.code, GrpcStatus.INVALID_ARGUMENT);
    assert.match(error.details, /amountMinor/);
    assert.match(error.details, /notes\[0\]\.text/);
    const body = grpcErrorBody(error);
    assert.deepEqual(body.error.fields.map((f: { path: string }) => f.path).sort(), ['amountMinor', 'notes[0].text']);
  });

  it('answers a malformed JSON body with 400, a body over 1 MiB with 413, an unknown route with 404', async () => {
    const malformed = await fetch(`${edge.base}/tabs/t1/items`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEYS.web}`, 'content-type': 'application/json' },
      body: '{"channel": "web",',
    });
    assert.equal(malformed.status, 400);
    assert.equal(((await malformed.json()) as any).error.code, 'MALFORMED_BODY');

    const huge = await fetch(`${edge.base}/tabs/t1/items`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEYS.web}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'web', sku: 'x'.repeat(2 * 1024 * 1024) }),
    });
    assert.equal(huge.status, 413);
    const hugeBody = (await huge.json()) as any;
    assert.equal(hugeBody.error.code, 'BODY_TOO_LARGE');
    assert.ok(hugeBody.error.correlationId, 'the 413 body carries a correlation id');

    const unknown = await call(edge.base, 'GET', '/no/such/route', { key: KEYS.ops });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.status, 404);
  });

  const table: Array<{ kind: string; status: number; grpc: GrpcStatus; code: string }> = [
    { kind: 'refusal', status: 422, grpc: GrpcStatus.FAILED_PRECONDITION, code: 'TAB_LIMIT' },
    { kind: 'not-found', status: 404, grpc: GrpcStatus.NOT_FOUND, code: 'NOT_FOUND' },
    { kind: 'conflict', status: 409, grpc: GrpcStatus.ABORTED, code: 'CONCURRENT_MODIFICATION' },
    { kind: 'overloaded', status: 429, grpc: GrpcStatus.RESOURCE_EXHAUSTED, code: 'OVERLOADED' },
    { kind: 'internal', status: 500, grpc: GrpcStatus.INTERNAL, code: 'INTERNAL' },
  ];
  for (const row of table) {
    it(`maps a handler's ${row.kind} to ${row.status} over HTTP and ${GrpcStatus[row.grpc]} over gRPC`, async () => {
      const http = await call(edge.base, 'POST', `/tabs/fail/${row.kind}`, { key: KEYS.ops });
      assert.equal(http.status, row.status);
      assert.equal(http.body.error.code, row.code);
      assert.equal(http.body.error.status, row.status);
      const { error } = await callTabs(edge.grpcPort, 'Fail', { kind: row.kind }, { 'x-api-key': KEYS.ops });
      assert.equal(error?.code, row.grpc, error?.details);
      assert.equal(error.metadata.get('error-code')[0], row.code);
      assert.deepEqual({ ...grpcErrorBody(error).error, correlationId: undefined }, { ...http.body.error, correlationId: undefined }, 'same body on both transports');
    });
  }

  it('gives a business refusal its code, message and details', async () => {
    const { body } = await call(edge.base, 'POST', '/tabs/fail/refusal', { key: KEYS.ops });
    assert.deepEqual(
      { ...body.error, correlationId: undefined },
      { status: 422, code: 'TAB_LIMIT', message: 'the tab is over its limit', details: { limitMinor: 1000 }, correlationId: undefined },
    );
  });

  it('tells an overloaded caller when to retry: Retry-After in seconds, retry-after in gRPC metadata', async () => {
    const http = await call(edge.base, 'POST', '/tabs/fail/overloaded', { key: KEYS.ops });
    assert.equal(http.headers.get('retry-after'), '2', 'a 1500 ms wait rounds up to 2 s');
    const { error } = await callTabs(edge.grpcPort, 'Fail', { kind: 'overloaded' }, { 'x-api-key': KEYS.ops });
    assert.equal(error!.metadata.get('retry-after')[0], '2');
    assert.equal(error!.metadata.get('retry-after-ms')[0], '1500');
  });

  it('never leaks an internal error to the client, and logs it under the correlation id', async () => {
    const http = await call(edge.base, 'POST', '/tabs/fail/internal', { key: KEYS.ops, headers: { 'x-correlation-id': 'corr-500' } });
    assert.doesNotMatch(JSON.stringify(http.body), /hunter2|secret|srv/);
    const { error } = await callTabs(edge.grpcPort, 'Fail', { kind: 'internal' }, { 'x-api-key': KEYS.ops, 'x-correlation-id': 'corr-500-grpc' });
    assert.doesNotMatch(error!.details, /hunter2|secret|srv/);
    for (const id of ['corr-500', 'corr-500-grpc']) {
      const logged = edge.logs.lines.find((line) => line.correlationId === id && line.msg === 'request failed');
      assert.ok(logged, `the failure was logged under ${id}`);
    }
  });
});
