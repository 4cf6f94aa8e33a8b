import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fulfillmentSaga, PAYMENT_DEADLINE, PICKUP_DEADLINE } from '../../../sagas/fulfillment/fulfillment.saga';
import { at, authorize, capture, history, ship, workedExample } from '../../order/order.fixtures';
import { fromOrder, sagaSpec, timer } from '../runtime/saga-spec';

const now = '2026-11-27T10:00:00.000Z';
const saga = fulfillmentSaga({ defaultLocationId: 'wh-main', paymentTimeoutMs: 3_600_000, pickupTimeoutMs: 86_400_000 });
const spec = sagaSpec(saga, now);
const kinds = (decision: { commands?: Array<{ command: { kind: string } }> }) => (decision.commands ?? []).map((c) => c.command.kind);

const [placed, reserved, authorized, captured] = history(
  workedExample(),
  {
    kind: 'ReserveInventory',
    locationId: 'wh-main',
    lines: [
      { lineId: 'L1', quantity: 2 },
      { lineId: 'L2', quantity: 1 },
    ],
    at,
  },
  authorize(10519),
  capture(10519, 'o-1001-capture-1'),
);
const input = (event: typeof placed) => fromOrder('o-1001', event);
const DEADLINE_AT = '2026-11-27T11:00:00.000Z';
const deadline = timer(PAYMENT_DEADLINE, DEADLINE_AT);

