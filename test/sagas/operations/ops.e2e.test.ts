import * as grpc from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, grpcErrorBody } from '../../support/edge-app';
import { callOnce, type GrpcAnswer, GRPC_SERVICES } from '../../support/grpc-client';
import { ORDER_KEYS as KEYS, type OrderApp, startOrderApp } from '../../support/order-app';
import { tempDir } from '../../support/temp-dir';
import { AT, workedExampleOrder } from '../../order/api/order-requests';
import { deliverShopifyWebhook, oneLineRefund, shopifyShops } from '../refund/shopify-refund-delivery';

function callOps(port: number, method: string, request: object, key: string): Promise<GrpcAnswer> {
  return callOnce(port, GRPC_SERVICES.operations, method, request, key);
}

/** Polls until `check` returns a value (the sagas work in the background), failing with `what` after 15 s. */
async function eventually<T>(what: string, check: () => Promise<T | undefined>): Promise<T> {
  for (let tries = 0; tries < 300; tries++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`never happened: ${what}`);
}

describe('ops view of the sagas over HTTP and gRPC (ops:admin)', () => {
  const dir = tempDir('ops');
  let edge: OrderApp;
  const get = (path: string, key: string = KEYS.ops) => call(edge.base, 'GET', path, { key });
  const post = (path: string, body: unknown, key: string = KEYS.ops) => call(edge.base, 'POST', path, { key, body });
  const fulfillment = async () => (await get('/ops/sagas')).body.sagas.find((saga: { saga: string }) => saga.saga === 'fulfillment');
  const reserve = {
    locationId: 'main-warehouse',
    lines: [
      { lineId: 'L1', quantity: 2 },
      { lineId: 'L2', quantity: 1 },
    ],
    at: AT,
  };

  before(async () => {
    // Before the sagas run, the channel itself reserved ops-1's stock: the saga's own reservation will be refused.
    const quiet = await startOrderApp(dir.path);
    for (const id of ['ops-1', 'ops-2', 'ops-3']) assert.equal((await call(quiet.base, 'POST', '/orders', { key: KEYS.web, body: workedExampleOrder(id) })).status, 201);
    assert.equal((await call(quiet.base, 'POST', '/orders/ops-1/inventory/reservations', { key: KEYS.web, body: reserve })).status, 201);
    await quiet.close();
    edge = await startOrderApp(dir.path, { sagas: true, env: { SAGA_STEP_OVERDUE_AFTER: '1s', SAGA_TIMER_CHECK_INTERVAL: '100ms' } });
  });
  after(async () => {
    await edge?.close();
    dir.remove();
  });

  it('lists the parked failure with its reason and the input that failed, and counts instances by state', async () => {
    const parked = await eventually('ops-1 parked', async () => {
      const answer = await get('/ops/sagas/parked');
      return answer.body.instances.length > 0 ? answer.body.instances : undefined;
    });
    assert.equal(parked.length, 1);
    assert.equal(parked[0].saga, 'fulfillment');
    assert.equal(parked[0].instanceId, 'ops-1');
    assert.equal(parked[0].state, 'parked');
    assert.match(parked[0].parked.reason, /^RESERVE_QUANTITY_EXCEEDS_REMAINING/);
    assert.equal(parked[0].parked.attempts, 1, 'a rule refusal is not retried');
    assert.equal(parked[0].parked.input.type, 'OrderPlaced');
    assert.equal(parked[0].parked.input.streamId, 'order-ops-1');

    await eventually('ops-2 and ops-3 awaiting payment', async () => ((await fulfillment()).counts['awaiting-payment'] === 2 ? true : undefined));
    const { status, body } = await get('/ops/sagas');
    assert.equal(status, 200);
    assert.deepEqual(
      body.sagas.map((saga: { saga: string }) => saga.saga),
      ['fulfillment', 'refund', 'channel-order'],
      'every registered saga is listed',
    );
    assert.deepEqual((await fulfillment()).counts, { completed: 0, parked: 1, 'awaiting-payment': 2 });
    // Nothing more comes in: each saga catches up with the log, its own records included.
    await eventually('every saga caught up', async () => {
      const { sagas } = (await get('/ops/sagas')).body as { sagas: Array<{ eventsBehind: number }> };
      return sagas.every((saga) => saga.eventsBehind === 0) ? true : undefined;
    });
  });

  it('pages through the instances in one state, with their timers', async () => {
    const first = await get('/ops/sagas/fulfillment/instances?state=awaiting-payment&limit=1');
    assert.equal(first.status, 200);
    assert.deepEqual(
      first.body.instances.map((i: { instanceId: string }) => i.instanceId),
      ['ops-2'],
    );
    assert.deepEqual(
      first.body.instances[0].timers.map((t: { timerId: string }) => t.timerId),
      ['payment-deadline'],
    );
    assert.equal(first.body.next, 'ops-2');
    const second = await get(`/ops/sagas/fulfillment/instances?state=awaiting-payment&limit=1&after=${first.body.next}`);
    assert.deepEqual(
      second.body.instances.map((i: { instanceId: string }) => i.instanceId),
      ['ops-3'],
    );
    assert.equal(second.body.next, undefined, 'the last page has no next');

    const overGrpc = await callOps(edge.grpcPort, 'ListSagaInstances', { saga: 'fulfillment', state: 'awaiting-payment', limit: 1, after: 'ops-2' }, KEYS.ops);
    assert.equal(overGrpc.error, undefined);
    assert.deepEqual(
      overGrpc.response.instances.map((i: { instanceId: string }) => i.instanceId),
      ['ops-3'],
    );
    assert.deepEqual(
      overGrpc.response.instances[0].timers.map((t: { timerId: string }) => t.timerId),
      ['payment-deadline'],
    );
    const summaries = await callOps(edge.grpcPort, 'ListSagas', {}, KEYS.ops);
    const fulfillmentOverGrpc = summaries.response.sagas.find((saga: { saga: string }) => saga.saga === 'fulfillment');
    assert.deepEqual({ ...fulfillmentOverGrpc.counts }, (await fulfillment()).counts, 'gRPC counts as HTTP does');
    assert.deepEqual([Number(fulfillmentOverGrpc.eventsBehind), fulfillmentOverGrpc.secondsBehind], [0, 0], 'the lag, as over HTTP');
  });

  it('refuses bad paging input with the field and unknown sagas with 404, and anyone without ops:admin with 403', async () => {
    const bad = await get('/ops/sagas/fulfillment/instances?state=Not%20A%20State&limit=9999');
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.error.fields.map((f: { path: string }) => f.path).sort(), ['limit', 'state']);
    const badCursor = await get('/ops/sagas/fulfillment/instances?state=completed&after=ops-2');
    assert.equal(badCursor.status, 400);
    assert.deepEqual(
      badCursor.body.error.fields.map((f: { path: string }) => f.path),
      ['after'],
      'completed pages by log position',
    );
    assert.equal((await get('/ops/sagas/no-such-saga/instances?state=parked')).status, 404);
    const badRetry = await post('/ops/sagas/Not_A_Saga/instances/not%20an%20id/retry', {});
    assert.equal(badRetry.status, 400);
    assert.deepEqual(badRetry.body.error.fields.map((f: { path: string }) => f.path).sort(), ['instanceId', 'saga']);
    const grpcBadPage = await callOps(edge.grpcPort, 'ListSagaInstances', { saga: 'fulfillment', state: 'parked', limit: 9999 }, KEYS.ops);
    assert.equal(grpcBadPage.error?.code, grpc.status.INVALID_ARGUMENT);
    assert.deepEqual(
      grpcErrorBody(grpcBadPage.error).error.fields.map((f: { path: string }) => f.path),
      ['limit'],
    );
    const grpcBadRetry = await callOps(edge.grpcPort, 'RetryInstance', { saga: 'fulfillment', instanceId: '' }, KEYS.ops);
    assert.equal(grpcBadRetry.error?.code, grpc.status.INVALID_ARGUMENT);
    assert.deepEqual(
      grpcErrorBody(grpcBadRetry.error).error.fields.map((f: { path: string }) => f.path),
      ['instanceId'],
    );
    assert.equal((await get('/ops/sagas', KEYS.finance)).status, 403);
    assert.equal((await post('/ops/sagas/fulfillment/instances/ops-1/retry', {}, KEYS.web)).status, 403);
    const grpcDenied = await callOps(edge.grpcPort, 'ListSagas', {}, KEYS.finance);
    assert.equal(grpcDenied.error?.code, grpc.status.PERMISSION_DENIED);
  });

  it('lets ops:read see what ops:admin sees, without acting: lists yes, retry no, over HTTP and gRPC', async () => {
    assert.deepEqual((await get('/ops/sagas/parked', KEYS.opsRead)).body, (await get('/ops/sagas/parked')).body);
    for (const path of ['/ops/sagas', '/ops/sagas/overdue', '/ops/sagas/fulfillment/instances?state=awaiting-payment', '/projections', '/channels/business-errors']) {
      assert.equal((await get(path, KEYS.opsRead)).status, 200, path);
    }
    const refused = await post('/ops/sagas/fulfillment/instances/ops-1/retry', {}, KEYS.opsRead);
    assert.equal(refused.status, 403);
    assert.deepEqual(refused.body.error.details, { requiredScope: 'ops:admin' });
    assert.equal((await callOps(edge.grpcPort, 'ListParkedInstances', {}, KEYS.opsRead)).response.instances[0].instanceId, 'ops-1');
    assert.equal((await callOps(edge.grpcPort, 'RetryInstance', { saga: 'fulfillment', instanceId: 'ops-1' }, KEYS.opsRead)).error?.code, grpc.status.PERMISSION_DENIED);
  });

  it('gRPC lists the same parked failure, with the input as JSON', async () => {
    const { response, error } = await callOps(edge.grpcPort, 'ListParkedInstances', {}, KEYS.ops);
    assert.equal(error, undefined);
    assert.equal(response.instances.length, 1);
    assert.equal(response.instances[0].instanceId, 'ops-1');
    assert.equal(JSON.parse(response.instances[0].parked.inputJson).type, 'OrderPlaced');
  });

  it('retry answers 404 for an unknown instance and 409 for one that is not parked, over HTTP and gRPC', async () => {
    const unknown = await post('/ops/sagas/fulfillment/instances/never-placed/retry', {});
    assert.equal(unknown.status, 404);
    const notParked = await post('/ops/sagas/fulfillment/instances/ops-2/retry', {});
    assert.equal(notParked.status, 409);
    assert.equal(notParked.body.error.code, 'INSTANCE_NOT_PARKED');
    assert.match(notParked.body.error.message, /not parked/);
    assert.deepEqual(notParked.body.error.details, { saga: 'fulfillment', instanceId: 'ops-2' });
    const grpcNotParked = await callOps(edge.grpcPort, 'RetryInstance', { saga: 'fulfillment', instanceId: 'ops-2' }, KEYS.ops);
    assert.equal(grpcNotParked.error?.code, grpc.status.FAILED_PRECONDITION, 'retrying changes nothing until the instance parks');
    assert.equal(grpcNotParked.error?.metadata.get('error-code')[0], 'INSTANCE_NOT_PARKED');
    assert.equal(grpcErrorBody(grpcNotParked.error).error.code, 'INSTANCE_NOT_PARKED');
    const grpcUnknown = await callOps(edge.grpcPort, 'RetryInstance', { saga: 'fulfillment', instanceId: 'never-placed' }, KEYS.ops);
    assert.equal(grpcUnknown.error?.code, grpc.status.NOT_FOUND);
  });

  it('once the cause is fixed, retry re-runs the parked input: the saga reserves once and moves on', async () => {
    assert.equal((await post('/orders/ops-1/inventory/releases', reserve, KEYS.web)).status, 201);
    const retried = await post('/ops/sagas/fulfillment/instances/ops-1/retry', {});
    assert.equal(retried.status, 200);
    assert.equal(retried.body.outcome, 'resumed');
    assert.equal(retried.body.instance.state, 'awaiting-payment');
    assert.deepEqual((await get('/ops/sagas/parked')).body.instances, []);
    const events = (await edge.store.readStream('order-ops-1')).filter((event) => event.metadata.channel === 'saga:fulfillment');
    assert.deepEqual(
      events.map((event) => event.type),
      ['InventoryReserved'],
      'the saga reserved exactly once',
    );
    const again = await post('/ops/sagas/fulfillment/instances/ops-1/retry', {});
    assert.equal(again.status, 409, 'a second retry finds nothing parked');
    assert.equal(again.body.error.code, 'INSTANCE_NOT_PARKED');
  });

  it('lists unfinished instances that took no input for SAGA_STEP_OVERDUE_AFTER as past their deadline', async () => {
    const overdue = await eventually('ops-2 overdue', async () => {
      const { body } = await get('/ops/sagas/overdue');
      return body.instances.find((entry: { instance: { instanceId: string } }) => entry.instance.instanceId === 'ops-2');
    });
    assert.equal(overdue.why, 'no-progress');
    assert.equal(overdue.instance.state, 'awaiting-payment');
    assert.ok((await fulfillment()).overdue >= 1, 'the summary counts it');
  });

  it('a completed instance leaves the unfinished lists and is listed as completed', async () => {
    assert.equal((await post('/orders/ops-3/authorizations', { authorizationId: 'auth-1', amountMinor: 10519, currency: 'USD', at: AT }, KEYS.web)).status, 201);
    await eventually('ops-3 captured', async () => {
      const events = await edge.store.readStream('order-ops-3');
      return events.some((event) => event.type === 'PaymentCaptured') ? true : undefined;
    });
    const ship = {
      shipmentId: 's-1',
      lines: [
        { lineId: 'L1', quantity: 2 },
        { lineId: 'L2', quantity: 1 },
      ],
      shippedAt: AT,
    };
    assert.equal((await post('/orders/ops-3/shipments', ship, KEYS.web)).status, 201);
    const completed = await eventually('ops-3 completed', async () => {
      const { body } = await get('/ops/sagas/fulfillment/instances?state=completed');
      return body.instances.length > 0 ? body.instances : undefined;
    });
    assert.deepEqual(
      completed.map((i: { instanceId: string }) => i.instanceId),
      ['ops-3'],
    );
    assert.ok(!Number.isNaN(Date.parse(completed[0].completedAt)));
    const waiting = await get('/ops/sagas/fulfillment/instances?state=awaiting-fulfillment');
    assert.deepEqual(waiting.body.instances, []);
  });
});

