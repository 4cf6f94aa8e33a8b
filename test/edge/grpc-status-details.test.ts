import { status as GrpcStatus } from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { workedExampleOrder } from '../order/api/order-requests';
import { grpcErrorBody } from '../support/edge-app';
import { statusDetailsOf } from '../support/grpc-status-details';
import { startOrderApp, type OrderApp, ORDER_KEYS as KEYS } from '../support/order-app';
import { tempDir } from '../support/temp-dir';

describe('gRPC errors carry the standard google.rpc.Status in grpc-status-details-bin, beside ledgerbridge-error-bin', () => {
  const dir = tempDir('grpc-status-details');
  let app: OrderApp;
  before(async () => {
    app = await startOrderApp(dir.path, { env: { RATE_LIMIT_PER_SECOND: '1', RATE_LIMIT_BURST: '20' } });
  });
  after(async () => {
    await app.close();
    dir.remove();
  });

  it('gives invalid input an ErrorInfo with the reason code and a BadRequest naming each field and why', async () => {
    const order = { ...workedExampleOrder('sd-1'), lines: [{ lineId: 'L1', sku: 'TEE', quantity: 0, unitPriceMinor: -1 }] };
    const { error } = await app.orders.call('PlaceOrder', order, KEYS.web, { 'x-correlation-id': 'corr-sd-1' });
    assert.equal(error?.code, GrpcStatus.INVALID_ARGUMENT);
    const status = statusDetailsOf(error);
    assert.ok(status, 'the trailer is there');
    assert.equal(status.code, GrpcStatus.INVALID_ARGUMENT);
    assert.equal(status.message, error.details);
    assert.deepEqual(status.details['google.rpc.ErrorInfo'], { reason: 'VALIDATION_FAILED', domain: 'ledgerbridge', metadata: { correlationId: 'corr-sd-1' } });
    const violations = status.details['google.rpc.BadRequest'].field_violations as Array<{ field: string; description: string }>;
    const body = grpcErrorBody(error);
    assert.deepEqual(
      violations,
      body.error.fields.map((f: { path: string; reason: string }) => ({ field: f.path, description: f.reason })),
      'the same fields as the JSON body',
    );
    assert.deepEqual(violations.map((v) => v.field).sort(), ['lines[0].quantity', 'lines[0].unitPriceMinor']);
  });

  it('gives a business refusal its rule code as the reason and its details as metadata', async () => {
    assert.equal((await app.orders.call('PlaceOrder', workedExampleOrder('sd-2'), KEYS.web)).error, undefined);
    const { error } = await app.orders.call('CapturePayment', { orderId: 'sd-2', captureId: 'c-1', amountMinor: 10519, currency: 'USD', at: '2026-11-28T09:00:00Z' }, KEYS.web);
    assert.equal(error?.code, GrpcStatus.FAILED_PRECONDITION);
    const info = statusDetailsOf(error)!.details['google.rpc.ErrorInfo'];
    const body = grpcErrorBody(error);
    assert.equal(info.reason, body.error.code);
    assert.match(info.reason, /^[A-Z_]+$/);
    assert.equal(info.metadata.correlationId, body.error.correlationId);
    assert.equal(statusDetailsOf(error)!.details['google.rpc.BadRequest'], undefined, 'no field was wrong');
  });

  it('tells a rate-limited caller when to come back with RetryInfo', async () => {
    let limited;
    for (let i = 0; i < 40 && !limited; i++) {
      const { error } = await app.orders.call('GetOrder', { orderId: 'sd-2' }, KEYS.finance);
      if (error?.code === GrpcStatus.RESOURCE_EXHAUSTED) limited = error;
    }
    assert.ok(limited, 'the bucket ran dry');
    const status = statusDetailsOf(limited)!;
    assert.equal(status.details['google.rpc.ErrorInfo'].reason, 'RATE_LIMITED');
    const delay = status.details['google.rpc.RetryInfo'].retry_delay as { seconds: number; nanos: number };
    assert.ok(delay.seconds * 1000 + delay.nanos / 1e6 > 0);
  });
});
