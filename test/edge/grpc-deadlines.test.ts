import * as grpc from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { callServed, servedGrpcMethods } from '../support/served-grpc-methods';
import { tempDir } from '../support/temp-dir';
import { startTestApp, type TestApp } from '../support/test-app';

describe('gRPC: a deadline set by the client changes no answer', () => {
  const dir = tempDir('edge-deadlines');
  // Health/Watch streams until the client cancels it (test/health): every other method answers once.
  const methods = servedGrpcMethods().filter((method) => !method.definition.responseStream);
  let edge: TestApp;
  let client: grpc.Client;
  before(async () => {
    // Without keys every caller holds every scope, so each call reaches validation and the handler.
    edge = await startTestApp({ dataDir: dir.path });
    client = new grpc.Client(`127.0.0.1:${edge.grpcPort}`, grpc.credentials.createInsecure());
  });
  after(async () => {
    client.close();
    await edge.close();
    dir.remove();
  });

  it('finds the methods in the protos the server loads', () => {
    const names = methods.map((m) => m.name);
    assert.ok(names.length >= 50, `${names.length} methods`);
    for (const name of ['grpc.health.v1.Health/Check', 'ledgerbridge.finance.v1.Projections/ListProjections', 'ledgerbridge.ops.v1.Operations/ListParkedInstances']) {
      assert.ok(names.includes(name), name);
    }
  });

  it('answers every method of every service with a deadline as it answers without one', async () => {
    const differences: string[] = [];
    for (const method of methods) {
      const plain = await callServed(client, method, {});
      const withDeadline = await callServed(client, method, {}, new grpc.Metadata(), { deadline: Date.now() + 30_000 });
      if (/nested deeper/.test(withDeadline.error?.details ?? '')) differences.push(`${method.name}: ${withDeadline.error!.details}`);
      else if (withDeadline.error?.code !== plain.error?.code) {
        differences.push(
          `${method.name}: ${withDeadline.error ? grpc.status[withDeadline.error.code] : 'OK'} with a deadline, ${plain.error ? grpc.status[plain.error.code] : 'OK'} without`,
        );
      }
    }
    assert.deepEqual(differences, []);
  });

  it('serves a standard health probe, which sets a deadline', async () => {
    const health = methods.find((m) => m.name === 'grpc.health.v1.Health/Check')!;
    const answer = await callServed(client, health, { service: '' }, new grpc.Metadata(), { deadline: Date.now() + 5_000 });
    assert.equal(answer.error, undefined, answer.error?.details);
    assert.deepEqual(answer.response, { status: 'SERVING' });
  });
});