describe('fulfillment saga decisions', () => {
  it('given nothing, when an order is placed, then every line is reserved at the default warehouse and a payment deadline is set', () => {
    const decision = spec.given([]).when(input(placed));
    assert.deepEqual(decision.commands, [
      {
        aggregate: 'order',
        streamId: 'order-o-1001',
        command: {
          kind: 'ReserveInventory',
          locationId: 'wh-main',
          lines: [
            { lineId: 'L1', quantity: 2 },
            { lineId: 'L2', quantity: 1 },
          ],
          at: now,
        },
      },
    ]);
    assert.deepEqual(decision.schedule, [{ timerId: PAYMENT_DEADLINE, dueAt: '2026-11-27T11:00:00.000Z' }]);
  });

  it('reserves a pickup order at its pickup store', () => {
    const [pickupPlaced] = history(workedExample({ fulfillment: { type: 'pickup', locationId: 'store-7' } }));
    assert.equal(spec.given([]).when(input(pickupPlaced)).commands?.[0].command.locationId, 'store-7');
  });

  it('given nothing, when a register sale is placed (paid and handed over at the counter), then it reserves, captures and waits for nothing and completes', () => {
    const counterSale = workedExample({ fulfillment: { type: 'pickup', locationId: 'S001' }, soldAtCounter: true });
    const [counterPlaced] = history(counterSale);
    const decision = spec.given([]).when(input(counterPlaced));
    assert.deepEqual(decision.commands, undefined, 'the register captured the card and handed the goods over itself');
    assert.deepEqual(decision.schedule, undefined, 'no payment or pickup deadline');
    assert.equal(decision.complete, true);
    assert.deepEqual(
      decision.events?.map((e) => e.type),
      ['FulfillmentStarted'],
    );
  });

  it('given the stock held, when the channel authorizes, then the authorized amount is captured', () => {
    const decision = spec.given([input(placed), input(reserved)]).when(input(authorized));
    assert.deepEqual(
      decision.commands?.map((c) => c.command),
      [{ kind: 'CapturePayment', captureId: 'o-1001-capture-1', amountMinor: 10519, currency: 'USD', at: now }],
    );
  });

  it('given an authorization before the stock is held, then it captures only once the stock is reserved', () => {
    assert.deepEqual(kinds(spec.given([input(placed)]).when(input(authorized))), []);
    assert.deepEqual(kinds(spec.given([input(placed), input(authorized)]).when(input(reserved))), ['CapturePayment']);
  });

  it('does not ask for a capture twice while the first is in flight', () => {
    const [, , secondAuth] = history(workedExample(), authorize(5000, 'auth-a'), authorize(5519, 'auth-b'));
    const [, firstAuth] = history(workedExample(), authorize(5000, 'auth-a'));
    const decision = spec.given([input(placed), input(reserved), input(firstAuth)]).when(input(secondAuth));
    assert.deepEqual(
      decision.commands?.map((c) => [c.command.captureId, c.command.amountMinor]),
      [['o-1001-capture-2', 5519]],
    );
  });

  it('when the full amount is captured, then the payment deadline is cancelled', () => {
    const decision = spec.given([input(placed), input(reserved), input(authorized)]).when(input(captured));
    assert.deepEqual(decision.cancelTimers, [PAYMENT_DEADLINE]);
    assert.equal(decision.schedule, undefined);
  });

  it('completes only when every unit has shipped (split shipments)', () => {
    const [, , , , first, second] = history(workedExample(), reservedCommand(), authorize(10519), capture(10519), ship('s-1', [['L1', 2]]), ship('s-2', [['L2', 1]]));
    const paid = [input(placed), input(reserved), input(authorized), input(captured)];
    assert.equal(spec.given(paid).when(input(first)).complete, undefined);
    assert.equal(spec.given([...paid, input(first)]).when(input(second)).complete, true);
  });

  it('given payment never captured, when the deadline passes, then it releases the stock, voids the authorization and cancels, in that order', () => {
    // Part of the stock held: nothing is captured until all of it is, so the authorization is still open.
    const [, partlyReserved, openAuth] = history(workedExample(), { ...reservedCommand(), lines: [{ lineId: 'L1', quantity: 2 }] }, authorize(10519));
    const decision = spec.given([input(placed), input(partlyReserved), input(openAuth)]).when(deadline);
    assert.deepEqual(kinds(decision), ['ReleaseInventory', 'VoidAuthorization', 'CancelOrder', 'ReleaseApplication', 'ReleaseApplication']);
    assert.equal(decision.complete, true);
  });

  it('given a capture asked for but not seen yet, when the deadline passes, then it waits for the capture instead of voiding a captured authorization', () => {
    const askedToCapture = [input(placed), input(reserved), input(authorized)];
    const decision = spec.given(askedToCapture).when(deadline);
    assert.deepEqual(decision, { events: [{ type: 'PaymentDeadlinePassed', data: { dueAt: DEADLINE_AT } }] });

    const paidInFull = spec.given([...askedToCapture, deadline]).when(input(captured));
    assert.deepEqual(kinds(paidInFull), [], 'the payment came in before the deadline fired: nothing to compensate');
    assert.equal(paidInFull.complete, undefined);

    const [, , partAuth, partCapture] = history(workedExample(), reservedCommand(), authorize(5000), capture(5000, 'o-1001-capture-1'));
    const short = spec.given([input(placed), input(reserved), input(partAuth), deadline]).when(input(partCapture));
    assert.deepEqual(kinds(short), ['ReleaseInventory', 'CancelOrder', 'IssueRefund', 'ReleaseApplication', 'ReleaseApplication'], 'no void of the captured authorization');
    assert.equal(short.commands?.[2].command.amountMinor, 5000);
    assert.equal(short.complete, true);
  });

  it('compensation gives back the usage of every promotion the order was placed with, last, tolerating one not defined here', () => {
    const decision = spec.given([input(placed), input(reserved)]).when(deadline);
    const releases = (decision.commands ?? []).filter((c) => c.command.kind === 'ReleaseApplication');
    assert.deepEqual(releases, [
      {
        aggregate: 'promotion',
        streamId: 'promotion-promo-save10',
        command: { kind: 'ReleaseApplication', promotionId: 'promo-save10', orderId: 'o-1001', at: now },
        acceptRefusals: ['PROMOTION_NOT_FOUND'],
      },
      {
        aggregate: 'promotion',
        streamId: 'promotion-promo-vend5',
        command: { kind: 'ReleaseApplication', promotionId: 'promo-vend5', orderId: 'o-1001', at: now },
        acceptRefusals: ['PROMOTION_NOT_FOUND'],
      },
    ]);
  });

  it('an order placed without promotions releases none', () => {
    const [bare, bareReserved] = history(workedExample({ discounts: [], tenders: [] }), reservedCommand());
    const decision = spec.given([input(bare), input(bareReserved)]).when(timer(PAYMENT_DEADLINE, '2026-11-27T11:00:00.000Z'));
    assert.deepEqual(kinds(decision), ['ReleaseInventory', 'CancelOrder']);
  });

  it('given a paid pickup order not collected, when the pickup deadline passes, then it cancels and refunds the capture', () => {
    const pickup = workedExample({ fulfillment: { type: 'pickup', locationId: 'store-7' } });
    const events = history(
      pickup,
      {
        kind: 'ReserveInventory',
        locationId: 'store-7',
        lines: [
          { lineId: 'L1', quantity: 2 },
          { lineId: 'L2', quantity: 1 },
        ],
        at,
      },
      authorize(10519),
      capture(10519),
    );
    const given = spec.given(events.map(input));
    const decision = given.when(timer(PICKUP_DEADLINE, '2026-11-28T10:00:00.000Z'));
    assert.deepEqual(kinds(decision), ['ReleaseInventory', 'CancelOrder', 'IssueRefund', 'ReleaseApplication', 'ReleaseApplication']);
    assert.equal(decision.commands?.[2].command.amountMinor, 10519);
  });

  it('ignores a deadline that no longer applies', () => {
    const paid = [input(placed), input(reserved), input(authorized), input(captured)];
    assert.deepEqual(spec.given(paid).when(timer(PAYMENT_DEADLINE, '2026-11-27T11:00:00.000Z')), {});
  });

  it('ignores order events for an order it never saw placed', () => {
    assert.deepEqual(spec.given([]).when(input(reserved)), {});
    assert.equal(saga.correlate({ type: 'OrderPlaced', streamId: 'promotion-1', data: {} }), undefined);
  });
});

function reservedCommand() {
  return {
    kind: 'ReserveInventory' as const,
    locationId: 'wh-main',
    lines: [
      { lineId: 'L1', quantity: 2 },
      { lineId: 'L2', quantity: 1 },
    ],
    at,
  };
}
