import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { workedExampleOrder } from '../order/api/order-requests';
import { startOrderApp, type OrderApp, ORDER_KEYS as KEYS } from '../support/order-app';
import { tempDir } from '../support/temp-dir';

describe('logs: one line per gRPC call, as for HTTP requests', () => {
  const dir = tempDir('logs');
  let app: OrderApp;
  before(async () => {
    app = await startOrderApp(dir.path);
  });
  after(async () => {
    await app.close();
    dir.remove();
  });

  const callLines = (correlationId: string) => app.logs.lines.filter((line) => line.correlationId === correlationId && line.grpc !== undefined);

  it('writes the method, status, duration and the caller’s correlation id of a call that succeeded', async () => {
    const placed = await app.orders.call('PlaceOrder', workedExampleOrder('log-1'), KEYS.web, { 'x-correlation-id': 'corr-grpc-ok' });
    assert.equal(placed.error, undefined);
    const [line, ...more] = callLines('corr-grpc-ok');
    assert.deepEqual(more, [], 'one line per call');
    assert.equal(line.msg, 'call completed');
    assert.deepEqual(line.grpc, { method: '/ledgerbridge.order.v1.Orders/PlaceOrder', code: 0, status: 'OK' });
    assert.equal(typeof line.responseTime, 'number');
    assert.equal(line.level, 30);
  });

  it('writes a line for a call refused before any handler ran, under the correlation id its error trailer names', async () => {
    const refused = await app.orders.call('PlaceOrder', workedExampleOrder('log-2'));
    assert.equal(refused.error?.code, 16);
    const correlationId = refused.error.metadata.get('x-correlation-id')[0] as string;
    assert.match(correlationId, /^[0-9a-f-]{36}$/, 'made up, as the caller sent none');
    const [line, ...more] = callLines(correlationId);
    assert.deepEqual(more, []);
    assert.deepEqual(line.grpc, { method: '/ledgerbridge.order.v1.Orders/PlaceOrder', code: 16, status: 'UNAUTHENTICATED' });
    assert.match(String(line.details), /UNAUTHENTICATED/);
  });

  it('never writes a key: gRPC metadata is not logged', async () => {
    await app.orders.call('GetOrder', { orderId: 'log-1' }, KEYS.web, { 'x-correlation-id': 'corr-grpc-key' });
    assert.equal(callLines('corr-grpc-key').length, 1);
    assert.ok(!app.logs.lines.some((line) => JSON.stringify(line).includes(KEYS.web)));
  });
});
