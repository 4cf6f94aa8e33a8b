import { status as GrpcStatus } from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CommandDispatcher } from '../../../src/runtime/command-dispatcher';
import { call, type GrpcAnswer, grpcErrorBody } from '../../support/edge-app';
import { allEvents, ORDER_KEYS as KEYS, type OrderApp, startOrderApp } from '../../support/order-app';
import { samplesOf, valueOf } from '../../support/prometheus-text';
import { assertWoken } from '../../support/held-reads';
import { tempDir } from '../../support/temp-dir';
import { AT, workedExampleOrder } from './order-requests';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `done()` holds; rejects after `limitMs` (a loaded machine is slow, so the bound is generous). */
async function waitUntil(done: () => boolean, what: string, limitMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!done()) {
    if (Date.now() - start > limitMs) throw new Error(`not ${what} after ${limitMs} ms`);
    await sleep(10);
  }
}

const waitersOf = (app: OrderApp) => app.app.get(CommandDispatcher).changeWaiters;
/** The wait the answer says it was given (response metadata), undefined when it was not held. */
const waitApplied = (answer: GrpcAnswer): string | undefined => answer.headers?.get('wait-applied').map(String)[0];

/**
 * A held call that was woken answers before half its wait. Not a timing bound: a wait that ran
 * out would answer the new state too (the order is read again then), only after all of it.
 */
const WAIT_SECONDS = 25;
const WOKEN_WITHIN_MS = (WAIT_SECONDS * 1000) / 2;

/** Places the worked example and authorizes it over gRPC (revision 1). */
async function placedAndAuthorizedOn(app: OrderApp, orderId: string): Promise<void> {
  const placed = await app.orders.call('PlaceOrder', workedExampleOrder(orderId), KEYS.web);
  assert.equal(placed.error, undefined, placed.error?.details);
  const authorized = await app.orders.call('AuthorizePayment', { orderId, authorizationId: 'auth-1', amountMinor: '10519', currency: 'USD', at: AT }, KEYS.web);
  assert.equal(authorized.error, undefined, authorized.error?.details);
  assert.equal(authorized.response.revision, '1');
}

