import { status as GrpcStatus } from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { grpcErrorBody } from '../support/edge-app';
import { tempDir } from '../support/temp-dir';
import { TEST_KEYS } from '../support/test-keys';
import { idsFor, routeNamed, startWriteApp, type WriteApp } from '../support/write-routes';

interface Row {
  route: string;
  name: string;
  /** Changes a valid body into the hostile one. */
  change: (body: Record<string, any>) => void;
  /** The path the 400 must name. */
  path: string;
  /** gRPC cannot carry this shape (an array of arrays, a string for a message): HTTP only. */
  httpOnly?: boolean;
}

const without = (key: string) => (body: Record<string, any>) => delete body[key];

/**
 * Nested DTOs that lacked an object rule: a missing object, an array where an object belongs,
 * arrays of arrays, null. Each answered 500 (or was taken for something else) before.
 */
const ROWS: Row[] = [
  { route: 'DefinePromotion', name: 'no window', change: without('window'), path: 'window' },
  { route: 'DefinePromotion', name: 'no funding', change: without('funding'), path: 'funding' },
  { route: 'DefinePromotion', name: 'no benefit', change: without('benefit'), path: 'benefit' },
  { route: 'DefinePromotion', name: 'window null', change: (b) => (b.window = null), path: 'window' },
  { route: 'DefinePromotion', name: 'window as a list', change: (b) => (b.window = [b.window]), path: 'window', httpOnly: true },
  { route: 'DefinePromotion', name: 'a fixed benefit without its amount', change: (b) => delete b.benefit.amount, path: 'benefit.amount' },
  { route: 'DefinePromotion', name: 'a fixed benefit whose amount is a list', change: (b) => (b.benefit.amount = []), path: 'benefit.amount', httpOnly: true },
  { route: 'DefinePromotion', name: 'a budget that is a list', change: (b) => (b.budget = []), path: 'budget', httpOnly: true },
  { route: 'DefinePromotion', name: 'funding as a string', change: (b) => (b.funding = 'retailer'), path: 'funding', httpOnly: true },
  { route: 'RecordApplication', name: 'no amount', change: without('amount'), path: 'amount' },
  { route: 'RecordApplication', name: 'amount as a list', change: (b) => (b.amount = [b.amount]), path: 'amount', httpOnly: true },
  { route: 'PlaceOrder', name: 'discounts [[]]', change: (b) => (b.discounts = [[]]), path: 'discounts', httpOnly: true },
  { route: 'PlaceOrder', name: 'a discount held in a list', change: (b) => (b.discounts = [b.discounts]), path: 'discounts', httpOnly: true },
  { route: 'PlaceOrder', name: 'lines [[]]', change: (b) => (b.lines = [[]]), path: 'lines', httpOnly: true },
  { route: 'PlaceOrder', name: 'a null line', change: (b) => (b.lines[1] = null), path: 'lines[1]', httpOnly: true },
  { route: 'PlaceOrder', name: 'fulfillment as a list', change: (b) => (b.fulfillment = [b.fulfillment]), path: 'fulfillment', httpOnly: true },
  { route: 'PlaceOrder', name: 'no fulfillment', change: without('fulfillment'), path: 'fulfillment' },
  { route: 'PlaceOrder', name: "a discount's funding as a list", change: (b) => (b.discounts[0].funding = []), path: 'discounts[0].funding', httpOnly: true },
  { route: 'PlaceOrder', name: "a discount's funding missing", change: (b) => delete b.discounts[0].funding, path: 'discounts[0].funding' },
  { route: 'PlaceOrder', name: 'allocations [[]]', change: (b) => (b.discounts[1].allocations = [[]]), path: 'discounts[1].allocations', httpOnly: true },
  { route: 'PlaceOrder', name: 'tenders of strings', change: (b) => (b.tenders = ['card']), path: 'tenders', httpOnly: true },
  { route: 'ConfirmShipment', name: 'lines [[]]', change: (b) => (b.lines = [[]]), path: 'lines', httpOnly: true },
  { route: 'ReceiveReturn', name: 'lines [[]]', change: (b) => (b.lines = [[]]), path: 'lines', httpOnly: true },
  { route: 'SellGiftCard', name: 'tender as a list', change: (b) => (b.tender = []), path: 'tender', httpOnly: true },
  { route: 'SellGiftCard', name: 'no tender', change: without('tender'), path: 'tender' },
  { route: 'ReportSettlement', name: 'transactions [[]]', change: (b) => (b.transactions = [[]]), path: 'transactions', httpOnly: true },
  { route: 'ReportSettlement', name: "a transaction's source as a list", change: (b) => (b.transactions[0].source = []), path: 'transactions[0].source', httpOnly: true },
  { route: 'CloseRegister', name: 'tenders [[]]', change: (b) => (b.tenders = [[]]), path: 'tenders', httpOnly: true },
  { route: 'CloseRegister', name: 'no tenders', change: without('tenders'), path: 'tenders' },
];

