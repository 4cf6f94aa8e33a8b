import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { CommandDispatcher } from '../../../src/runtime/command-dispatcher';
import { call, type HttpAnswer } from '../../support/edge-app';
import { ORDER_KEYS as KEYS, type OrderApp, startOrderApp } from '../../support/order-app';
import { samplesOf, valueOf } from '../../support/prometheus-text';
import { assertWoken } from '../../support/held-reads';
import { tempDir } from '../../support/temp-dir';
import { AT, workedExampleOrder, workedExampleSale } from './order-requests';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `done()` holds; rejects after `limitMs` (a loaded machine is slow, so the bound is generous). */
async function waitUntil(done: () => boolean, what: string, limitMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!done()) {
    if (Date.now() - start > limitMs) throw new Error(`not ${what} after ${limitMs} ms`);
    await sleep(10);
  }
}

/** A GET of the order with conditional headers, as a channel sends it. */
const read = (app: OrderApp, orderId: string, headers: Record<string, string> = {}, key: string = KEYS.web): Promise<HttpAnswer> =>
  call(app.base, 'GET', `/orders/${orderId}`, { key, headers });

/** Places the worked example and authorizes it (revision 1). */
async function placedAndAuthorized(app: OrderApp, orderId: string): Promise<void> {
  for (const [path, body] of workedExampleSale(orderId).slice(0, 2)) {
    const sent = await call(app.base, 'POST', path, { key: KEYS.web, body });
    assert.equal(sent.status, 201, JSON.stringify(sent.body));
  }
}

const waitersOf = (app: OrderApp) => app.app.get(CommandDispatcher).changeWaiters;

/**
 * A held read that was woken answers long before its wait runs out. Not a timing bound: a wait
 * that ran out would answer the new state too (the order is read again then), only after all of it.
 */
const WAIT_SECONDS = 25;
const WOKEN_WITHIN_MS = (WAIT_SECONDS - 5) * 1000;

