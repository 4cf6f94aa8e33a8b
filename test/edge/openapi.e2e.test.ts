import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/test-app';
import { tempDir } from '../support/temp-dir';

type Operation = {
  tags?: string[];
  parameters?: Array<{ name: string; in: string; example?: unknown; schema?: { example?: unknown } }>;
  requestBody?: { content: Record<string, { example?: unknown; examples?: Record<string, { value: unknown }> }> };
  responses: Record<string, { content?: Record<string, { example?: unknown; examples?: unknown; schema?: unknown }> }>;
  security?: unknown[];
};

describe('OpenAPI at /docs: every route with its answers, examples that pass validation, tags by business area', () => {
  const dir = tempDir('openapi');
  let app: TestApp;
  let document: { paths: Record<string, Record<string, Operation>>; tags: Array<{ name: string }>; components: { securitySchemes: Record<string, { description?: string; bearerFormat?: string }> } };
  const operations = () => Object.entries(document.paths).flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => ({ path, method, operation })));
  const where = ({ path, method }: { path: string; method: string }) => `${method.toUpperCase()} ${path}`;

  before(async () => {
    // A fresh app, without keys (every caller may do everything), as a newcomer tries the examples.
    app = await startTestApp({ dataDir: dir.path });
    document = (await (await fetch(`${app.base}/docs-json`)).json()) as typeof document;
  });
  after(async () => {
    await app.close();
    dir.remove();
  });

  const exampleOf = (operation: Operation) => {
    const media = operation.requestBody?.content['application/json'];
    return media?.example ?? Object.values(media?.examples ?? {})[0]?.value;
  };
  const pathFor = ({ path, operation }: { path: string; operation: Operation }) =>
    path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const parameter = operation.parameters?.find((p) => p.in === 'path' && p.name === name);
      return encodeURIComponent(String(parameter?.example ?? parameter?.schema?.example));
    });

  it('places an order with the POST /orders example, as Swagger UI’s "Try it out" sends it', async () => {
    const place = document.paths['/orders'].post;
    const answer = await fetch(`${app.base}/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(exampleOf(place)) });
    assert.equal(answer.status, 201, await answer.text());
    const body = (await answer.json()) as { orderId: string; events: Array<{ type: string }> };
    assert.deepEqual(body.events.map((event) => event.type), ['OrderPlaced']);
    assert.ok(place.responses['201']?.content, 'the 201 is documented with its body');
  });

  it('gives every JSON request body an example that passes validation when sent to its route', async () => {
    const refused: string[] = [];
    for (const entry of operations()) {
      if (!entry.operation.requestBody?.content['application/json']) continue;
      const example = exampleOf(entry.operation);
      if (example === undefined) {
        refused.push(`${where(entry)}: no example`);
        continue;
      }
      const answer = await fetch(`${app.base}${pathFor(entry)}`, { method: entry.method.toUpperCase(), headers: { 'content-type': 'application/json' }, body: JSON.stringify(example) });
      const body = await answer.text();
      if (answer.status === 400 || answer.status === 413 || answer.status === 415) refused.push(`${where(entry)}: ${answer.status} ${body}`);
    }
    assert.deepEqual(refused, []);
  });

  it('documents a success answer and every error answer, each error with the one error body and an example', () => {
    const missing: string[] = [];
    for (const entry of operations()) {
      const statuses = Object.keys(entry.operation.responses);
      const success = statuses.filter((status) => status.startsWith('2'));
      if (success.length === 0) missing.push(`${where(entry)}: no success answer`);
      for (const status of success) if (!entry.operation.responses[status].content) missing.push(`${where(entry)} ${status}: no body described`);
      for (const status of statuses.filter((s) => /^[45]/.test(s))) {
        const media = Object.values(entry.operation.responses[status].content ?? {})[0];
        if (!media || (media.example === undefined && media.examples === undefined)) missing.push(`${where(entry)} ${status}: no example`);
      }
      if (entry.operation.security?.length) for (const status of ['401', '403', '429']) if (!statuses.includes(status)) missing.push(`${where(entry)}: no ${status}`);
      if (entry.operation.requestBody && !statuses.includes('400')) missing.push(`${where(entry)}: no 400`);
    }
    assert.deepEqual(missing, []);
  });

  it('shows every path parameter, with an example', () => {
    const missing: string[] = [];
    for (const entry of operations()) {
      for (const [, name] of entry.path.matchAll(/\{(\w+)\}/g)) {
        const parameter = entry.operation.parameters?.find((p) => p.in === 'path' && p.name === name);
        if (!parameter) missing.push(`${where(entry)}: ${name} not listed`);
        else if (parameter.example === undefined && parameter.schema?.example === undefined) missing.push(`${where(entry)}: ${name} without an example`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it('tags each route with one business area the document describes, never a class name', () => {
    const areas = new Set(document.tags.map((tag) => tag.name));
    const wrong = operations().filter(({ operation }) => operation.tags?.length !== 1 || !areas.has(operation.tags[0]) || /Http$/.test(operation.tags[0]));
    assert.deepEqual(wrong.map((entry) => `${where(entry)}: ${entry.operation.tags}`), []);
  });

  it('describes the keys as they are: opaque lbk_ keys, as a bearer token or x-api-key, not JWTs', () => {
    const { bearer, 'api-key': apiKey } = document.components.securitySchemes;
    for (const scheme of [bearer, apiKey]) {
      assert.match(scheme.description ?? '', /lbk_/);
      assert.doesNotMatch(scheme.bearerFormat ?? '', /JWT/);
    }
  });

  it('includes the Shopify webhook route, signed by Shopify instead of an API key', () => {
    const webhook = document.paths['/channels/shopify/webhooks']?.post;
    assert.ok(webhook, 'documented');
    assert.equal(webhook.security, undefined, 'no API key');
    assert.ok(webhook.parameters?.some((p) => p.in === 'header' && p.name === 'X-Shopify-Hmac-Sha256'));
  });

  it('builds the document without a "Duplicate DTO detected" warning', () => {
    assert.ok(!app.logs.lines.some((line) => String(line.msg).includes('Duplicate DTO')));
  });
});
