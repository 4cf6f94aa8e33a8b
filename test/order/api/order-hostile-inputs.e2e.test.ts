import { status as GrpcStatus } from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { grpcErrorBody } from '../../support/edge-app';
import { allEvents, ORDER_KEYS as KEYS, type OrderApp, startOrderApp } from '../../support/order-app';
import { tempDir } from '../../support/temp-dir';
import { AT, workedExampleOrder } from './order-requests';

type Order = ReturnType<typeof workedExampleOrder> & Record<string, any>;

interface Row {
  name: string;
  status: number;
  /** A field path the 400 must name, or the error code. */
  path?: string;
  code?: string;
  /** A change to a valid order, or a whole request of its own. */
  order?: (order: Order) => void;
  request?: { method?: string; path?: string; body?: string; headers?: Record<string, string>; key?: string | null };
}

const nested = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
const lines = (n: number) => Array.from({ length: n }, (_, i) => ({ lineId: `L${i}`, sku: 'SKU', quantity: 1, unitPriceMinor: 100 }));
const rawOrder = (json: (valid: string) => string) => ({ body: json(JSON.stringify(workedExampleOrder('hostile-raw'))) });

/** Each row is refused at the edge; none may append anything. Paths are as the client wrote them. */
const ROWS: Row[] = [
  { name: 'quantity as a string', status: 400, path: 'lines[0].quantity', order: (o) => (o.lines[0].quantity = '2' as any) },
  { name: 'negative quantity', status: 400, path: 'lines[0].quantity', order: (o) => (o.lines[0].quantity = -1) },
  { name: 'zero quantity', status: 400, path: 'lines[1].quantity', order: (o) => (o.lines[1].quantity = 0) },
  { name: 'quantity above 10000', status: 400, path: 'lines[0].quantity', order: (o) => (o.lines[0].quantity = 10_001) },
  { name: 'fractional quantity', status: 400, path: 'lines[0].quantity', order: (o) => (o.lines[0].quantity = 1.5) },
  { name: 'negative price', status: 400, path: 'lines[0].unitPriceMinor', order: (o) => (o.lines[0].unitPriceMinor = -3000) },
  { name: 'price in major units (29.99)', status: 400, path: 'lines[0].unitPriceMinor', order: (o) => (o.lines[0].unitPriceMinor = 29.99) },
  { name: 'amount above 1e12', status: 400, path: 'shippingLines[0].amountMinor', order: (o) => (o.shippingLines[0].amountMinor = 1e12 + 1) },
  { name: 'amount "NaN"', status: 400, path: 'tenders[0].amountMinor', order: (o) => (o.tenders[0].amountMinor = 'NaN' as any) },
  { name: 'amount "Infinity"', status: 400, path: 'discounts[0].amountMinor', order: (o) => (o.discounts[0].amountMinor = 'Infinity' as any) },
  { name: 'amount "1e3"', status: 400, path: 'lines[1].unitPriceMinor', order: (o) => (o.lines[1].unitPriceMinor = '1e3' as any) },
  { name: 'NaN in the JSON text', status: 400, code: 'MALFORMED_BODY', request: rawOrder((j) => j.replace('"quantity":2', '"quantity":NaN')) },
  { name: 'unknown currency XYZ', status: 400, path: 'currency', order: (o) => (o.currency = 'XYZ') },
  { name: 'lower-case currency', status: 400, path: 'currency', order: (o) => (o.currency = 'usd') },
  { name: 'placedAt not a date', status: 400, path: 'placedAt', order: (o) => (o.placedAt = 'yesterday') },
  { name: 'placedAt on 30 February', status: 400, path: 'placedAt', order: (o) => (o.placedAt = '2026-02-30T10:00:00Z') },
  { name: 'placedAt without an offset', status: 400, path: 'placedAt', order: (o) => (o.placedAt = '2026-11-27T10:00:00') },
  { name: 'zero-width space in the order id', status: 400, path: 'orderId', order: (o) => (o.orderId = 'o-1\u200b001') },
  { name: 'right-to-left override in the order id', status: 400, path: 'orderId', order: (o) => (o.orderId = 'o-\u202e1001') },
  { name: 'Cyrillic look-alike in the order id', status: 400, path: 'orderId', order: (o) => (o.orderId = '\u043er\u0434er-1') },
  { name: 'SKU of 129 characters', status: 400, path: 'lines[0].sku', order: (o) => (o.lines[0].sku = 'S'.repeat(129)) },
  { name: 'zero-width joiner in a discount code', status: 400, path: 'discounts[0].code', order: (o) => (o.discounts[0].code = 'SAVE\u200d10') },
  { name: 'unknown top-level field', status: 400, path: 'isAdmin', order: (o) => (o.isAdmin = true) },
  { name: 'unknown nested field', status: 400, path: 'lines[0].costMinor', order: (o) => ((o.lines[0] as any).costMinor = 1) },
  { name: '__proto__ key (prototype pollution)', status: 400, request: rawOrder((j) => j.replace('{', '{"__proto__":{"isAdmin":true},')) },
  { name: 'constructor.prototype key', status: 400, request: rawOrder((j) => j.replace('{', '{"constructor":{"prototype":{"isAdmin":true}},')) },
  { name: 'lines missing', status: 400, path: 'lines', order: (o) => delete (o as any).lines },
  { name: 'no lines', status: 400, path: 'lines', order: (o) => (o.lines = []) },
  { name: '501 lines', status: 400, path: 'lines', order: (o) => (o.lines = lines(501)) },
  { name: 'currency null', status: 400, path: 'currency', order: (o) => (o.currency = null as any) },
  { name: 'pickup without a location', status: 400, path: 'fulfillment.locationId', order: (o) => (o.fulfillment = { type: 'pickup' }) },
  { name: 'ship with a location', status: 400, path: 'fulfillment.locationId', order: (o) => (o.fulfillment = { type: 'ship', locationId: 'store-1' } as any) },
  { name: 'unknown fulfillment type', status: 400, path: 'fulfillment.type', order: (o) => (o.fulfillment = { type: 'teleport' }) },
  { name: 'vendor funding without a vendor', status: 400, path: 'discounts[1].funding.vendorId', order: (o) => (o.discounts[1].funding = { type: 'vendor' }) },
  { name: 'fulfillment as a string', status: 400, path: 'fulfillment', order: (o) => (o.fulfillment = 'ship' as any) },
  { name: 'lines as an object', status: 400, path: 'lines', order: (o) => (o.lines = { L1: 2 } as any) },
  { name: 'nesting 5000 deep', status: 400, path: 'body', request: rawOrder((j) => j.replace('"type":"ship"', `"type":"ship","x":${nested(5000)}`)) },
  {
    name: 'arrays nested 5000 deep as lines',
    status: 400,
    path: 'body',
    request: rawOrder((j) => j.replace(/"lines":\[.*?\]\]?,"discounts"/, `"lines":${'['.repeat(5000)}${']'.repeat(5000)},"discounts"`)),
  },
  { name: 'body a JSON array', status: 400, request: { body: '[]' } },
  { name: 'body a JSON string', status: 400, request: { body: '"order"' } },
  { name: 'malformed JSON', status: 400, code: 'MALFORMED_BODY', request: rawOrder((j) => j.slice(0, -1)) },
  // JSON is the only body the HTTP server parses.
  { name: 'text/plain content type', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', request: { ...rawOrder((j) => j), headers: { 'content-type': 'text/plain' } } },
  { name: '10 MB body', status: 413, code: 'BODY_TOO_LARGE', request: rawOrder((j) => j.replace('"sourceRef":"', `"sourceRef":"${'x'.repeat(10 * 1024 * 1024)}`)) },
  { name: 'no API key', status: 401, code: 'UNAUTHENTICATED', request: { ...rawOrder((j) => j), key: null } },
  { name: 'unknown API key', status: 401, code: 'UNAUTHENTICATED', request: { ...rawOrder((j) => j), key: 'lbk_not-a-key' } },
  { name: 'key without the channel scope (finance)', status: 403, code: 'PERMISSION_DENIED', request: { ...rawOrder((j) => j), key: KEYS.finance } },
  { name: "another channel's key", status: 403, code: 'PERMISSION_DENIED', request: { ...rawOrder((j) => j), key: KEYS.pos } },
  { name: 'channel name spoofing a scope', status: 400, path: 'channel', order: (o) => (o.channel = 'web:write') },
  { name: 'Idempotency-Key with non-ASCII', status: 400, path: 'Idempotency-Key', request: { ...rawOrder((j) => j), headers: { 'idempotency-key': 'k\u00e9y' } } },
  {
    name: 'unicode trick in a path id',
    status: 400,
    path: 'orderId',
    request: { path: '/orders/o%E2%80%8B1/captures', body: JSON.stringify({ captureId: 'c', amountMinor: 1, currency: 'USD', at: AT }) },
  },
  {
    name: 'negative capture',
    status: 400,
    path: 'amountMinor',
    request: { path: '/orders/hostile-base/captures', body: JSON.stringify({ captureId: 'c', amountMinor: -1, currency: 'USD', at: AT }) },
  },
  {
    name: 'bidi override in a cancellation reason',
    status: 400,
    path: 'reason',
    request: { path: '/orders/hostile-base/cancellation', body: JSON.stringify({ reason: 'fraud\u202e', at: AT }) },
  },
  {
    name: 'receipt lines of 501 entries',
    status: 400,
    path: 'lines',
    request: { path: '/orders/hostile-base/returns/r-1/receipt', body: JSON.stringify({ lines: lines(501).map((l) => ({ lineId: l.lineId, quantity: 1 })), at: AT }) },
  },
];

