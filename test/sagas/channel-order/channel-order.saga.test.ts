import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChannelOrderEvent } from '../../../src/channels/channel-order.events';
import { channelOrderSaga, PAYMENT_STATUS_CHECK, stepWaitTimer } from '../../../sagas/channel-order/channel-order.saga';
import { channelOrderStatus } from '../../../sagas/channel-order/channel-order.events';
import type { SagaInput } from '../../../sagas/runtime/saga-definition';
import { authorize, capture, history, ship, workedExample } from '../../order/order.fixtures';
import { fromOrder, fromStream, sagaSpec, timer } from '../runtime/saga-spec';

const now = '2026-11-28T12:00:00.000Z';
const HOUR = 3_600_000;
const saga = channelOrderSaga({ orderWaitMs: 7 * 24 * HOUR, paymentWaitMs: HOUR });
const spec = sagaSpec(saga, now);
const ORDER = 'shopify-77';
const source = { channel: 'shopify', shop: 'acme.myshopify.com', orderId: ORDER, sourceRef: 'channel-delivery-shopify-wh-1' };
const fact = (event: ChannelOrderEvent): SagaInput => fromStream('channel-order-acme.myshopify.com-77', event);
const transaction = (transactionId: string, kind: string, amountMinor: number, extra: { parentId?: string; status?: string } = {}) =>
  fact({
    type: 'ChannelTransactionReported',
    data: {
      ...source,
      transactionId,
      kind,
      status: extra.status ?? 'success',
      amountMinor,
      currency: 'USD',
      at: '2026-11-27T15:00:05.000Z',
      ...(extra.parentId ? { parentId: extra.parentId } : {}),
    },
  });
const commands = (decision: { commands?: Array<{ command: Record<string, unknown>; acceptRefusals?: string[] }> }) => (decision.commands ?? []).map((c) => c.command);
const [placed, authorized, captured, shipped] = history(
  workedExample({ orderId: ORDER, channel: 'shopify' }),
  authorize(10519, '9001'),
  capture(10519, '9001'),
  ship('F1', [
    ['L1', 2],
    ['L2', 1],
  ]),
);
const onOrder = (event: typeof placed) => fromOrder(ORDER, event);

