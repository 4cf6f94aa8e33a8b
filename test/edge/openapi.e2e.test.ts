import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/test-app';
import { tempDir } from '../support/temp-dir';

type Media = { example?: unknown; examples?: Record<string, { value: unknown }>; schema?: unknown };
type Operation = {
  tags?: string[];
  parameters?: Array<{ name: string; in: string; required?: boolean; example?: unknown; schema?: { example?: unknown } }>;
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, { content?: Record<string, Media> }>;
  security?: unknown[];
  'x-required-scopes'?: string[];
};

/** The shop the documented examples name (X-Shopify-Shop-Domain, the re-sync's shop), configured here as a merchant would. */
const SHOP = 'my-shop.myshopify.com';
const SHOP_SECRET = 'shpss_openapi-example-secret-0001';

describe('OpenAPI at /docs: every route with its answers, examples that pass validation, tags by business area', () => {
  const dir = tempDir('openapi');
  let app: TestApp;
  let document: {
    paths: Record<string, Record<string, Operation>>;
    tags: Array<{ name: string }>;
    components: { securitySchemes: Record<string, { description?: string; bearerFormat?: string }> };
  };
  const operations = () => Object.entries(document.paths).flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => ({ path, method, operation })));
  const where = ({ path, method }: { path: string; method: string }) => `${method.toUpperCase()} ${path}`;

  before(async () => {
    // A fresh app, without keys (every caller may do everything), as a newcomer tries the examples.
    app = await startTestApp({ dataDir: dir.path, env: { SHOPIFY_SHOPS: JSON.stringify({ [SHOP]: { secret: SHOP_SECRET, companyCode: 'US01' } }) } });
    document = (await (await fetch(`${app.base}/docs-json`)).json()) as typeof document;
  });
  after(async () => {
    await app.close();
    dir.remove();
  });

  const exampleIn = (media: Media | undefined) => media?.example ?? Object.values(media?.examples ?? {})[0]?.value;
  const exampleOf = (operation: Operation) => exampleIn(operation.requestBody?.content['application/json']);
  const pathFor = ({ path, operation }: { path: string; operation: Operation }) =>
    path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const parameter = operation.parameters?.find((p) => p.in === 'path' && p.name === name);
      return encodeURIComponent(String(parameter?.example ?? parameter?.schema?.example));
    });

  it('places an order with the POST /orders example, as Swagger UI’s "Try it out" sends it', async () => {
    const place = document.paths['/orders'].post;
    const answer = await fetch(`${app.base}/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(exampleOf(place)) });
    const text = await answer.text();
    assert.equal(answer.status, 201, text);
    const body = JSON.parse(text) as { orderId: string; events: Array<{ type: string }> };
    assert.deepEqual(
      body.events.map((event) => event.type),
      ['OrderPlaced'],
    );
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
      const answer = await fetch(`${app.base}${pathFor(entry)}`, {
        method: entry.method.toUpperCase(),
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(example),
      });
      const body = await answer.text();
      if (answer.status === 400 || answer.status === 413 || answer.status === 415) refused.push(`${where(entry)}: ${answer.status} ${body}`);
    }
    assert.deepEqual(refused, []);
  });

  it('takes the Shopify webhook example signed as Shopify signs it, with the documented headers, and answers as documented', async () => {
    const webhook = document.paths['/channels/shopify/webhooks'].post;
    const raw = JSON.stringify(exampleOf(webhook));
    const header = (name: string) => {
      const parameter = webhook.parameters?.find((p) => p.in === 'header' && p.name === name);
      return String(parameter?.example ?? parameter?.schema?.example);
    };
    const answer = await fetch(`${app.base}/channels/shopify/webhooks`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'X-Shopify-Hmac-Sha256': createHmac('sha256', SHOP_SECRET).update(raw).digest('base64'),
        'X-Shopify-Shop-Domain': header('X-Shopify-Shop-Domain'),
        'X-Shopify-Topic': header('X-Shopify-Topic'),
        'X-Shopify-Webhook-Id': header('X-Shopify-Webhook-Id'),
      },
      body: raw,
    });
    const text = await answer.text();
    assert.equal(answer.status, 200, text);
    const { orderId, ...taken } = JSON.parse(text) as { orderId: string };
    const { orderId: documentedId, ...documented } = exampleIn(webhook.responses['200'].content?.['application/json']) as { orderId: string };
    assert.deepEqual(taken, documented);
    // Shopify's ids pass 2^53: read from the raw bytes they are exact (the documented answer); a browser's JSON rounds them.
    assert.equal(orderId, `shopify-${(JSON.parse(raw) as { id: number }).id}`);
    assert.match(documentedId, /^shopify-\d+$/);
  });

  it('documents each answer a GET gives with the fields it really has, where the examples sent above made one to read', async () => {
    const differing: string[] = [];
    const keys = (value: unknown) => (value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value).sort() : []);
    /** The fields of an answer and of the first item of each list in it, by where they are. */
    const fieldsOf = (value: unknown): Map<string, string[]> => {
      const fields = new Map([['', keys(value)]]);
      for (const [name, field] of Object.entries(value !== null && typeof value === 'object' ? value : {})) {
        if (Array.isArray(field) && field.length > 0 && keys(field[0]).length > 0) fields.set(`${name}[0]`, keys(field[0]));
      }
      return fields;
    };
    for (const entry of operations().filter(({ method }) => method === 'get')) {
      const documented = exampleIn(entry.operation.responses['200']?.content?.['application/json']);
      if (documented === undefined) continue;
      // The query the documented answer was asked with, as far as it shows it (its from, to, companyCode, erp ...), else the required examples.
      const asked = documented !== null && typeof documented === 'object' ? (documented as Record<string, unknown>) : {};
      const query = new URLSearchParams();
      for (const parameter of entry.operation.parameters ?? []) {
        const example = typeof asked[parameter.name] === 'string' ? asked[parameter.name] : parameter.required ? (parameter.example ?? parameter.schema?.example) : undefined;
        if (parameter.in === 'query' && example !== undefined) query.set(parameter.name, typeof example === 'string' ? example : JSON.stringify(example));
      }
      const answer = await fetch(`${app.base}${pathFor(entry)}${query.toString() ? `?${query.toString()}` : ''}`);
      if (answer.status !== 200 || !answer.headers.get('content-type')?.includes('json')) continue;
      const real = fieldsOf(await answer.json());
      for (const [at, names] of fieldsOf(documented)) {
        const got = real.get(at);
        // A list's first item may lack an optional field the documented one has, or have one it lacks: there, only invented fields count.
        const wrong = at === '' ? got?.join() !== names.join() : names.some((name) => got && !got.includes(name));
        if (got && wrong) differing.push(`${where(entry)} ${at || 'answer'}: documented ${names.join(',')}; answered ${got.join(',')}`);
      }
    }
    assert.deepEqual(differing, []);
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
      // A route any valid key may call (it lists no scope) cannot answer 403.
      const anyKey = entry.operation['x-required-scopes']?.length === 0;
      if (entry.operation.security?.length)
        for (const status of ['401', ...(anyKey ? [] : ['403']), '429']) if (!statuses.includes(status)) missing.push(`${where(entry)}: no ${status}`);
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
    assert.deepEqual(
      wrong.map((entry) => `${where(entry)}: ${entry.operation.tags?.join(',') ?? 'no tag'}`),
      [],
    );
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