describe('ops view: a refund whose order never arrives shows as stuck', () => {
  const shop = { domain: 'ledgerbridge-ops.myshopify.com', secret: 'shpss_ops0123456789abcdef' };
  const dir = tempDir('ops-stuck');
  let edge: OrderApp;
  before(async () => {
    edge = await startOrderApp(dir.path, { sagas: true, env: { REFUND_ORDER_WAIT: '1s', SAGA_TIMER_CHECK_INTERVAL: '100ms', SHOPIFY_SHOPS: shopifyShops(shop) } });
  });
  after(async () => {
    await edge?.close();
    dir.remove();
  });

  it('counts and lists it under the refund saga in state stuck once the wait window passed', async () => {
    const delivered = await deliverShopifyWebhook(edge.base, shop, 'refunds/create', 'wh-ops-stuck', oneLineRefund(4001));
    assert.equal(delivered.status, 200);
    const stuck = await eventually('the refund stuck', async () => {
      const { body } = await call(edge.base, 'GET', '/ops/sagas/refund/instances?state=stuck', { key: KEYS.ops });
      return body.instances.length > 0 ? body.instances : undefined;
    });
    assert.deepEqual(
      stuck.map((i: { instanceId: string; state: string }) => [i.instanceId, i.state]),
      [['shopify-4001', 'stuck']],
    );
    const { body } = await call(edge.base, 'GET', '/ops/sagas', { key: KEYS.ops });
    assert.equal(body.sagas.find((saga: { saga: string }) => saga.saga === 'refund').counts.stuck, 1);
  });
});

