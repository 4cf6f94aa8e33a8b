import * as grpc from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { grpcErrorBody, KEYS } from '../support/edge-app';
import { callServed, servedGrpcMethods } from '../support/served-grpc-methods';
import { tempDir } from '../support/temp-dir';
import { GENEROUS_RATE_LIMIT, startTestApp, type TestApp } from '../support/test-app';
import { TEST_CALLERS } from '../support/test-keys';

/** Bytes no request message decodes from (field 1000 is in none), each broken another way. */
const JUNK: Record<string, Buffer> = {
  'an unknown wire type': Buffer.from([0xc7, 0x3e, 0x01]), // field 1000, wire type 7
  'a length past the end': Buffer.from([0xc2, 0x3e, 0x7f, 0x41]), // field 1000, 127 bytes announced, 1 sent
  'a varint that never ends': Buffer.alloc(12, 0xff),
};

const PUBLIC = new Set(['grpc.health.v1.Health/Check', 'grpc.health.v1.Health/Watch']);

describe('gRPC: a message that does not decode', () => {
  const dir = tempDir('edge-malformed');
  const methods = servedGrpcMethods();
  let edge: TestApp;
  let client: grpc.Client;
  before(async () => {
    edge = await startTestApp({ dataDir: dir.path, keys: TEST_CALLERS, env: GENEROUS_RATE_LIMIT });
    client = new grpc.Client(`127.0.0.1:${edge.grpcPort}`, grpc.credentials.createInsecure());
  });
  after(async () => {
    client.close();
    await edge.close();
    dir.remove();
  });

  const keyed = (key: string) => {
    const metadata = new grpc.Metadata();
    metadata.set('authorization', `Bearer ${key}`);
    return metadata;
  };

  it('tells a caller without a key only that it is unauthenticated, on every method but the health probe', async () => {
    const wrong: string[] = [];
    for (const method of methods) {
      for (const [kind, bytes] of Object.entries(JUNK)) {
        const { error } = await callServed(client, method, bytes);
        const expected = PUBLIC.has(method.name) ? grpc.status.INVALID_ARGUMENT : grpc.status.UNAUTHENTICATED;
        if (error?.code !== expected) wrong.push(`${method.name} (${kind}): ${error ? `${grpc.status[error.code]} ${error.details}` : 'OK'}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('answers an authenticated caller INVALID_ARGUMENT MALFORMED_MESSAGE with a correlation id, and writes nothing', async () => {
    const before = await edge.store.readAll();
    const wrong: string[] = [];
    for (const method of methods) {
      for (const [kind, bytes] of Object.entries(JUNK)) {
        const metadata = keyed(KEYS.finance);
        metadata.set('x-correlation-id', 'corr-junk');
        metadata.set('idempotency-key', `junk-${method.name}-${kind}`);
        const { error } = await callServed(client, method, bytes, metadata);
        const body = error && grpcErrorBody(error);
        if (error?.code !== grpc.status.INVALID_ARGUMENT || body?.error.code !== 'MALFORMED_MESSAGE' || body.error.correlationId !== 'corr-junk') {
          wrong.push(`${method.name} (${kind}): ${error ? `${grpc.status[error.code]} ${error.details}` : 'OK'}`);
        }
      }
    }
    assert.deepEqual(wrong, []);
    assert.equal((await edge.store.readAll()).length, before.length, 'nothing appended');
  });

  it('names the method and what is wrong with the bytes', async () => {
    const placeOrder = methods.find((m) => m.name === 'ledgerbridge.order.v1.Orders/PlaceOrder')!;
    const { error } = await callServed(client, placeOrder, JUNK['an unknown wire type'], keyed(KEYS.web));
    assert.equal(error?.code, grpc.status.INVALID_ARGUMENT);
    assert.match(error.details, /MALFORMED_MESSAGE: .*PlaceOrder.*wire type/);
  });
});