describe('GET /orders/:id as a conditional read, and waiting for the order to change (Prefer: wait)', () => {
  const dir = tempDir('order-changes');
  let app: OrderApp;
  before(async () => {
    app = await startOrderApp(dir.path);
  });
  after(async () => {
    await app.close();
    dir.remove();
  });

  it('answers the revision as ETag, then 304 without a body to If-None-Match naming it, and 200 at once to another revision', async () => {
    await placedAndAuthorized(app, 'etag-1');
    const first = await read(app, 'etag-1');
    assert.equal(first.status, 200);
    assert.equal(first.body.revision, 1);
    assert.equal(first.headers.get('etag'), '"1"');

    const same = await read(app, 'etag-1', { 'if-none-match': '"1"' });
    assert.equal(same.status, 304);
    assert.equal(same.body, undefined);
    assert.equal(same.headers.get('etag'), '"1"');
    assert.equal((await read(app, 'etag-1', { 'if-none-match': 'W/"1"' })).status, 304, 'If-None-Match compares weakly');
    assert.equal((await read(app, 'etag-1', { 'if-none-match': '"0", "1"' })).status, 304, 'a list naming it');
    assert.equal((await read(app, 'etag-1', { 'if-none-match': '*' })).status, 304, '* for an order that exists');

    const older = await read(app, 'etag-1', { 'if-none-match': '"0"', prefer: 'wait=20' });
    assert.equal(older.status, 200, 'an older revision is answered with the order as it stands');
    assert.equal(older.body.revision, 1);
    assert.equal(older.headers.get('preference-applied'), null, 'nothing to wait for');
  });

  it('holds a read until a capture moves the order, then answers 200 with the new state and ETag', async () => {
    await placedAndAuthorized(app, 'held-1');
    const heldSince = Date.now();
    const held = read(app, 'held-1', { 'if-none-match': '"1"', prefer: `wait=${WAIT_SECONDS}` });
    await waitUntil(() => waitersOf(app) === 1, 'waiting');
    const captured = await call(app.base, 'POST', '/orders/held-1/captures', { key: KEYS.web, body: { captureId: 'cap-1', amountMinor: 10519, currency: 'USD', at: AT } });
    assert.equal(captured.status, 201);

    const answer = await held;
    assertWoken(heldSince, WOKEN_WITHIN_MS, 'the capture');
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get('etag'), '"2"');
    assert.equal(answer.headers.get('preference-applied'), `wait=${WAIT_SECONDS}`);
    assert.equal(answer.body.revision, 2);
    assert.equal(answer.body.capturedMinor, 10519);
    assert.equal(waitersOf(app), 0, 'the waiter is gone once answered');
  });

  it('answers 304 when nothing changes within the wait', async () => {
    await placedAndAuthorized(app, 'quiet-1');
    const answer = await read(app, 'quiet-1', { 'if-none-match': '"1"', prefer: 'wait=1' });
    assert.equal(answer.status, 304);
    assert.equal(answer.headers.get('etag'), '"1"');
    assert.equal(answer.headers.get('preference-applied'), 'wait=1');
    assert.equal(waitersOf(app), 0);
  });

  it('ignores a wait preference it does not understand, and other preferences, as RFC 7240 asks: 304 without waiting', async () => {
    await placedAndAuthorized(app, 'prefer-1');
    for (const prefer of ['wait=soon', 'wait', 'wait=-1', 'wait=1.5', 'respond-async', 'wait=0']) {
      const answer = await read(app, 'prefer-1', { 'if-none-match': '"1"', prefer });
      assert.equal(answer.status, 304, prefer);
      assert.equal(answer.headers.get('preference-applied'), null, `${prefer}: not held`);
    }
    const among = await read(app, 'prefer-1', { 'if-none-match': '"1"', prefer: 'respond-async, wait=1; foo="a,b"' });
    assert.equal(among.headers.get('preference-applied'), 'wait=1', 'wait among other preferences');
  });

  it('gives a key that may not read the order what it gets without these headers, never a 304', async () => {
    await placedAndAuthorized(app, 'private-1');
    const headers = { 'if-none-match': '"1"', prefer: 'wait=5' };
    const otherChannel = await read(app, 'private-1', headers, KEYS.pos);
    assert.equal(otherChannel.status, 403);
    assert.equal(otherChannel.headers.get('etag'), null);
    const unknown = await read(app, 'never-placed', { 'if-none-match': '"0"', prefer: 'wait=5' });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.headers.get('etag'), null);
    assert.equal(waitersOf(app), 0);
  });

  it("counts a held read in the metrics but leaves its wait out of the route's durations", async () => {
    await placedAndAuthorized(app, 'metered-1');
    const route = { method: 'GET', route: '/orders/:orderId' };
    const scrape = async () => {
      const samples = samplesOf(await (await fetch(`${app.base}/metrics`, { headers: { authorization: `Bearer ${KEYS.opsRead}` } })).text());
      const answered = samples
        .filter((sample) => sample.name === 'ledgerbridge_http_requests_total' && sample.labels.route === route.route && sample.labels.method === 'GET')
        .reduce((sum, sample) => sum + sample.value, 0);
      return { answered, timed: valueOf(samples, 'ledgerbridge_http_request_duration_seconds_count', route) ?? 0 };
    };
    const earlier = await scrape();
    assert.equal((await read(app, 'metered-1', { 'if-none-match': '"1"', prefer: 'wait=1' })).status, 304);
    assert.equal((await read(app, 'metered-1')).status, 200);
    const later = await scrape();
    assert.deepEqual({ answered: later.answered - earlier.answered, timed: later.timed - earlier.timed }, { answered: 2, timed: 1 });
  });

  it('stops waiting when the client goes away', async () => {
    await placedAndAuthorized(app, 'gone-1');
    // node:http on a connection of its own: an aborted fetch has undici open a fresh connection, which would hold up the app's close.
    const { hostname, port } = new URL(app.base);
    const held = request({
      host: hostname,
      port,
      path: '/orders/gone-1',
      agent: false,
      headers: { authorization: `Bearer ${KEYS.web}`, 'if-none-match': '"1"', prefer: 'wait=25' },
    });
    const ended = new Promise((resolve) => held.on('error', resolve).on('response', resolve));
    held.end();
    await waitUntil(() => waitersOf(app) === 1, 'waiting');
    held.destroy();
    await ended;
    await waitUntil(() => waitersOf(app) === 0, 'let go');
  });
});