describe('GetOrder over gRPC as a conditional read, waiting for the order to change (knownRevision, waitSeconds)', () => {
  const dir = tempDir('order-changes-grpc');
  let app: OrderApp;
  before(async () => {
    app = await startOrderApp(dir.path);
  });
  after(async () => {
    await app.close();
    dir.remove();
  });

  const getOrder = (request: object, key: string = KEYS.web, options: { deadline?: Date; cancel?: AbortSignal } = {}) => app.orders.call('GetOrder', request, key, {}, options);
  const placedAndAuthorized = (orderId: string) => placedAndAuthorizedOn(app, orderId);

  it('answers at once, with the order as it stands, to a revision it has left, and as ever without one', async () => {
    await placedAndAuthorized('g-stale-1');
    const plain = await getOrder({ orderId: 'g-stale-1' });
    assert.equal(plain.error, undefined, plain.error?.details);
    assert.equal(plain.response.revision, '1');
    assert.equal(waitApplied(plain), undefined);

    for (const knownRevision of ['0', '7']) {
      const answer = await getOrder({ orderId: 'g-stale-1', knownRevision, waitSeconds: 20 });
      assert.equal(answer.error, undefined, answer.error?.details);
      assert.equal(answer.response.revision, '1', `from ${knownRevision}`);
      assert.equal(answer.response.status, 'placed');
      assert.equal(waitApplied(answer), undefined, `from ${knownRevision}: nothing to wait for`);
    }
    const noWait = await getOrder({ orderId: 'g-stale-1', knownRevision: '1' });
    assert.equal(noWait.response.revision, '1', 'the current revision without a wait: the order at once');
    assert.equal(waitApplied(noWait), undefined);
    assert.equal(waitersOf(app), 0);
  });

  it('holds a call until a capture moves the order, over gRPC or over HTTP, then answers the new state', async () => {
    await placedAndAuthorized('g-held-1');
    let heldSince = Date.now();
    let held = getOrder({ orderId: 'g-held-1', knownRevision: '1', waitSeconds: WAIT_SECONDS });
    await waitUntil(() => waitersOf(app) === 1, 'waiting');
    const overGrpc = await app.orders.call('CapturePayment', { orderId: 'g-held-1', captureId: 'cap-1', amountMinor: '5000', currency: 'USD', at: AT }, KEYS.web);
    assert.equal(overGrpc.error, undefined, overGrpc.error?.details);

    let answer = await held;
    assertWoken(heldSince, WOKEN_WITHIN_MS, 'the capture over gRPC');
    assert.equal(answer.error, undefined, answer.error?.details);
    assert.equal(answer.response.revision, '2');
    assert.equal(answer.response.capturedMinor, '5000');
    assert.equal(waitApplied(answer), String(WAIT_SECONDS));
    assert.equal(waitersOf(app), 0, 'the waiter is gone once answered');

    heldSince = Date.now();
    held = getOrder({ orderId: 'g-held-1', knownRevision: '2', waitSeconds: WAIT_SECONDS });
    await waitUntil(() => waitersOf(app) === 1, 'waiting again');
    const overHttp = await call(app.base, 'POST', '/orders/g-held-1/captures', { key: KEYS.web, body: { captureId: 'cap-2', amountMinor: 5519, currency: 'USD', at: AT } });
    assert.equal(overHttp.status, 201, JSON.stringify(overHttp.body));

    answer = await held;
    assertWoken(heldSince, WOKEN_WITHIN_MS, 'the capture over HTTP');
    assert.equal(answer.response.revision, '3');
    assert.equal(answer.response.capturedMinor, '10519');
    assert.equal(waitersOf(app), 0);
  });

  it('answers the order at the same revision when nothing changes within the wait', async () => {
    await placedAndAuthorized('g-quiet-1');
    const answer = await getOrder({ orderId: 'g-quiet-1', knownRevision: '1', waitSeconds: 1 });
    assert.equal(answer.error, undefined, answer.error?.details);
    assert.equal(answer.response.revision, '1');
    assert.equal(answer.response.orderId, 'g-quiet-1');
    assert.equal(waitApplied(answer), '1');
    assert.equal(waitersOf(app), 0);
  });

  it("cuts a wait longer than the call's deadline allows, so the answer comes before it", async () => {
    await placedAndAuthorized('g-deadline-1');
    const answer = await getOrder({ orderId: 'g-deadline-1', knownRevision: '1', waitSeconds: WAIT_SECONDS }, KEYS.web, { deadline: new Date(Date.now() + 4_000) });
    assert.equal(answer.error, undefined, answer.error?.details);
    assert.equal(answer.response.revision, '1');
    // A second short of the ~4 s left when the call got there, in whole seconds.
    assert.ok(['1', '2'].includes(waitApplied(answer) ?? ''), `wait-applied ${waitApplied(answer)}`);
  });

  it('refuses a key that may not read the order, and an unknown order, as without these fields: never held', async () => {
    await placedAndAuthorized('g-private-1');
    const otherChannel = await getOrder({ orderId: 'g-private-1', knownRevision: '1', waitSeconds: 5 }, KEYS.pos);
    assert.equal(otherChannel.error?.code, GrpcStatus.PERMISSION_DENIED);
    assert.equal((await getOrder({ orderId: 'g-private-1' }, KEYS.pos)).error?.code, GrpcStatus.PERMISSION_DENIED, 'the same refusal without them');
    const unknown = await getOrder({ orderId: 'g-never-placed', knownRevision: '0', waitSeconds: 5 });
    assert.equal(unknown.error?.code, GrpcStatus.NOT_FOUND);
    assert.equal(grpcErrorBody(unknown.error).error.code, 'NOT_FOUND');
    assert.equal(waitersOf(app), 0);
  });

  it('lets go of the waiter when the client cancels the call', async () => {
    await placedAndAuthorized('g-gone-1');
    const cancel = new AbortController();
    const held = getOrder({ orderId: 'g-gone-1', knownRevision: '1', waitSeconds: WAIT_SECONDS }, KEYS.web, { cancel: cancel.signal });
    await waitUntil(() => waitersOf(app) === 1, 'waiting');
    cancel.abort();
    assert.equal((await held).error?.code, GrpcStatus.CANCELLED);
    await waitUntil(() => waitersOf(app) === 0, 'let go');
  });

  it("counts a held call in the metrics but leaves its wait out of the method's durations", async () => {
    await placedAndAuthorized('g-metered-1');
    const labels = { service: 'ledgerbridge.order.v1.Orders', method: 'GetOrder' };
    const scrape = async () => {
      const samples = samplesOf(await (await fetch(`${app.base}/metrics`, { headers: { authorization: `Bearer ${KEYS.opsRead}` } })).text());
      return {
        answered: valueOf(samples, 'ledgerbridge_grpc_requests_total', { ...labels, code: 'OK' }) ?? 0,
        timed: valueOf(samples, 'ledgerbridge_grpc_request_duration_seconds_count', labels) ?? 0,
      };
    };
    const earlier = await scrape();
    assert.equal(waitApplied(await getOrder({ orderId: 'g-metered-1', knownRevision: '1', waitSeconds: 1 })), '1');
    assert.equal((await getOrder({ orderId: 'g-metered-1' })).response.revision, '1');
    const later = await scrape();
    assert.deepEqual({ answered: later.answered - earlier.answered, timed: later.timed - earlier.timed }, { answered: 2, timed: 1 });
  });

  const badInput: Array<{ name: string; request: object; path: string; reason: RegExp }> = [
    { name: 'a negative revision', request: { knownRevision: '-1', waitSeconds: 5 }, path: 'knownRevision', reason: /0 or more/ },
    { name: 'a revision past any stream', request: { knownRevision: '9223372036854775807' }, path: 'knownRevision', reason: /whole number/ },
    { name: 'a negative wait', request: { knownRevision: '1', waitSeconds: -1 }, path: 'waitSeconds', reason: /0-30 seconds/ },
    { name: 'a wait over 30 s', request: { knownRevision: '1', waitSeconds: 31 }, path: 'waitSeconds', reason: /0-30 seconds/ },
    { name: 'a wait without the revision it waits to leave', request: { waitSeconds: 5 }, path: 'waitSeconds', reason: /knownRevision/ },
  ];
  for (const row of badInput) {
    it(`refuses ${row.name}: INVALID_ARGUMENT at ${row.path}, nothing held`, async () => {
      const before = await allEvents(app.store);
      const { error } = await getOrder({ orderId: 'g-stale-1', ...row.request });
      assert.equal(error?.code, GrpcStatus.INVALID_ARGUMENT, error?.details);
      const fields: Array<{ path: string; reason: string }> = grpcErrorBody(error).error.fields;
      assert.ok(
        fields.some((field) => field.path === row.path && row.reason.test(field.reason)),
        JSON.stringify(fields),
      );
      assert.equal(waitersOf(app), 0);
      assert.deepEqual(await allEvents(app.store), before, 'nothing appended');
    });
  }
});