describe('nested input of the wrong shape: 400 / INVALID_ARGUMENT naming the field, never 500, nothing written', () => {
  const dir = tempDir('input-shapes');
  let app: WriteApp;
  let n = 0;
  before(async () => {
    app = await startWriteApp(dir.path);
  });
  after(async () => {
    await app.close();
    dir.remove();
  });

  it("refuses a number beyond what a double holds (1e400) sent with an Idempotency-Key, naming the field (the key's fingerprint could not encode Infinity: 500)", async () => {
    const route = routeNamed('PlaceOrder');
    for (const [literal, key] of [
      ['1e400', 'inf-1'],
      ['-1e400', 'inf-2'],
    ]) {
      const body = JSON.stringify(route.body(idsFor(key))).replace(/"quantity":\d+/, `"quantity":${literal}`);
      const response = await fetch(`${app.base}${route.http(idsFor(key))}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_KEYS.web}`, 'idempotency-key': key },
        body,
      });
      const answer = (await response.json()) as { error: { fields: Array<{ path: string; reason: string }> } };
      assert.equal(response.status, 400, JSON.stringify(answer));
      assert.deepEqual(answer.error.fields, [{ path: 'lines[0].quantity', reason: 'must be a finite number (a double cannot hold it)' }]);
    }
  });

  it('refuses a string, number or boolean field holding a list or an object for what it is, before anything copies it (300,000 nested lists in a date held the event loop 778 ms)', async () => {
    const route = routeNamed('ReportSettlement');
    const ids = idsFor('scalar');
    const body = route.body(ids);
    body.currency = Array.from({ length: 1000 }, () => [[['USD']]]);
    body.transactions[0].amount = { minor: 1 };
    const response = await fetch(`${app.base}${route.http(ids)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_KEYS.settlements}` },
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as { error: { fields: Array<{ path: string; reason: string }> } };
    assert.equal(response.status, 400);
    assert.deepEqual(
      answer.error.fields.sort((a, b) => a.path.localeCompare(b.path)),
      [
        { path: 'currency', reason: 'currency must be a string, not a list' },
        { path: 'transactions[0].amount', reason: 'amount must be a number, not an object' },
      ],
    );
  });

  it('refuses a body that is not a JSON object (an array, a string, null) as such, naming the body, before validating any element', async () => {
    const route = routeNamed('ReportSettlement');
    for (const body of ['[{"provider":"stripe"},{"provider":"stripe"}]', '"x"', 'null', '[]']) {
      const response = await fetch(`${app.base}${route.http(idsFor('shape'))}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_KEYS.settlements}` },
        body,
      });
      const answer = (await response.json()) as { error: { fields: unknown } };
      assert.equal(response.status, 400, body);
      assert.deepEqual(answer.error.fields, [{ path: 'body', reason: 'must be a JSON object' }], body);
    }
  });

  it('refuses a body nested 20,000 levels deep sent with an Idempotency-Key (the fingerprint of the key walked it first and overflowed: 500)', async () => {
    const route = routeNamed('PlaceOrder');
    const body = `{"channel":"web","x":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}`;
    const response = await fetch(`${app.base}${route.http(idsFor('deep'))}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_KEYS.web}`, 'idempotency-key': 'deep-1' },
      body,
    });
    const answer = (await response.json()) as { error: { fields: Array<{ path: string }> } };
    assert.equal(response.status, 400, JSON.stringify(answer));
    assert.deepEqual(
      answer.error.fields.map((f: { path: string }) => f.path),
      ['body'],
    );
  });

  for (const row of ROWS) {
    const route = routeNamed(row.route);
    it(`HTTP ${row.route}: ${row.name} -> 400 at ${row.path}`, async () => {
      const ids = idsFor(`h${n++}`);
      await app.prepare(route, ids);
      const body = route.body(ids);
      row.change(body);
      const before = await app.store.readAll();
      const answer = await app.http(route, ids, body);
      assert.equal(answer.status, 400, JSON.stringify(answer.body));
      assert.ok(
        answer.body.error.fields.some((f: { path: string }) => f.path === row.path),
        JSON.stringify(answer.body.error.fields),
      );
      assert.equal((await app.store.readAll()).length, before.length, 'nothing written');
    });
    if (row.httpOnly) continue;
    it(`gRPC ${row.route}: ${row.name} -> INVALID_ARGUMENT at ${row.path}`, async () => {
      const ids = idsFor(`g${n++}`);
      await app.prepare(route, ids);
      const body = route.body(ids);
      row.change(body);
      const before = await app.store.readAll();
      const { error } = await app.grpcCall(route, ids, body);
      assert.equal(error?.code, GrpcStatus.INVALID_ARGUMENT, error?.details ?? 'accepted');
      assert.ok(
        grpcErrorBody(error).error.fields.some((f: { path: string }) => f.path === row.path),
        error.details,
      );
      assert.equal((await app.store.readAll()).length, before.length, 'nothing written');
    });
  }
});
