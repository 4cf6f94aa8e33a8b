import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashApiKey } from '../../src/access/api-key';
import { SHOPIFY_WEBHOOK_ROUTE } from '../../src/channels/shopify/shopify-webhook.http';
import { GRPC_SERVICES } from '../support/grpc-client';
import { GENEROUS_RATE_LIMIT, type TestKey } from '../support/test-app';
import { TEST_CALLERS } from '../support/test-keys';
import { idsFor, prepareRoute, WRITE_ROUTES } from '../support/write-routes';
import { type ApiDocument, type GrpcMethod, type GrpcSurface, grpcSurface, type HttpOperation, httpOperations } from './api-surface';
import { hostileBody, sometimes } from './hostile-json';
import { hostileMessage, messageExample } from './hostile-protobuf';
import { hostileDate, hostileInstant, hostileString } from './hostile-values';
import { exampleOf, type KnownValues } from './schema-example';

/**
 * What the fuzz sends: one target per HTTP operation of the app's OpenAPI document, per gRPC
 * method of the protos its server loads, and per Shopify webhook topic (the one route the
 * document leaves out: Shopify signs it instead of an API key). Each target starts from a valid
 * request (the edge suites' write routes on entities prepared for them, a POS sale, Shopify's
 * samples; otherwise the document's examples and the entities the fuzz prepared) and edits it.
 */

/** A caller holding every scope, so requests get past access to validation and the deciders. */
export const FUZZ_CALLER: TestKey = {
  name: 'fuzz',
  key: 'lbk_test-fuzz-every-scope-key-00000000000000',
  scopes: ['channel:web:write', 'channel:pos:write', 'promotions:write', 'settlements:write', 'finance:read', 'audit:read', 'ops:read', 'ops:admin'],
};

export const FUZZ_SHOP = 'fuzz-shop.myshopify.com';
const FUZZ_SHOP_SECRET = 'shpss_fuzz-secret-0123456789abcdef';

/** The app's settings for a fuzz run (sagas stay off: every write then comes from a request). */
export function fuzzSettings(): Record<string, string> {
  return {
    ...GENEROUS_RATE_LIMIT,
    LOG_LEVEL: 'fatal',
    SAGAS_ENABLED: 'false',
    API_KEYS: JSON.stringify(fuzzCallers().map(({ name, key, scopes }) => ({ name, hash: hashApiKey(key), scopes }))),
    SHOPIFY_SHOPS: JSON.stringify({ [FUZZ_SHOP]: { secret: FUZZ_SHOP_SECRET, companyCode: 'US01' } }),
  };
}

export const fuzzCallers = (): TestKey[] => [...TEST_CALLERS, FUZZ_CALLER];

export type FuzzCase =
  | { kind: 'http'; target: string; method: string; path: string; headers: Record<string, string>; body?: Buffer; edits: string[] }
  | { kind: 'grpc'; target: string; method: GrpcMethod; bytes: Buffer; metadata: Record<string, string>; edits: string[] };

export interface FuzzTarget {
  name: string;
  cases: fc.Arbitrary<FuzzCase>;
  /** The valid request the cases start from, when the fuzz knows one the app accepts (sent once first). */
  valid?: FuzzCase;
}

/**
 * Operator actions whose valid form is maintenance, not input handling: restarting or
 * rebuilding a read model (its views answer 503 READ_MODEL_NOT_READY meanwhile, by design).
 * They are fuzzed with every input but a real projection name.
 */
const MAINTENANCE = new Set(['POST /projections/{name}/restart', 'POST /projections/{name}/rebuild', 'ledgerbridge.finance.v1.Projections/RestartProjection']);

/** DESIGN's worked example rung up at a register: 97.20, part card, part cash. */
export const posSale = (transactionId: string) => ({
  channel: 'pos',
  transactionId,
  storeId: 'S001',
  registerId: 'R02',
  companyCode: 'US01',
  currency: 'USD',
  completedAt: '2026-11-27T15:04:05Z',
  lines: [
    { lineNo: '1', sku: 'TEE', quantity: 2, unitPriceMinor: 3000, tax: { rate: '8%', amountMinor: 434 }, discounts: [{ promotionId: 'SAVE10', amountMinor: 571 }] },
    {
      lineNo: '2',
      sku: 'HOODIE',
      quantity: 1,
      unitPriceMinor: 4500,
      tax: { rate: '8%', amountMinor: 286 },
      discounts: [
        { promotionId: 'SAVE10', amountMinor: 429 },
        { promotionId: 'VEND5', amountMinor: 500, vendorId: 'acme' },
      ],
    },
  ],
  tenders: [
    { kind: 'card', amountMinor: 5000, reference: 'AUTH123' },
    { kind: 'cash', amountMinor: 4720 },
  ],
  totalMinor: 9720,
});