describe('hostile and malformed order requests: the right 4xx, nothing written', () => {
  const dir = tempDir('order-hostile');
  let edge: OrderApp;
  before(async () => {
    edge = await startOrderApp(dir.path);
    const base = await fetch(`${edge.base}/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEYS.web}`, 'content-type': 'application/json' },
      body: JSON.stringify(workedExampleOrder('hostile-base')),
    });
    assert.equal(base.status, 201);
  });
  after(async () => {
    await edge.close();
    dir.remove();
  });

  it('has at least 30 rows', () => assert.ok(ROWS.length >= 30, String(ROWS.length)));

  for (const [index, row] of ROWS.entries()) {
    it(`${row.name} -> ${row.status}${row.path ? ` at ${row.path}` : ''}`, async () => {
      const order = structuredClone(workedExampleOrder(`hostile-${index}`)) as Order;
      row.order?.(order);
      const { method = 'POST', path = '/orders', body = JSON.stringify(order), headers = {}, key = KEYS.web } = row.request ?? {};
      const before = await allEvents(edge.store);
      const response = await fetch(`${edge.base}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
        body,
      });
      const text = await response.text();
      assert.equal(response.status, row.status, text.slice(0, 500));
      const { error } = JSON.parse(text);
      if (row.code) assert.equal(error.code, row.code);
      if (row.path)
        assert.ok(
          error.fields?.some((f: { path: string }) => f.path === row.path),
          `expected ${row.path} in ${JSON.stringify(error.fields)}`,
        );
      assert.deepEqual(await allEvents(edge.store), before, 'nothing appended');
    });
  }

  const grpcRows: Array<{ name: string; method: string; request: Record<string, unknown>; path?: string; code: GrpcStatus; key?: string }> = [
    {
      name: 'negative quantity',
      method: 'PlaceOrder',
      request: { lines: [{ lineId: 'L1', sku: 'S', quantity: -2, unitPriceMinor: '3000' }] },
      path: 'lines[0].quantity',
      code: GrpcStatus.INVALID_ARGUMENT,
    },
    {
      name: 'negative int64 amount',
      method: 'PlaceOrder',
      request: { shippingLines: [{ code: 'STD', amountMinor: '-799' }] },
      path: 'shippingLines[0].amountMinor',
      code: GrpcStatus.INVALID_ARGUMENT,
    },
    { name: 'unknown currency', method: 'PlaceOrder', request: { currency: 'XYZ' }, path: 'currency', code: GrpcStatus.INVALID_ARGUMENT },
    { name: 'zero-width space in the order id', method: 'PlaceOrder', request: { orderId: 'o\u200b1' }, path: 'orderId', code: GrpcStatus.INVALID_ARGUMENT },
    { name: 'date without an offset', method: 'PlaceOrder', request: { placedAt: '2026-11-27' }, path: 'placedAt', code: GrpcStatus.INVALID_ARGUMENT },
    { name: 'pickup without a location', method: 'PlaceOrder', request: { fulfillment: { type: 'pickup' } }, path: 'fulfillment.locationId', code: GrpcStatus.INVALID_ARGUMENT },
    { name: 'fulfillment missing', method: 'PlaceOrder', request: { fulfillment: null }, path: 'fulfillment', code: GrpcStatus.INVALID_ARGUMENT },
    { name: '501 lines', method: 'PlaceOrder', request: { lines: lines(501) }, path: 'lines', code: GrpcStatus.INVALID_ARGUMENT },
    {
      name: 'empty order id on a capture',
      method: 'CapturePayment',
      request: { orderId: '', captureId: 'c', amountMinor: '1', currency: 'USD', at: AT },
      path: 'orderId',
      code: GrpcStatus.INVALID_ARGUMENT,
    },
    { name: 'no API key', method: 'PlaceOrder', request: {}, code: GrpcStatus.UNAUTHENTICATED, key: '' },
    { name: 'key without the channel scope', method: 'PlaceOrder', request: {}, code: GrpcStatus.PERMISSION_DENIED, key: KEYS.finance },
    { name: "another channel's key", method: 'PlaceOrder', request: {}, code: GrpcStatus.PERMISSION_DENIED, key: KEYS.pos },
  ];
  for (const row of grpcRows) {
    it(`gRPC ${row.method}: ${row.name} -> ${GrpcStatus[row.code]}${row.path ? ` at ${row.path}` : ''}`, async () => {
      const request = row.method === 'PlaceOrder' ? { ...workedExampleOrder(`hostile-grpc-${row.name.length}`), ...row.request } : row.request;
      const before = await allEvents(edge.store);
      const { error } = await edge.orders.call(row.method, request, row.key ?? KEYS.web);
      assert.equal(error?.code, row.code, error?.details);
      if (row.path) {
        assert.match(error.details, new RegExp(row.path.replace(/[[\].]/g, '\\$&')));
        assert.ok(grpcErrorBody(error).error.fields.some((f: { path: string }) => f.path === row.path));
      }
      assert.deepEqual(await allEvents(edge.store), before, 'nothing appended');
    });
  }
});
