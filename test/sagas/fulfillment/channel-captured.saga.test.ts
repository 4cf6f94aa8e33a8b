import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fulfillmentSaga } from '../../../sagas/fulfillment/fulfillment.saga';
import { at, authorize, cancel, capture, history, workedExample } from '../../order/order.fixtures';
import { fromOrder, sagaSpec } from '../runtime/saga-spec';

const now = '2026-11-27T10:00:00.000Z';
const saga = fulfillmentSaga({ defaultLocationId: 'wh-main', paymentTimeoutMs: 3_600_000, pickupTimeoutMs: 86_400_000 });
const spec = sagaSpec(saga, now);
const kinds = (decision: { commands?: Array<{ command: { kind: string } }> }) => (decision.commands ?? []).map((c) => c.command.kind);

// A Shopify order: Shopify authorizes, captures, voids and refunds, and reports each.
const [placed, reserved, authorized, captured, cancelled] = history(
  workedExample({ orderId: 'shopify-1', channel: 'shopify', capturedByChannel: true }),
  {
    kind: 'ReserveInventory',
    locationId: 'wh-main',
    lines: [
      { lineId: 'L1', quantity: 2 },
      { lineId: 'L2', quantity: 1 },
    ],
    at,
  },
  authorize(10519, 'txn-1'),
  capture(10519, 'txn-1'),
  cancel('cancelled in the channel: customer'),
);
const input = (event: typeof placed) => fromOrder('shopify-1', event);

describe('fulfillment saga, an order whose channel captures itself', () => {
  it('reserves the stock but sets no payment deadline: the order is never cancelled for want of a payment the channel owns', () => {
    const decision = spec.given([]).when(input(placed));
    assert.deepEqual(kinds(decision), ['ReserveInventory']);
    assert.equal(decision.schedule, undefined);
  });

  it('never captures what the channel authorized: the channel’s own capture comes as a transaction', () => {
    assert.deepEqual(kinds(spec.given([input(placed), input(reserved)]).when(input(authorized))), []);
    assert.deepEqual(kinds(spec.given([input(placed), input(authorized)]).when(input(reserved))), []);
  });

  it('on a cancellation gives back the stock and the promotions, but voids and refunds nothing: the channel reports its own', () => {
    const decision = spec.given([input(placed), input(reserved), input(authorized), input(captured)]).when(input(cancelled));
    assert.deepEqual(kinds(decision), ['ReleaseInventory', 'ReleaseApplication', 'ReleaseApplication']);
    assert.equal(decision.complete, true);
  });
});