describe('GetOrder held over gRPC when the service shuts down', () => {
  const dir = tempDir('order-changes-grpc-shutdown');
  let app: OrderApp;
  before(async () => {
    app = await startOrderApp(dir.path);
  });
  after(() => {
    app.orders.close();
    dir.remove();
  });

  it('answers the held call at once with the order as it stands, not CANCELLED', async () => {
    await placedAndAuthorizedOn(app, 'g-shutdown-1');
    const started = Date.now();
    const held = app.orders.call('GetOrder', { orderId: 'g-shutdown-1', knownRevision: '1', waitSeconds: 30 }, KEYS.web);
    await waitUntil(() => waitersOf(app) === 1, 'waiting');
    // The app alone: the suite's client stays open, as a client's would while the service stops.
    await app.app.close();
    const answer = await held;
    assert.equal(answer.error, undefined, `${answer.error?.code} ${answer.error?.details}`);
    assert.equal(answer.response.orderId, 'g-shutdown-1');
    assert.equal(answer.response.revision, '1', 'the revision the caller holds: unchanged');
    assert.equal(waitApplied(answer), '30');
    // Not a timing bound: the 30 s wait was cut short instead of being waited out.
    assert.ok(Date.now() - started < 25_000, `answered after ${Date.now() - started} ms`);
  });
});