const WEBHOOK_TOPICS: Array<[string, string]> = [
  ['orders/create', 'webhook-orders-create.json'],
  ['orders/updated', 'webhook-orders-updated.json'],
  ['orders/paid', 'webhook-orders-paid.json'],
  ['orders/cancelled', 'webhook-orders-cancelled.json'],
  ['order_transactions/create', 'webhook-order_transactions-create.json'],
  ['fulfillments/create', 'webhook-fulfillments-create.json'],
  ['fulfillments/update', 'webhook-fulfillments-update.json'],
  ['refunds/create', 'webhook-refunds-create.json'],
];

/** `test/fixtures/shopify`; this file runs from dist/test/fuzz. */
const SHOPIFY_FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'shopify');

interface Seed {
  pathValues: Record<string, string>;
  body?: unknown;
}

interface GrpcSeed {
  message: Record<string, unknown>;
  /** The fields naming the entity the method acts on (HTTP has them in the path): never renamed. */
  actsOn: string[];
}

/**
 * Prepares the entities the valid requests act on (over HTTP, with the edge suites' callers)
 * and builds every target from what the app at `base` serves.
 */
export async function fuzzTargets(base: string): Promise<FuzzTarget[]> {
  for (const route of WRITE_ROUTES) await prepareRoute(base, route, idsFor(`fz-${route.name}`));
  const document = await httpOperations(base);
  const surface = grpcSurface();
  const known = knownValues();
  const seeds = writeRouteSeeds(document);
  const targets: FuzzTarget[] = [];
  for (const operation of document.operations) targets.push(httpTarget(operation, document, known, seeds.http.get(operation.name)));
  for (const method of surface.methods) targets.push(grpcTarget(method, surface, known, seeds.grpc.get(method.name)));
  for (const [topic, fixture] of WEBHOOK_TOPICS) targets.push(webhookTarget(topic, JSON.parse(readFileSync(join(SHOPIFY_FIXTURES, fixture), 'utf8'))));
  return targets;
}

/** Ids of entities prepared above, and values the app accepts, by field or parameter name. */
function knownValues(): KnownValues {
  return {
    orderId: idsFor('fz-IssueRefund').orderId,
    promotionId: idsFor('fz-RecordClawback').promotionId,
    giftCardId: idsFor('fz-SellGiftCard').giftCardId,
    provider: 'stripe',
    payoutId: idsFor('fz-MatchTransaction').payoutId,
    storeId: idsFor('fz-CloseRegister').storeId,
    registerId: 'reg-1',
    businessDate: '2026-11-27',
    companyCode: 'US01',
    currency: 'USD',
    channel: 'web',
    saga: 'fulfillment',
    shop: FUZZ_SHOP,
    from: '2026-11-01',
    to: '2026-11-30',
    asOf: '2026-11-30',
    postingDate: '2026-11-28',
    erp: 'sap',
    format: 'sap',
    at: '2026-11-28T09:00:00Z',
  };
}

/** The write routes' valid requests, by operation name (HTTP) and method name (gRPC). */
function writeRouteSeeds(document: ApiDocument): { http: Map<string, Seed[]>; grpc: Map<string, GrpcSeed> } {
  const http = new Map<string, Seed[]>();
  const grpc = new Map<string, GrpcSeed>();
  const add = (method: string, path: string, body: unknown) => {
    for (const operation of document.operations) {
      if (operation.method !== method) continue;
      const pathValues = matchTemplate(operation.path, path);
      if (pathValues) http.set(operation.name, [...(http.get(operation.name) ?? []), { pathValues, body }]);
    }
  };
  for (const route of WRITE_ROUTES) {
    const ids = idsFor(`fz-${route.name}`);
    add('POST', route.http(ids), route.body(ids));
    grpc.set(`${GRPC_SERVICES[route.grpc[0]].service}/${route.grpc[1]}`, { message: { ...route.body(ids), ...route.grpcIds(ids) }, actsOn: Object.keys(route.grpcIds(ids)) });
  }
  add('POST', '/channels/pos/transactions', posSale('fz-T1'));
  return { http, grpc };
}