describe('ops view: a customer return with no payment provider configured (PAYMENT_PROVIDER=none)', () => {
  const dir = tempDir('ops-no-provider');
  let edge: OrderApp;
  const post = (path: string, body: unknown) => call(edge.base, 'POST', path, { key: KEYS.web, body });
  before(async () => {
    edge = await startOrderApp(dir.path, { sagas: true });
  });
  after(async () => {
    await edge?.close();
    dir.remove();
  });

  it('parks the refund at once, without retries, with a reason the operator can act on, and records no refund', async () => {
    assert.equal((await post('/orders', workedExampleOrder('np-1'))).status, 201);
    assert.equal((await post('/orders/np-1/authorizations', { authorizationId: 'auth-1', amountMinor: 10519, currency: 'USD', at: AT })).status, 201);
    await eventually('np-1 captured by the fulfillment saga', async () =>
      (await edge.store.readStream('order-np-1')).some((event) => event.type === 'PaymentCaptured') ? true : undefined,
    );
    const lines = [
      { lineId: 'L1', quantity: 2 },
      { lineId: 'L2', quantity: 1 },
    ];
    assert.equal((await post('/orders/np-1/shipments', { shipmentId: 's-1', lines, shippedAt: AT })).status, 201);
    assert.equal((await post('/orders/np-1/returns', { returnId: 'r-1', lines: [{ lineId: 'L1', quantity: 1 }], at: AT })).status, 201);
    assert.equal((await post('/orders/np-1/returns/r-1/receipt', { at: AT })).status, 201);

    const parked = await eventually('the refund parked', async () => {
      const { body } = await call(edge.base, 'GET', '/ops/sagas/parked', { key: KEYS.ops });
      return body.instances.find((instance: { saga: string }) => instance.saga === 'refund');
    });
    assert.equal(parked.instanceId, 'np-1');
    assert.equal(parked.parked.attempts, 1, 'an unconfigured provider answers the same every time: not retried');
    assert.match(parked.parked.reason, /^PAYMENT_PROVIDER_NOT_CONFIGURED: .*PAYMENT_PROVIDER/);
    assert.equal(parked.parked.input.type, 'ReturnReceived');
    const refunds = (await edge.store.readStream('order-np-1')).filter((event) => event.type === 'RefundIssued');
    assert.deepEqual(refunds, [], 'no refund is recorded that the provider did not pay');
  });
});
