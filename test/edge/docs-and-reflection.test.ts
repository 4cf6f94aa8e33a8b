import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type EdgeApp, startEdgeApp } from '../support/edge-app';
import { askReflection } from '../support/grpc-reflection-client';
import { tempDir } from '../support/temp-dir';

/** What `grpcurl list` does: one ServerReflectionInfo exchange asking for the service list. */
async function listServices(port: number, version: 'v1' | 'v1alpha'): Promise<string[]> {
  const response: { list_services_response?: { service: Array<{ name: string }> } } = await askReflection(port, { list_services: '' }, version);
  return (response.list_services_response?.service ?? []).map((s) => s.name);
}

describe('API description: OpenAPI at /docs, gRPC server reflection', () => {
  const dir = tempDir('edge-docs');
  let edge: EdgeApp;
  before(async () => {
    edge = await startEdgeApp(dir.path);
  });
  after(async () => {
    await edge.close();
    dir.remove();
  });

  it('serves the OpenAPI document with the routes, their security and the Idempotency-Key header', async () => {
    const response = await fetch(`${edge.base}/docs-json`);
    assert.equal(response.status, 200);
    const document = (await response.json()) as any;
    assert.match(document.openapi, /^3\./);
    const addItem = document.paths['/tabs/{id}/items'].post;
    assert.ok(addItem.parameters.some((p: { name: string; in: string }) => p.name === 'Idempotency-Key' && p.in === 'header'));
    assert.deepEqual(addItem.security, [{ bearer: [] }, { 'api-key': [] }], 'either credential works');
    assert.ok(document.components.securitySchemes['api-key']);
  });

  it('serves Swagger UI at /docs', async () => {
    const response = await fetch(`${edge.base}/docs`);
    assert.equal(response.status, 200);
    assert.match(await response.text(), /swagger-ui/i);
  });

  it('lists every served gRPC service through reflection v1 and v1alpha', async () => {
    for (const version of ['v1', 'v1alpha'] as const) {
      const services = await listServices(edge.grpcPort, version);
      assert.ok(services.includes('grpc.health.v1.Health'), `${version}: ${services.join(', ')}`);
      assert.ok(services.includes('ledgerbridge.test.v1.Tabs'), `${version}: ${services.join(', ')}`);
      for (const name of ['ledgerbridge.promotion.v1.Promotions', 'ledgerbridge.settlement.v1.Settlements'])
        assert.ok(services.includes(name), `${version}: ${services.join(', ')}`);
    }
  });
});