describe('channel-order saga decisions', () => {
  it('a sale is an authorization and a capture under the transaction’s own id and time, tried at once; the order judges', () => {
    const decision = spec.given([]).when(transaction('9001', 'sale', 10519));
    assert.deepEqual(commands(decision), [
      { kind: 'AuthorizePayment', authorizationId: '9001', amountMinor: 10519, currency: 'USD', at: '2026-11-27T15:00:05.000Z' },
      { kind: 'CapturePayment', captureId: '9001', amountMinor: 10519, currency: 'USD', at: '2026-11-27T15:00:05.000Z' },
    ]);
    assert.ok(
      decision.commands!.every((c) => c.acceptRefusals?.includes('ORDER_NOT_FOUND')),
      'an order not placed yet means: wait',
    );
    assert.deepEqual(
      decision.schedule!.map((t) => t.timerId),
      [stepWaitTimer('authorize:9001'), stepWaitTimer('capture:9001')],
    );
  });

  it('a step that waited is tried again at each of the order’s events, and is done once the order records it', () => {
    const given = spec.given([transaction('9001', 'sale', 10519)]);
    assert.equal(channelOrderStatus(given.state), 'awaiting-order');
    // The order is placed: both steps tried again.
    assert.deepEqual(
      commands(given.when(onOrder(placed))).map((c) => c.kind),
      ['AuthorizePayment', 'CapturePayment'],
    );
    const afterAuthorization = spec.given([transaction('9001', 'sale', 10519), onOrder(placed), onOrder(authorized)]);
    assert.deepEqual(
      afterAuthorization.state.steps.map((s) => [s.key, s.phase]),
      [
        ['authorize:9001', 'applied'],
        ['capture:9001', 'waiting'],
      ],
    );
    const done = spec.given([transaction('9001', 'sale', 10519), onOrder(placed), onOrder(authorized), onOrder(captured)]);
    assert.equal(channelOrderStatus(done.state), 'applied');
    assert.deepEqual(done.when(onOrder(shipped)), {}, 'nothing waits: nothing to try');
  });

  it('a void voids the transaction’s parent; failed, pending and refund transactions move nothing here', () => {
    assert.deepEqual(commands(spec.given([]).when(transaction('9002', 'void', 0, { parentId: '9001' }))), [
      { kind: 'VoidAuthorization', authorizationId: '9001', at: '2026-11-27T15:00:05.000Z' },
    ]);
    for (const ignored of [transaction('9003', 'sale', 100, { status: 'failure' }), transaction('9004', 'refund', 100), transaction('9005', 'change', 100)]) {
      assert.deepEqual(spec.given([]).when(ignored), {});
    }
  });

  it('a successful fulfillment ships its units; the cancellation cancels', () => {
    const fulfillment = (status: string) =>
      fact({ type: 'ChannelFulfillmentReported', data: { ...source, fulfillmentId: 'F1', status, lines: [{ lineId: 'L1', quantity: 2 }], at: '2026-11-28T14:00:00.000Z' } });
    assert.deepEqual(spec.given([]).when(fulfillment('pending')), {});
    assert.deepEqual(commands(spec.given([]).when(fulfillment('success'))), [
      { kind: 'ConfirmShipment', shipmentId: 'F1', lines: [{ lineId: 'L1', quantity: 2 }], shippedAt: '2026-11-28T14:00:00.000Z' },
    ]);
    const cancelled = fact({ type: 'ChannelCancellationReported', data: { ...source, reason: 'customer', at: '2026-11-27T16:00:00.000Z' } });
    assert.deepEqual(commands(spec.given([]).when(cancelled)), [{ kind: 'CancelOrder', reason: 'cancelled in the channel: customer', at: '2026-11-27T16:00:00.000Z' }]);
  });

  it('shows a step the order never took as stuck after the wait window', () => {
    const given = spec.given([transaction('9001', 'authorization', 10519)]);
    const decision = given.when(timer(stepWaitTimer('authorize:9001'), '2026-12-05T12:00:00.000Z'));
    assert.deepEqual(decision.events, [{ type: 'OrderStepStuck', data: { key: 'authorize:9001', waitedUntil: '2026-12-05T12:00:00.000Z' } }]);
  });

  describe('an order body that says it was paid, without transactions to show for it', () => {
    const claim = (status: string, authorizedMinor: number, capturedMinor: number) =>
      fact({ type: 'ChannelPaymentStatusReported', data: { ...source, status, authorizedMinor, capturedMinor, currency: 'USD', at: '2026-11-27T15:00:00.000Z' } });
    const check = timer(PAYMENT_STATUS_CHECK, '2026-11-28T13:00:00.000Z');

    it('waits for the transactions, then records the money under an id of its own at the body’s time', () => {
      const given = spec.given([claim('paid', 10519, 10519)]);
      assert.equal(channelOrderStatus(given.state), 'awaiting-transactions');
      assert.deepEqual(spec.given([]).when(claim('paid', 10519, 10519)).schedule, [{ timerId: PAYMENT_STATUS_CHECK, dueAt: '2026-11-28T13:00:00.000Z' }]);
      assert.deepEqual(commands(given.when(check)), [
        { kind: 'AuthorizePayment', authorizationId: 'payment-status-1', amountMinor: 10519, currency: 'USD', at: '2026-11-27T15:00:00.000Z' },
        { kind: 'CapturePayment', captureId: 'payment-status-1', amountMinor: 10519, currency: 'USD', at: '2026-11-27T15:00:00.000Z' },
      ]);
    });

    it('stops waiting as soon as the transactions show what the body claimed', () => {
      const decision = spec.given([claim('paid', 10519, 10519)]).when(transaction('9001', 'sale', 10519));
      assert.deepEqual(decision.cancelTimers, [PAYMENT_STATUS_CHECK]);
      assert.equal(
        channelOrderStatus(spec.given([claim('paid', 10519, 10519), transaction('9001', 'sale', 10519)]).state),
        'awaiting-order',
        'waiting for its order now, not for transactions',
      );
    });

    it('records nothing when the transactions came in the wait, and captures only what an authorization left open', () => {
      assert.deepEqual(commands(spec.given([claim('paid', 10519, 10519), transaction('9001', 'sale', 10519)]).when(check)), []);
      assert.deepEqual(commands(spec.given([transaction('9001', 'authorization', 10519), claim('paid', 10519, 10519)]).when(check)), [
        { kind: 'CapturePayment', captureId: 'payment-status-1', amountMinor: 10519, currency: 'USD', at: '2026-11-27T15:00:00.000Z' },
      ]);
      assert.deepEqual(
        commands(spec.given([claim('authorized', 10519, 0)]).when(check)).map((c) => c.kind),
        ['AuthorizePayment'],
      );
    });

    it('counts transactions reported after that against the money recorded for them, instead of recording it twice', () => {
      const given = spec.given([claim('paid', 10519, 10519), check]);
      const late = given.when(transaction('9001', 'sale', 10519));
      assert.deepEqual(commands(late), []);
      assert.deepEqual(
        late.events?.map((e) => e.type),
        ['TransactionCounted', 'TransactionCoveredByStatus'],
      );
      // A later void of a covered authorization voids what was recorded in its place.
      const voided = spec.given([claim('authorized', 10519, 0), check, transaction('9001', 'authorization', 10519)]).when(transaction('9002', 'void', 0, { parentId: '9001' }));
      assert.deepEqual(commands(voided), [{ kind: 'VoidAuthorization', authorizationId: 'payment-status-1', at: '2026-11-27T15:00:05.000Z' }]);
    });
  });
});
