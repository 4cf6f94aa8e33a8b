import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ProjectionHost } from '../../projections/host/projection-host';
import { SagaHost } from '../../sagas/host/saga-host';
import { BusinessErrorCommands } from '../../src/channels/business-errors';
import { workedExampleOrder } from '../order/api/order-requests';
import { call } from '../support/edge-app';
import { GRPC_SERVICES } from '../support/grpc-client';
import { type Sample, samplesOf, valueOf } from '../support/prometheus-text';
import { startTestApp, type TestApp, type TestKey } from '../support/test-app';
import { TEST_CALLERS, TEST_KEYS as KEYS } from '../support/test-keys';
import { tempDir } from '../support/temp-dir';

const PROMETHEUS: TestKey = { name: 'prometheus', key: 'lbk_test-prometheus-key-000000000000000000', scopes: ['metrics:read'] };

describe('GET /metrics: Prometheus series of the running service', () => {
  const dir = tempDir('metrics');
  let app: TestApp<'orders'>;
  const scrape = async (): Promise<Sample[]> => {
    const answer = await fetch(`${app.base}/metrics`, { headers: { authorization: `Bearer ${PROMETHEUS.key}` } });
    assert.equal(answer.status, 200);
    assert.match(answer.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    return samplesOf(await answer.text());
  };

  before(async () => {
    // A small bucket, so one key can be seen refused; the suite's other keys stay well within it.
    app = await startTestApp({
      dataDir: dir.path,
      keys: [...TEST_CALLERS, PROMETHEUS],
      env: { RATE_LIMIT_PER_SECOND: '1', RATE_LIMIT_BURST: '30', SAGAS_ENABLED: 'true' },
      grpc: { orders: GRPC_SERVICES.orders },
    });
  });
  after(async () => {
    await app.close();
    dir.remove();
  });

  it('answers only keys with metrics:read (or ops:read, ops:admin)', async () => {
    assert.equal((await fetch(`${app.base}/metrics`)).status, 401);
    assert.equal((await fetch(`${app.base}/metrics`, { headers: { authorization: `Bearer ${KEYS.web}` } })).status, 403);
    assert.equal((await fetch(`${app.base}/metrics`, { headers: { authorization: `Bearer ${KEYS.opsRead}` } })).status, 200);
  });

  it('counts commands by aggregate, command and result, with their latency, whatever the transport', async () => {
    const order = workedExampleOrder('m-1');
    assert.equal((await call(app.base, 'POST', '/orders', { key: KEYS.web, body: order, headers: { 'idempotency-key': 'm-1' } })).status, 201);
    const replay = await call(app.base, 'POST', '/orders', { key: KEYS.web, body: order, headers: { 'idempotency-key': 'm-1' } });
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    assert.equal((await app.grpc.orders.call('PlaceOrder', workedExampleOrder('m-2'), KEYS.web)).error, undefined);
    const refused = await call(app.base, 'POST', '/orders/m-1/captures', {
      key: KEYS.web,
      body: { captureId: 'c-1', amountMinor: 10519, currency: 'USD', at: '2026-11-28T09:00:00Z' },
    });
    assert.equal(refused.status, 422);

    const samples = await scrape();
    assert.equal(valueOf(samples, 'ledgerbridge_commands_total', { aggregate: 'order', command: 'PlaceOrder', result: 'recorded' }), 2, 'the replay ran no command');
    assert.equal(valueOf(samples, 'ledgerbridge_commands_total', { aggregate: 'order', command: 'CapturePayment', result: 'refused' }), 1);
    assert.equal(valueOf(samples, 'ledgerbridge_command_duration_seconds_count', { aggregate: 'order', command: 'PlaceOrder', result: 'recorded' }), 2);
    assert.equal(valueOf(samples, 'ledgerbridge_command_duration_seconds_bucket', { aggregate: 'order', command: 'PlaceOrder', result: 'recorded', le: '+Inf' }), 2);
    assert.equal(valueOf(samples, 'ledgerbridge_idempotency_replays_total', { transport: 'http' }), 1);
  });

  it('counts HTTP requests by route template and gRPC calls by method, never by an id', async () => {
    assert.equal((await fetch(`${app.base}/no/such/route`)).status, 404);
    const unauthenticated = await app.grpc.orders.call('PlaceOrder', workedExampleOrder('m-3'));
    assert.equal(unauthenticated.error?.code, 16);

    const samples = await scrape();
    assert.equal(valueOf(samples, 'ledgerbridge_http_requests_total', { method: 'POST', route: '/orders', status: '201' }), 2);
    assert.equal(valueOf(samples, 'ledgerbridge_http_requests_total', { method: 'POST', route: '/orders/:orderId/captures', status: '422' }), 1);
    assert.equal(valueOf(samples, 'ledgerbridge_http_requests_total', { method: 'GET', route: 'unmatched', status: '404' }), 1);
    assert.ok((valueOf(samples, 'ledgerbridge_http_request_duration_seconds_count', { method: 'POST', route: '/orders' }) ?? 0) >= 2);
    assert.equal(valueOf(samples, 'ledgerbridge_grpc_requests_total', { service: 'ledgerbridge.order.v1.Orders', method: 'PlaceOrder', code: 'OK' }), 1);
    assert.equal(valueOf(samples, 'ledgerbridge_grpc_requests_total', { service: 'ledgerbridge.order.v1.Orders', method: 'PlaceOrder', code: 'UNAUTHENTICATED' }), 1);
    assert.equal(valueOf(samples, 'ledgerbridge_grpc_request_duration_seconds_count', { service: 'ledgerbridge.order.v1.Orders', method: 'PlaceOrder' }), 2);
    const labelValues = samples.flatMap((sample) => Object.values(sample.labels));
    assert.ok(!labelValues.some((value) => /m-[0-9]/.test(value)), 'no order id in any label');
  });

  it("reports the store's group commits and every event appended", async () => {
    // The sagas append after the orders above (reservations): once they have settled, nothing appends between the scrape and the read.
    for (const saga of app.app.get(SagaHost).sagas.values()) await saga.settled();
    const samples = await scrape();
    const stored = (await app.store.readAll()).length;
    assert.equal(valueOf(samples, 'ledgerbridge_events_appended_total'), stored, 'every event in the store was appended by this run');
    const commits = valueOf(samples, 'ledgerbridge_store_commit_appends_count') ?? 0;
    assert.ok(commits > 0 && commits <= stored, `${commits} commits for ${stored} events`);
    assert.ok((valueOf(samples, 'ledgerbridge_store_commit_appends_sum') ?? 0) >= commits, 'each commit held one append or more');
    assert.equal(valueOf(samples, 'ledgerbridge_store_commit_duration_seconds_count'), commits);
  });

  it('reports each projection’s lag in events and seconds and its state, as the projection thread counts them', async () => {
    await app.app.get(ProjectionHost).caughtUp();
    const samples = await scrape();
    for (const projection of ['journal', 'posting_batches']) {
      assert.equal(valueOf(samples, 'ledgerbridge_projection_lag_events', { projection }), 0, projection);
      assert.equal(valueOf(samples, 'ledgerbridge_projection_lag_seconds', { projection }), 0, projection);
      assert.equal(valueOf(samples, 'ledgerbridge_projection_state', { projection, state: 'live' }), 1, projection);
      assert.equal(valueOf(samples, 'ledgerbridge_projection_state', { projection, state: 'halted' }), 0, projection);
    }
  });

  it('counts the business-error queue’s open entries by channel and reason', async () => {
    const queue = app.app.get(BusinessErrorCommands);
    const entry = {
      channel: 'shopify',
      topic: 'orders/create',
      sourceRef: 'channel-delivery-shopify-m',
      message: 'the stated totals do not match the lines',
      details: {},
      recordedAt: '2026-11-27T10:00:00.000Z',
    };
    for (const deliveryId of ['m-wh-1', 'm-wh-2']) await queue.record({ ...entry, deliveryId, reason: 'TOTALS_DO_NOT_ADD_UP' }, { correlationId: 'metrics', principal: 'test' });
    assert.equal(valueOf(await scrape(), 'ledgerbridge_business_errors_open', { channel: 'shopify', reason: 'TOTALS_DO_NOT_ADD_UP' }), 2);
    await queue.record({ ...entry, deliveryId: 'm-wh-3', reason: 'MALFORMED_PAYLOAD' }, { correlationId: 'metrics', principal: 'test' });
    const samples = await scrape();
    assert.equal(valueOf(samples, 'ledgerbridge_business_errors_open', { channel: 'shopify', reason: 'TOTALS_DO_NOT_ADD_UP' }), 2, 'counted once, not again at each scrape');
    assert.equal(valueOf(samples, 'ledgerbridge_business_errors_open', { channel: 'shopify', reason: 'MALFORMED_PAYLOAD' }), 1);
  });

  it('counts requests refused by the rate limit', async () => {
    let refused = 0;
    for (let i = 0; i < 40; i++) if ((await fetch(`${app.base}/projections`, { headers: { authorization: `Bearer ${KEYS.finance}` } })).status === 429) refused++;
    assert.ok(refused > 0);
    assert.equal(valueOf(await scrape(), 'ledgerbridge_rate_limit_refusals_total'), refused);
  });

  it("includes Node's process metrics under their standard names", async () => {
    const samples = await scrape();
    for (const name of ['process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds', 'nodejs_heap_size_used_bytes']) {
      assert.ok(
        samples.some((sample) => sample.name === name),
        name,
      );
    }
  });
});
