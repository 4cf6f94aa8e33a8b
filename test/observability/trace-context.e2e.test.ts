import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ProjectionHost } from '../../projections/host/projection-host';
import type { EventStore, RecordedEvent } from '../../src/event-store/event-store.port';
import { loadConfig } from '../../src/config/app-config';
import { startTracing, stopTracing } from '../../src/observability/tracing/tracing';
import { workedExampleOrder } from '../order/api/order-requests';
import { call } from '../support/edge-app';
import { startOrderApp, type OrderApp, ORDER_KEYS as KEYS } from '../support/order-app';
import { tempDir } from '../support/temp-dir';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const traceparent = (spanId: string) => `00-${TRACE}-${spanId}-01`;

/** The order's events once `predicate` holds for them (the sagas act on their own time). */
async function eventsOnceThere(store: EventStore, streamId: string, predicate: (events: RecordedEvent[]) => boolean): Promise<RecordedEvent[]> {
  for (let tries = 0; tries < 400; tries++) {
    const events = await store.readStream(streamId).catch(() => []);
    if (predicate(events)) return events;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${streamId} never got there`);
}

function journalCaughtUp(app: OrderApp): Promise<void> {
  return app.app.get(ProjectionHost).caughtUp(['journal']);
}

/** A placed order paid with a gift card: its tender posts at placement, so the journal has lines from OrderPlaced itself. */
function giftCardOrder(orderId: string) {
  return { ...workedExampleOrder(orderId), tenders: [{ kind: 'gift_card', amountMinor: 10519, reference: 'gc-77' }] };
}

describe('trace context: from the request into the events, through the sagas, into the journal lines', () => {
  describe('with no spans recorded (OTEL_TRACES_EXPORTER unset), the caller’s traceparent travels as sent', () => {
    const dir = tempDir('trace-context');
    let app: OrderApp;
    before(async () => {
      app = await startOrderApp(dir.path, { sagas: true });
    });
    after(async () => {
      await app.close();
      dir.remove();
    });

    it('puts an HTTP request’s traceparent and correlation id on the events it records, and on the journal lines they post', async () => {
      const sent = traceparent('00f067aa0ba902b7');
      const placed = await call(app.base, 'POST', '/orders', { key: KEYS.web, body: giftCardOrder('tc-http'), headers: { traceparent: sent, 'x-correlation-id': 'corr-tc-http' } });
      assert.equal(placed.status, 201, JSON.stringify(placed.body));
      const [orderPlaced] = await app.store.readStream('order-tc-http');
      assert.equal(orderPlaced.metadata.traceparent, sent);
      assert.equal(orderPlaced.metadata.correlationId, 'corr-tc-http');

      await journalCaughtUp(app);
      const lines = await call(app.base, 'GET', '/audit/orders/tc-http/lines', { key: KEYS.audit });
      assert.equal(lines.status, 200, JSON.stringify(lines.body));
      const tendered = lines.body.lines.filter((line: { eventType: string }) => line.eventType === 'OrderPlaced');
      assert.ok(tendered.length > 0, 'the gift card tender posted at placement');
      for (const line of tendered) assert.equal(line.traceparent, sent, line.lineId);
      const lineage = await call(app.base, 'GET', `/audit/lines/${encodeURIComponent(tendered[0].lineId)}`, { key: KEYS.audit });
      assert.equal(lineage.status, 200, JSON.stringify(lineage.body));
      assert.equal(lineage.body.traceparent, sent);
      assert.equal(lineage.body.correlationId, 'corr-tc-http');
    });

    it('does the same for a gRPC call’s traceparent metadata', async () => {
      const sent = traceparent('a3ce929d0e0e4736');
      const placed = await app.orders.call('PlaceOrder', workedExampleOrder('tc-grpc'), KEYS.web, { traceparent: sent, 'x-correlation-id': 'corr-tc-grpc' });
      assert.equal(placed.error, undefined, placed.error?.details);
      const [orderPlaced] = await app.store.readStream('order-tc-grpc');
      assert.deepEqual([orderPlaced.metadata.traceparent, orderPlaced.metadata.correlationId], [sent, 'corr-tc-grpc']);
    });

    it('keeps nothing of a traceparent that is not a W3C one', async () => {
      const placed = await call(app.base, 'POST', '/orders', {
        key: KEYS.web,
        body: workedExampleOrder('tc-bad'),
        headers: { traceparent: '00-00000000000000000000000000000000-00f067aa0ba902b7-01' },
      });
      assert.equal(placed.status, 201);
      const [orderPlaced] = await app.store.readStream('order-tc-bad');
      assert.equal(orderPlaced.metadata.traceparent, undefined);
    });

    it('gives a saga’s commands the correlation id and trace of the event they answer, with that event as their cause', async () => {
      const placing = traceparent('b7ad6b7169203331');
      await call(app.base, 'POST', '/orders', { key: KEYS.web, body: workedExampleOrder('tc-saga'), headers: { traceparent: placing, 'x-correlation-id': 'corr-tc-place' } });
      const reserved = await eventsOnceThere(app.store, 'order-tc-saga', (events) => events.some((e) => e.type === 'InventoryReserved'));
      const orderPlaced = reserved.find((e) => e.type === 'OrderPlaced')!;
      const reservation = reserved.find((e) => e.type === 'InventoryReserved')!;
      assert.deepEqual(
        [reservation.metadata.correlationId, reservation.metadata.causationId, reservation.metadata.traceparent],
        ['corr-tc-place', orderPlaced.eventId, placing],
        'the fulfillment saga reserved under the placing request’s correlation id and trace, caused by OrderPlaced',
      );

      const authorizing = traceparent('c0ffee0ddba11fed');
      const authorized = await call(app.base, 'POST', '/orders/tc-saga/authorizations', {
        key: KEYS.web,
        body: { authorizationId: 'auth-tc', amountMinor: 10519, currency: 'USD', at: '2026-11-27T10:01:00Z' },
        headers: { traceparent: authorizing, 'x-correlation-id': 'corr-tc-auth' },
      });
      assert.equal(authorized.status, 201, JSON.stringify(authorized.body));
      const captured = await eventsOnceThere(app.store, 'order-tc-saga', (events) => events.some((e) => e.type === 'PaymentCaptured'));
      const authorization = captured.find((e) => e.type === 'PaymentAuthorized')!;
      const capture = captured.find((e) => e.type === 'PaymentCaptured')!;
      assert.deepEqual([capture.metadata.correlationId, capture.metadata.causationId, capture.metadata.traceparent], ['corr-tc-auth', authorization.eventId, authorizing]);

      const sagaStream = await app.store.readStream('saga-fulfillment-tc-saga');
      assert.ok(
        sagaStream.every((e) => e.metadata.correlationId === 'corr-tc-place' || e.metadata.correlationId === 'corr-tc-auth'),
        'the saga’s own records too',
      );

      await journalCaughtUp(app);
      const lines = await call(app.base, 'GET', '/audit/orders/tc-saga/lines', { key: KEYS.audit });
      const capturedLines = lines.body.lines.filter((line: { eventType: string }) => line.eventType === 'PaymentCaptured');
      assert.equal(capturedLines.length, 2);
      for (const line of capturedLines) assert.equal(line.traceparent, authorizing);
    });
  });

  describe('with the SDK on (an in-memory exporter), each hop is a span of the caller’s trace', () => {
    const dir = tempDir('trace-spans');
    const exporter = new InMemorySpanExporter();
    let app: OrderApp;
    before(async () => {
      assert.equal(startTracing(loadConfig({}).tracing, { exporter }), true);
      app = await startOrderApp(dir.path, { sagas: true });
    });
    after(async () => {
      await app.close();
      await stopTracing();
      dir.remove();
    });

    const spanNamed = (name: string, traceId = TRACE): ReadableSpan | undefined =>
      exporter.getFinishedSpans().find((span) => span.name === name && span.spanContext().traceId === traceId);
    const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

    it('records the request as a server span under the caller’s span, the command under it, and gives the events the command’s context', async () => {
      const callerSpan = '1f2e3d4c5b6a7988';
      const placed = await call(app.base, 'POST', '/orders', { key: KEYS.web, body: workedExampleOrder('ts-http'), headers: { traceparent: traceparent(callerSpan) } });
      assert.equal(placed.status, 201);
      const server = spanNamed('POST /orders');
      assert.ok(
        server,
        exporter
          .getFinishedSpans()
          .map((s) => s.name)
          .join(', '),
      );
      assert.equal(parentOf(server), callerSpan);
      assert.equal(server.attributes['http.route'], '/orders');
      assert.equal(server.attributes['http.response.status_code'], 201);
      const command = spanNamed('order PlaceOrder');
      assert.ok(command);
      assert.equal(parentOf(command), server.spanContext().spanId);
      const [orderPlaced] = await app.store.readStream('order-ts-http');
      assert.equal(orderPlaced.metadata.traceparent, `00-${TRACE}-${command.spanContext().spanId}-01`);

      // The fulfillment saga's reservation continues the same trace, under the placing command.
      await eventsOnceThere(app.store, 'order-ts-http', (events) => events.some((e) => e.type === 'InventoryReserved'));
      const reserve = spanNamed('order ReserveInventory');
      assert.ok(
        reserve,
        exporter
          .getFinishedSpans()
          .map((s) => s.name)
          .join(', '),
      );
      assert.equal(reserve.spanContext().traceId, TRACE);
    });

    it('records a gRPC call as a server span under the caller’s span', async () => {
      const callerSpan = '0a0b0c0d0e0f1011';
      const placed = await app.orders.call('PlaceOrder', workedExampleOrder('ts-grpc'), KEYS.web, { traceparent: traceparent(callerSpan) });
      assert.equal(placed.error, undefined);
      const server = exporter.getFinishedSpans().find((span) => span.name === 'ledgerbridge.order.v1.Orders/PlaceOrder' && parentOf(span) === callerSpan);
      assert.ok(
        server,
        exporter
          .getFinishedSpans()
          .map((s) => s.name)
          .join(', '),
      );
      assert.equal(server.attributes['rpc.status_code'], 'OK');
    });

    it('starts a trace of its own for a request that brings none', async () => {
      const placed = await call(app.base, 'POST', '/orders', { key: KEYS.web, body: workedExampleOrder('ts-root') });
      assert.equal(placed.status, 201);
      const [orderPlaced] = await app.store.readStream('order-ts-root');
      const parent = String(orderPlaced.metadata.traceparent);
      assert.match(parent, /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
      const traceId = parent.split('-')[1];
      assert.ok(spanNamed('POST /orders', traceId), 'the request span heads that trace');
    });
  });
});
