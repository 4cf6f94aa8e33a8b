import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AT, workedExampleOrder } from '../order/api/order-requests';
import { call } from '../support/edge-app';
import { startOrderApp, type OrderApp, ORDER_KEYS as KEYS } from '../support/order-app';
import { samplesOf, valueOf } from '../support/prometheus-text';
import { tempDir } from '../support/temp-dir';

/** Polls until `check` returns a value (the sagas work on their own thread), failing with `what` after 20 s. */
async function eventually<T>(what: string, check: () => Promise<T | undefined>): Promise<T> {
  for (let tries = 0; tries < 400; tries++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`never happened: ${what}`);
}

// One app per file: the log lines are read from the capture of the first app the process started.
describe('sagas in the logs, /metrics and readiness: steps, timers, compensations and parking under their input’s correlation id', () => {
  const dir = tempDir('saga-signals');
  let app: OrderApp;
  const post = (path: string, body: unknown, correlationId: string) => call(app.base, 'POST', path, { key: KEYS.web, body, headers: { 'x-correlation-id': correlationId } });
  const sagaLines = () => app.logs.lines.filter((line) => line.saga !== undefined);

  before(async () => {
    // A short payment deadline, so the timeout and its compensation happen during the test.
    app = await startOrderApp(dir.path, { sagas: true, env: { FULFILLMENT_PAYMENT_TIMEOUT: '2s', SAGA_TIMER_CHECK_INTERVAL: '100ms' } });
  });
  after(async () => dir.remove());

  it('logs the step an order’s placement led to, and its payment timeout with the compensation it started, under the placing request’s correlation id', async () => {
    assert.equal((await post('/orders', workedExampleOrder('sg-late'), 'corr-sg-late')).status, 201);
    await eventually('the unpaid order is cancelled', async () => ((await app.store.readStream('order-sg-late')).some((e) => e.type === 'OrderCancelled') ? true : undefined));
    const lines = sagaLines().filter((line) => line.instanceId === 'sg-late');
    const placed = lines.find((line) => line.msg === 'saga step' && (line.input as { type?: string }).type === 'OrderPlaced');
    assert.ok(placed, JSON.stringify(lines));
    assert.deepEqual([placed.saga, placed.correlationId, placed.commands], ['fulfillment', 'corr-sg-late', ['ReserveInventory']]);
    const timeout = await eventually('the timeout is logged', async () =>
      sagaLines().find((line) => line.instanceId === 'sg-late' && line.msg === 'saga timer fired' && (line.commands as string[]).includes('CancelOrder')),
    );
    assert.equal(timeout.correlationId, 'corr-sg-late', 'the timer carries the correlation id of the step that set it');
    assert.equal((timeout.input as { timerId: string }).timerId, 'payment-deadline');
    assert.ok((timeout.events as string[]).includes('CompensationStarted'), JSON.stringify(timeout));
    assert.deepEqual(timeout.commands, ['ReleaseInventory', 'CancelOrder', ...(timeout.commands as string[]).slice(2)]);
    const cancelled = (await app.store.readStream('order-sg-late')).find((e) => e.type === 'OrderCancelled')!;
    assert.equal(cancelled.metadata.correlationId, 'corr-sg-late', 'and so does the cancellation it issued');
  });

  it('logs a parked instance as a warning with its reason, counts it, and makes readiness degraded (200)', async () => {
    assert.equal((await post('/orders', workedExampleOrder('sg-park'), 'corr-sg-place')).status, 201);
    assert.equal((await post('/orders/sg-park/authorizations', { authorizationId: 'auth-1', amountMinor: 10519, currency: 'USD', at: AT }, 'corr-sg-auth')).status, 201);
    await eventually('captured by the fulfillment saga', async () => ((await app.store.readStream('order-sg-park')).some((e) => e.type === 'PaymentCaptured') ? true : undefined));
    const lines = [
      { lineId: 'L1', quantity: 2 },
      { lineId: 'L2', quantity: 1 },
    ];
    assert.equal((await post('/orders/sg-park/shipments', { shipmentId: 's-1', lines, shippedAt: AT }, 'corr-sg-ship')).status, 201);
    assert.equal((await post('/orders/sg-park/returns', { returnId: 'r-1', lines: [{ lineId: 'L1', quantity: 1 }], at: AT }, 'corr-sg-return')).status, 201);
    assert.equal((await post('/orders/sg-park/returns/r-1/receipt', { at: AT }, 'corr-sg-receipt')).status, 201);

    // No payment provider is configured: the refund saga parks at once.
    const parked = await eventually('the refund parked', async () =>
      sagaLines().find((line) => line.instanceId === 'sg-park' && String(line.msg).startsWith('saga instance parked')),
    );
    assert.equal(parked.level, 40);
    assert.deepEqual([parked.saga, parked.correlationId], ['refund', 'corr-sg-receipt']);
    assert.match(String(parked.reason), /^PAYMENT_PROVIDER_NOT_CONFIGURED/);

    const samples = samplesOf(await (await fetch(`${app.base}/metrics`, { headers: { authorization: `Bearer ${KEYS.opsRead}` } })).text());
    assert.equal(valueOf(samples, 'ledgerbridge_saga_instances', { saga: 'refund', state: 'parked' }), 1);
    assert.equal(valueOf(samples, 'ledgerbridge_saga_instances', { saga: 'fulfillment', state: 'completed' }), 2, 'sg-late compensated, sg-park shipped');
    assert.equal(valueOf(samples, 'ledgerbridge_saga_timers_due', { saga: 'fulfillment' }), 0, 'every due timer fired');
    for (const saga of ['fulfillment', 'refund', 'channel-order']) {
      for (const gauge of ['ledgerbridge_saga_lag_events', 'ledgerbridge_saga_lag_seconds']) assert.equal(typeof valueOf(samples, gauge, { saga }), 'number', `${gauge} ${saga}`);
    }

    const ready = await fetch(`${app.base}/ready`);
    assert.equal(ready.status, 200);
    const body = (await ready.json()) as any;
    assert.equal(body.status, 'degraded');
    assert.deepEqual([body.info.sagas.status, body.info.sagas.parkedIn, body.info.sagas.sagas.refund.parked], ['degraded', ['refund'], 1]);
  });

  it('logs each saga stopping, and the service’s shutdown', async () => {
    await app.close();
    const messages = app.logs.lines.map((line) => `${(line.saga as string | undefined) ?? ''} ${line.msg as string}`);
    for (const saga of ['fulfillment', 'refund', 'channel-order'])
      assert.ok(
        messages.some((msg) => msg.startsWith(`${saga} saga stopped`)),
        `${saga}: ${messages.slice(-10).join('\n')}`,
      );
    assert.ok(messages.some((msg) => msg.includes('shutting down: readiness answers 503 shutting_down')));
  });
});
