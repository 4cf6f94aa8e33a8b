import { status as GrpcStatus } from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call } from '../../support/edge-app';
import { askReflection } from '../../support/grpc-reflection-client';
import { allEvents, ORDER_KEYS as KEYS, type OrderApp, startOrderApp } from '../../support/order-app';
import { tempDir } from '../../support/temp-dir';
import { AT, workedExampleOrder } from './order-requests';

describe('the order API end to end, over HTTP and gRPC on 127.0.0.1', () => {
  const dir = tempDir('order-api');
  let edge: OrderApp;
  before(async () => {
    edge = await startOrderApp(dir.path);
  });
  after(async () => {
    await edge.close();
    dir.remove();
  });

  const post = (path: string, body: unknown, key: string = KEYS.web, headers: Record<string, string> = {}) => call(edge.base, 'POST', path, { key, body, headers });
  const stored = async (orderId: string) => (await edge.store.readStream(`order-${orderId}`)).map((e) => ({ type: e.type, data: e.data, metadata: e.metadata }));

  it('records the same events for the same order placed over HTTP and over gRPC', async () => {
    const http = await post('/orders', workedExampleOrder('same-http'));
    assert.equal(http.status, 201, JSON.stringify(http.body));
    const grpc = await edge.orders.call('PlaceOrder', workedExampleOrder('same-grpc'), KEYS.web);
    assert.equal(grpc.error, undefined, grpc.error?.details);
    assert.equal(grpc.response.orderId, 'same-grpc');
    assert.deepEqual(
      grpc.response.events.map((e: { type: string }) => e.type),
      ['OrderPlaced'],
    );

    // Only the ids the request chose differ; everything the decider derived must match exactly.
    const normalise = (events: Awaited<ReturnType<typeof stored>>, orderId: string) =>
      JSON.parse(
        JSON.stringify(events.map(({ type, data, metadata }) => ({ type, data, channel: metadata.channel, principal: metadata.principal }))).replaceAll(orderId, '<order>'),
      );
    assert.deepEqual(normalise(await stored('same-grpc'), 'same-grpc'), normalise(await stored('same-http'), 'same-http'));
  });

  it("places DESIGN.md's worked example over HTTP with a total of 105.19", async () => {
    const placed = await post('/orders', workedExampleOrder('worked-1'));
    assert.equal(placed.status, 201);
    assert.equal(placed.body.orderId, 'worked-1');
    assert.equal(placed.body.revision, 0);
    assert.deepEqual(
      placed.body.events.map((e: { type: string; revision: number }) => [e.type, e.revision]),
      [['OrderPlaced', 0]],
    );
    const [event] = await stored('worked-1');
    const data = event.data as any;
    assert.equal(data.totals.totalMinor, 10519, 'total 105.19');
    assert.equal(data.totals.taxMinor, 720, 'tax 7.20');
    assert.deepEqual(
      data.discounts[0].allocations,
      [
        { lineId: 'L1', amountMinor: 571 },
        { lineId: 'L2', amountMinor: 429 },
      ],
      'SAVE10 split 5.71 / 4.29',
    );
    assert.equal(placed.body.events[0].eventId, (await edge.store.readStream('order-worked-1'))[0].eventId);
  });

  it('runs an order from placement to refund over HTTP, and GET /orders/:id shows where it stands', async () => {
    const id = 'life-1';
    const steps: Array<[string, unknown, string]> = [
      ['/orders', workedExampleOrder(id), 'OrderPlaced'],
      [`/orders/${id}/authorizations`, { authorizationId: 'auth-1', amountMinor: 10519, currency: 'USD', at: AT }, 'PaymentAuthorized'],
      [`/orders/${id}/captures`, { captureId: 'cap-1', amountMinor: 10519, currency: 'USD', at: AT }, 'PaymentCaptured'],
      [`/orders/${id}/shipments`, { shipmentId: 's-1', lines: [{ lineId: 'L1', quantity: 1 }], shippedAt: AT }, 'ShipmentConfirmed'],
      [
        `/orders/${id}/shipments`,
        {
          shipmentId: 's-2',
          lines: [
            { lineId: 'L1', quantity: 1 },
            { lineId: 'L2', quantity: 1 },
          ],
          shippedAt: AT,
        },
        'ShipmentConfirmed',
      ],
      [`/orders/${id}/returns`, { returnId: 'r-1', lines: [{ lineId: 'L1', quantity: 1 }], at: AT }, 'ReturnRequested'],
      [`/orders/${id}/returns/r-1/receipt`, { at: AT }, 'ReturnReceived'],
      [`/orders/${id}/refunds`, { refundId: 'ref-1', amountMinor: 2931, currency: 'USD', at: AT, returnId: 'r-1' }, 'RefundIssued'],
    ];
    for (const [index, [path, body, type]] of steps.entries()) {
      const answer = await post(path, body);
      assert.equal(answer.status, 201, `${path}: ${JSON.stringify(answer.body)}`);
      assert.deepEqual(
        answer.body.events.map((e: { type: string }) => e.type),
        [type],
      );
      assert.equal(answer.body.revision, index);
    }
    const received = (await stored(id))[6].data as any;
    assert.equal(received.amounts.totals.totalMinor, 2931, 'one returned tee is owed 29.31');

    const view = await call(edge.base, 'GET', `/orders/${id}`, { key: KEYS.finance });
    assert.equal(view.status, 200, JSON.stringify(view.body));
    assert.equal(view.body.revision, 7);
    assert.equal(view.body.status, 'placed');
    assert.equal(view.body.totals.totalMinor, 10519);
    assert.equal(view.body.capturedMinor, 10519);
    assert.equal(view.body.refundedMinor, 2931);
    assert.deepEqual(view.body.fulfillments, ['s-1', 's-2']);
    assert.deepEqual(
      view.body.lines.map((l: any) => [l.lineId, l.quantity, l.fulfilled, l.requested, l.returned]),
      [
        ['L1', 2, 2, 0, 1],
        ['L2', 1, 1, 0, 0],
      ],
    );
    assert.deepEqual(view.body.returns, [{ returnId: 'r-1', received: true, lines: [{ lineId: 'L1', quantity: 1 }] }]);

    const overGrpc = await edge.orders.call('GetOrder', { orderId: id }, KEYS.finance);
    assert.equal(overGrpc.error, undefined, overGrpc.error?.details);
    assert.equal(overGrpc.response.refundedMinor, '2931', 'int64 over gRPC');
    assert.deepEqual(overGrpc.response.fulfillments, ['s-1', 's-2']);

    const history = await call(edge.base, 'GET', `/orders/${id}/events`, { key: KEYS.audit });
    assert.equal(history.status, 200, JSON.stringify(history.body));
    assert.match(history.body.events[0].globalPosition, /^\d+$/);
    assert.deepEqual(
      history.body.events.map((e: { revision: number }) => e.revision),
      [0, 1, 2, 3, 4, 5, 6, 7],
    );
  });

  it('refuses a capture above the authorization with 422 and its reason code, appending nothing', async () => {
    const id = 'over-capture';
    await post('/orders', workedExampleOrder(id));
    await post(`/orders/${id}/authorizations`, { authorizationId: 'auth-1', amountMinor: 5000, currency: 'USD', at: AT });
    const before = await allEvents(edge.store);
    const refused = await post(`/orders/${id}/captures`, { captureId: 'cap-1', amountMinor: 5001, currency: 'USD', at: AT });
    assert.equal(refused.status, 422);
    assert.equal(refused.body.error.code, 'CAPTURE_EXCEEDS_AUTHORIZATION');
    const overGrpc = await edge.orders.call('CapturePayment', { orderId: id, captureId: 'cap-2', amountMinor: '5001', currency: 'USD', at: AT }, KEYS.web);
    assert.equal(overGrpc.error?.code, GrpcStatus.FAILED_PRECONDITION);
    assert.equal(overGrpc.error.metadata.get('error-code')[0], 'CAPTURE_EXCEEDS_AUTHORIZATION');
    assert.deepEqual(await allEvents(edge.store), before);
  });

  it("lets only the order's own channel or an operator act on it, and finance or that channel read it", async () => {
    const id = 'owned-by-web';
    await post('/orders', workedExampleOrder(id));
    const authorize = { authorizationId: 'auth-1', amountMinor: 10519, currency: 'USD', at: AT };
    const before = await allEvents(edge.store);
    for (const key of [KEYS.pos, KEYS.finance, KEYS.audit]) {
      const answer = await post(`/orders/${id}/authorizations`, authorize, key);
      assert.equal(answer.status, 403, JSON.stringify(answer.body));
    }
    const overGrpc = await edge.orders.call('AuthorizePayment', { orderId: id, ...authorize }, KEYS.pos);
    assert.equal(overGrpc.error?.code, GrpcStatus.PERMISSION_DENIED);
    assert.deepEqual(await allEvents(edge.store), before, 'nothing appended for another channel');
    assert.equal((await post(`/orders/${id}/authorizations`, authorize, KEYS.ops)).status, 201, 'an operator may act');

    assert.equal((await call(edge.base, 'GET', `/orders/${id}`, { key: KEYS.web })).status, 200, 'its channel reads it');
    assert.equal((await call(edge.base, 'GET', `/orders/${id}`, { key: KEYS.pos })).status, 403, 'another channel does not');
    assert.equal((await call(edge.base, 'GET', `/orders/${id}/events`, { key: KEYS.finance })).status, 403, 'the stream needs audit:read');
    assert.equal((await call(edge.base, 'GET', '/orders/no-such-order', { key: KEYS.finance })).status, 404);
    assert.equal((await post('/orders/no-such-order/captures', { captureId: 'c', amountMinor: 1, currency: 'USD', at: AT })).status, 404);
  });

  it('describes Orders through gRPC server reflection, so grpcurl needs no .proto file', async () => {
    const listed = await askReflection(edge.grpcPort, { list_services: '' });
    assert.ok(listed.list_services_response.service.some((s: { name: string }) => s.name === 'ledgerbridge.order.v1.Orders'));
    const described = await askReflection(edge.grpcPort, { file_containing_symbol: 'ledgerbridge.order.v1.Orders' });
    assert.ok(described.file_descriptor_response.file_descriptor_proto.length > 0);
  });

  it('answers a retried write with the same Idempotency-Key from the first answer, recording once', async () => {
    const headers = { 'idempotency-key': 'place-retry-1' };
    const first = await post('/orders', workedExampleOrder('retried'), KEYS.web, headers);
    const again = await post('/orders', workedExampleOrder('retried'), KEYS.web, headers);
    assert.equal(first.status, 201);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(again.body, first.body);
    assert.equal((await stored('retried')).length, 1);
  });
});