function matchTemplate(template: string, path: string): Record<string, string> | undefined {
  const names: string[] = [];
  const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{([^}]+)\\?\}/g, (_, name: string) => (names.push(name), '([^/]+)'))}$`);
  const match = pattern.exec(path);
  return match ? Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1])])) : undefined;
}

/** Every byte of the text's UTF-8 but the unreserved ones %-escaped (a lone surrogate becomes U+FFFD, as fetch would send it). */
function percentEncoded(text: string): string {
  let encoded = '';
  for (const byte of Buffer.from(text, 'utf8'))
    encoded += /[A-Za-z0-9\-._~]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  return encoded;
}

/** A path segment or query value a careful client would not send. */
const hostileSegment: fc.Arbitrary<{ text: string; raw: boolean }> = fc.oneof(
  { weight: 4, arbitrary: fc.oneof(hostileString, hostileInstant, hostileDate).map((text) => ({ text, raw: false })) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('%zz', '%', '%00', '%2e%2e', '%C0%AF', '%ff', '%u0041', 'a'.repeat(101), '%20', '..%2F..', '%E2%80%AE').map((text) => ({ text, raw: true })),
  },
);

const authorization: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 30, arbitrary: fc.constant(`Bearer ${FUZZ_CALLER.key}`) },
  { weight: 1, arbitrary: fc.constant(undefined) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'Bearer ',
      'Bearer lbk_nope',
      `Basic ${Buffer.from('a:b').toString('base64')}`,
      `bearer ${FUZZ_CALLER.key}`,
      `Bearer ${FUZZ_CALLER.key} extra`,
      `Bearer ${FUZZ_CALLER.key}${FUZZ_CALLER.key}`,
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c)), maxLength: 80 }).map((s) => `Bearer ${s}`) },
);

/** Idempotency-Key: mostly none; sometimes a fresh one; sometimes a key that breaks its rule. */
const idempotencyKey: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 10, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.nat().map((n) => `fz-key-${n}`) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', 'k'.repeat(256), 'caf\u00e9', 'a b') },
);

/** Top-level `...Id` fields renamed, so a valid create is new and gets past "already exists". */
function freshIds(value: unknown, suffix: number | null, keep: readonly string[] = []): unknown {
  if (suffix === null || value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => [key, /Id$/.test(key) && !keep.includes(key) && typeof field === 'string' ? `${field}-f${suffix}` : field]),
  );
}

function httpTarget(operation: HttpOperation, document: ApiDocument, known: KnownValues, given: Seed[] | undefined): FuzzTarget {
  const maintenance = MAINTENANCE.has(operation.name);
  const derived: Seed = {
    pathValues: Object.fromEntries(
      operation.pathParameters.map((p) => [
        p.name,
        maintenance ? 'not-a-projection' : String(pathValue(operation, p.name, known) ?? exampleOf(p.schema, document.schemas, known, p.name)),
      ]),
    ),
    body: operation.body ? exampleOf(operation.body, document.schemas, known) : undefined,
  };
  const seedList = given ?? [derived];
  const takesBody = operation.method !== 'GET' && operation.method !== 'HEAD';
  const pathParameter = (name: string, seed: Seed) =>
    fc.oneof({ weight: 8, arbitrary: fc.constant({ text: seed.pathValues[name], raw: false }) }, { weight: 1, arbitrary: hostileSegment });
  const queryParameter = (schemaExample: unknown) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constant([String(schemaExample)]) },
      { weight: 1, arbitrary: fc.constant([]) },
      { weight: 2, arbitrary: hostileSegment.map((s) => [s.raw ? s : s.text]) },
      { weight: 1, arbitrary: fc.tuple(hostileString, hostileString).map(([a, b]) => [a, b]) },
    );
  const cases = fc.tuple(fc.constantFrom(...seedList), sometimes(fc.nat(), 2)).chain(([seed, fresh]) =>
    fc
      .record({
        path: fc.tuple(...operation.pathParameters.map((p) => pathParameter(p.name, seed))),
        query: fc.tuple(...operation.queryParameters.map((p) => queryParameter(known[p.name] ?? exampleOf(p.schema, document.schemas, known, p.name)))),
        authorization,
        idempotencyKey,
        // A route without a documented body gets one in about half the cases.
        body: takesBody
          ? seed.body === undefined
            ? sometimes(hostileBody({}, undefined, document.schemas), 2)
            : hostileBody(freshIds(seed.body, fresh), operation.body, document.schemas)
          : fc.constant(null),
      })
      .map(({ path, query, authorization, idempotencyKey, body }): FuzzCase => {
        const edits: string[] = [];
        let url = operation.path;
        operation.pathParameters.forEach((p, i) => {
          const value = path[i];
          if (value.text !== seed.pathValues[p.name]) edits.push(`path ${p.name} = ${JSON.stringify(value.text)}`);
          url = url.replace(`{${p.name}}`, value.raw ? value.text : percentEncoded(value.text));
        });
        const search: string[] = [];
        operation.queryParameters.forEach((p, i) => {
          for (const value of query[i] as Array<string | { text: string; raw: boolean }>) {
            const text = typeof value === 'string' ? percentEncoded(value) : value.text;
            search.push(`${percentEncoded(p.name)}=${text}`);
          }
        });
        if (search.length > 0) url += `?${search.join('&')}`;
        const headers: Record<string, string> = {};
        if (authorization !== undefined) headers.authorization = authorization;
        if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;
        let bytes: Buffer | undefined;
        if (fresh !== null && seed.body !== undefined) edits.push(`ids suffixed -f${fresh}`);
        if (body) {
          bytes = body.bytes;
          if (body.contentType !== undefined) headers['content-type'] = body.contentType;
          edits.push(...body.edits);
        }
        return { kind: 'http', target: operation.name, method: operation.method, path: url, headers, body: bytes, edits };
      }),
  );
  const valid = given?.[0];
  return {
    name: operation.name,
    cases,
    valid: valid && {
      kind: 'http',
      target: operation.name,
      method: operation.method,
      path: operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => percentEncoded(valid.pathValues[name])),
      headers: { authorization: `Bearer ${FUZZ_CALLER.key}`, 'content-type': 'application/json' },
      body: Buffer.from(JSON.stringify(valid.body), 'utf8'),
      edits: ['the valid request'],
    },
  };
}

/** A path parameter's value where the parameter's name alone does not say which entity it is. */
function pathValue(operation: HttpOperation, name: string, known: KnownValues): unknown {
  if (name === 'id' && operation.path.startsWith('/promotions/')) return known.promotionId;
  return known[name];
}

function grpcTarget(method: GrpcMethod, surface: GrpcSurface, known: KnownValues, given: GrpcSeed | undefined): FuzzTarget {
  const maintenance = MAINTENANCE.has(method.name);
  const valid = given?.message ?? messageExample(surface, method.request, maintenance ? { ...known, name: 'not-a-projection' } : known);
  // Only a write route's own message is renamed: elsewhere the ids name what the fuzz prepared.
  const fresh = given ? sometimes(fc.nat(), 2) : fc.constant(null);
  const metadata = fc.record({ authorization, idempotencyKey }).map(({ authorization, idempotencyKey }) => {
    const entries: Record<string, string> = {};
    if (authorization !== undefined) entries.authorization = authorization;
    if (idempotencyKey !== undefined && idempotencyKey !== '') entries['idempotency-key'] = idempotencyKey;
    return entries;
  });
  const cases = fc
    .tuple(
      fresh.chain((suffix) => hostileMessage(surface, method, freshIds(valid, suffix, given?.actsOn) as Record<string, unknown>)),
      metadata,
    )
    .map(([request, metadata]): FuzzCase => ({ kind: 'grpc', target: method.name, method, bytes: request.bytes, metadata, edits: request.edits }));
  return {
    name: method.name,
    cases,
    valid: given && {
      kind: 'grpc',
      target: method.name,
      method,
      bytes: method.definition.requestSerialize(given.message),
      metadata: { authorization: `Bearer ${FUZZ_CALLER.key}` },
      edits: ['the valid request'],
    },
  };
}

/** Shopify's sample for `topic`, edited, signed with the shop's secret (mostly) and delivered. */
function webhookTarget(topic: string, sample: unknown): FuzzTarget {
  const name = `POST ${SHOPIFY_WEBHOOK_ROUTE} (${topic})`;
  const signing = fc.oneof(
    { weight: 12, arbitrary: fc.constant('valid') },
    { weight: 1, arbitrary: fc.constantFrom('none', 'wrong secret', 'other shop', 'hostile topic', 'no webhook id') },
  );
  const cases = fc.tuple(hostileBody(sample, undefined, {}), signing, fc.nat(), hostileString).map(([body, signing, n, hostile]): FuzzCase => {
    const bytes = body.bytes ?? Buffer.alloc(0);
    const headers: Record<string, string> = {
      'x-shopify-topic': signing === 'hostile topic' ? hostile : topic,
      'x-shopify-shop-domain': signing === 'other shop' ? 'other-shop.myshopify.com' : FUZZ_SHOP,
      'x-shopify-hmac-sha256': createHmac('sha256', signing === 'wrong secret' ? 'not-the-secret' : FUZZ_SHOP_SECRET)
        .update(bytes)
        .digest('base64'),
    };
    if (signing !== 'no webhook id') headers['x-shopify-webhook-id'] = `fz-wh-${n}`;
    if (signing === 'none') delete headers['x-shopify-hmac-sha256'];
    if (body.contentType !== undefined) headers['content-type'] = body.contentType;
    return {
      kind: 'http',
      target: name,
      method: 'POST',
      path: SHOPIFY_WEBHOOK_ROUTE,
      headers,
      body: body.bytes,
      edits: [...body.edits, ...(signing === 'valid' ? [] : [signing])],
    };
  });
  return { name, cases };
}