describe('a held read under short server timeouts', () => {
  const dir = tempDir('order-changes-timeouts');
  let app: OrderApp;
  before(async () => {
    // The request and keep-alive timeouts far below the wait; the idle timeout bounds it (a second short of it).
    app = await startOrderApp(dir.path, { env: { HTTP_HEADERS_TIMEOUT: '500ms', HTTP_REQUEST_TIMEOUT: '1s', HTTP_KEEP_ALIVE_TIMEOUT: '500ms', HTTP_IDLE_TIMEOUT: '3s' } });
  });
  after(async () => {
    await app.close();
    dir.remove();
  });

  it('takes a longer wait as the longest it can give, and is not cut by the request timeout', async () => {
    await placedAndAuthorized(app, 'capped-1');
    const answer = await read(app, 'capped-1', { 'if-none-match': '"1"', prefer: 'wait=600' });
    assert.equal(answer.status, 304);
    assert.equal(answer.headers.get('preference-applied'), 'wait=2');
  });
});

describe('waiting for the fulfillment saga, and shutting down while reads wait', () => {
  const dir = tempDir('order-changes-sagas');
  let app: OrderApp;
  before(async () => {
    app = await startOrderApp(dir.path, { sagas: true });
  });
  after(() => dir.remove());

  it("wakes a waiting channel with the saga's own writes, up to its capture", async () => {
    const orderId = 'saga-wait-1';
    const placed = await call(app.base, 'POST', '/orders', { key: KEYS.web, body: workedExampleOrder(orderId) });
    assert.equal(placed.status, 201);
    const authorized = await call(app.base, 'POST', `/orders/${orderId}/authorizations`, {
      key: KEYS.web,
      body: { authorizationId: 'auth-1', amountMinor: 10519, currency: 'USD', at: AT },
    });
    assert.equal(authorized.status, 201);
    let etag = `"${authorized.body.revision}"`;
    const statuses: number[] = [];
    for (;;) {
      const heldSince = Date.now();
      const answer = await read(app, orderId, { 'if-none-match': etag, prefer: `wait=${WAIT_SECONDS}` });
      assertWoken(heldSince, WOKEN_WITHIN_MS, `the read from ${etag}`);
      statuses.push(answer.status);
      if (answer.status !== 200 || answer.body.capturedMinor >= 10519) break;
      etag = answer.headers.get('etag')!;
    }
    // Each answer came from a write (the saga's reservation, then its capture), none from a wait running out.
    assert.ok(
      statuses.every((status) => status === 200),
      JSON.stringify(statuses),
    );
  });

  it('answers a waiting read at once when the service shuts down', async () => {
    await placedAndAuthorized(app, 'shutdown-1');
    // The saga works on the order too: wait from where it stands once it is done with it.
    let etag = '"1"';
    for (;;) {
      const answer = await read(app, 'shutdown-1', { 'if-none-match': etag, prefer: 'wait=1' });
      if (answer.status === 304) break;
      etag = answer.headers.get('etag')!;
    }
    const started = Date.now();
    const held = read(app, 'shutdown-1', { 'if-none-match': etag, prefer: 'wait=30' });
    await waitUntil(() => waitersOf(app) === 1, 'waiting');
    await app.close();
    const answer = await held;
    assert.equal(answer.status, 304);
    assert.equal(answer.headers.get('preference-applied'), 'wait=30');
    // Not a timing bound: the 30 s wait was cut short instead of being waited out.
    assert.ok(Date.now() - started < 25_000, `answered after ${Date.now() - started} ms`);
  });
});
