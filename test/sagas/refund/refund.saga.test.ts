import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChannelRefundReceivedData } from '../../../src/channels/channel-refund.events';
import type { ReturnReceived } from '../../../src/order/order.events';
import { orderWaitTimer, refundSaga } from '../../../sagas/refund/refund.saga';
import { refundStatus } from '../../../sagas/refund/refund.events';
import { authorize, capture, history, receiveReturn, requestReturn, ship, workedExample, refund as issueRefund } from '../../order/order.fixtures';
import { channelRefundStreamId, shopifyRefundFact } from '../../channels/channel-refund.fixtures';
import { fromOrder, fromStream, sagaSpec, timer } from '../runtime/saga-spec';

const now = '2026-11-28T12:00:00.000Z';
const DAY = 86_400_000;
const saga = refundSaga({ orderWaitMs: DAY });
const spec = sagaSpec(saga, now);
const kinds = (decision: { commands?: Array<{ command: { kind: string } }> }) => (decision.commands ?? []).map((c) => c.command.kind);
const status = (given: { state: Parameters<typeof refundStatus>[0] }) => refundStatus(given.state);

// The worked example, paid and shipped; then 1 x L1 and 1 x L2 come back.
const [placed, authorized, captured, shipped, requested, received, refunded] = history(
  workedExample(),
  authorize(10519),
  capture(10519),
  ship('s-1', [
    ['L1', 2],
    ['L2', 1],
  ]),
  requestReturn('r-1', [
    ['L1', 1],
    ['L2', 1],
  ]),
  receiveReturn('r-1'),
  issueRefund(6788, 'r-1', 'r-1'),
);
const input = (event: typeof placed) => fromOrder('o-1001', event);
const receivedAmounts = (received as ReturnReceived).data.amounts;

function channelRefund(overrides: Partial<ChannelRefundReceivedData> = {}) {
  const data = shopifyRefundFact('o-1001', overrides);
  return fromStream(channelRefundStreamId(data), { type: 'ChannelRefundReceived', data });
}

// The same order with the Shopify refund's return and receipt recorded on it.
const [, , , , channelReturn, channelReceipt] = history(
  workedExample(),
  authorize(10519),
  capture(10519),
  ship('s-1', [
    ['L1', 2],
    ['L2', 1],
  ]),
  requestReturn('shopify-refund-9001', [['L1', 1]]),
  receiveReturn('shopify-refund-9001'),
);

describe('refund saga decisions', () => {
  it('happy path: given a requested return, when it is received, then provider refund -> clawback per promotion -> IssueRefund, in that order', () => {
    const given = spec.given([input(placed), input(requested)]);
    assert.equal(status(given), 'requested');
    const decision = given.when(input(received));
    assert.deepEqual(kinds(decision), ['RefundPayment', 'RecordClawback', 'RecordClawback', 'IssueRefund']);
    const [payment, , , refund] = decision.commands!;
    assert.deepEqual(payment, {
      aggregate: 'payment-provider',
      streamId: 'order-o-1001',
      command: { kind: 'RefundPayment', orderId: 'o-1001', returnId: 'r-1', amountMinor: receivedAmounts.totals.totalMinor, currency: 'USD' },
    });
    assert.deepEqual(refund.command, { kind: 'IssueRefund', refundId: 'r-1', amountMinor: receivedAmounts.totals.totalMinor, currency: 'USD', at: now, returnId: 'r-1' });
  });

  it('partial return with two promotions, one vendor-funded: each claws back exactly the per-unit shares of the returned units', () => {
    const decision = spec.given([input(placed), input(requested)]).when(input(received));
    const clawbacks = decision.commands!.filter((c) => c.command.kind === 'RecordClawback');
    // SAVE10 split 5.71 / 4.29 over the lines: one of two L1 units gives 2.86 (DESIGN), L2's single unit all 4.29; VEND5 all 5.00.
    assert.deepEqual(
      clawbacks.map((c) => [c.streamId, c.command.promotionId, c.command.amountMinor, c.command.returnId]),
      [
        ['promotion-promo-save10', 'promo-save10', 286 + 429, 'r-1'],
        ['promotion-promo-vend5', 'promo-vend5', 500, 'r-1'],
      ],
    );
    assert.ok(
      clawbacks.every((c) => c.acceptRefusals?.includes('PROMOTION_NOT_FOUND')),
      'a channel discount not managed here does not park the refund',
    );
    assert.equal(receivedAmounts.totals.totalMinor, 3000 - 286 + 217 + 4500 - 429 - 500 + 286, 'the customer gets the returned units net of their discounts, with their tax');
  });

  it('given the refund issued, then the return is refunded and a repeated receipt asks for nothing', () => {
    const given = spec.given([input(placed), input(requested), input(received), input(refunded)]);
    assert.equal(status(given), 'refunded');
    assert.deepEqual(given.when(input(received)), {});
  });

  it('a partial receipt refunds only the units that came back', () => {
    const [, , , , , partial] = history(
      workedExample(),
      authorize(10519),
      capture(10519),
      ship('s-1', [
        ['L1', 2],
        ['L2', 1],
      ]),
      requestReturn('r-1', [
        ['L1', 1],
        ['L2', 1],
      ]),
      receiveReturn('r-1', [['L1', 1]]),
    );
    const decision = spec.given([input(placed), input(requested)]).when(input(partial));
    assert.deepEqual(decision.commands![0].command.amountMinor, 3000 - 286 + 217);
    assert.deepEqual(
      decision.commands!.filter((c) => c.command.kind === 'RecordClawback').map((c) => c.command.promotionId),
      ['promo-save10'],
    );
  });

  describe('a channel refund (already paid by the channel: no provider call)', () => {
    it('an order the saga has not followed (unknown, or placed before the refund came): tried at once, the order judging, and waits with a deadline', () => {
      const decision = spec.given([]).when(channelRefund());
      assert.deepEqual(kinds(decision), ['RequestReturn', 'ReceiveReturn']);
      for (const { acceptRefusals } of decision.commands!) {
        for (const notYet of ['ORDER_NOT_FOUND', 'RETURN_QUANTITY_EXCEEDS_SHIPPED', 'UNKNOWN_RETURN']) assert.ok(acceptRefusals?.includes(notYet), `${notYet} leaves it waiting`);
      }
      assert.deepEqual(decision.schedule, [{ timerId: orderWaitTimer('shopify-refund-9001'), dueAt: '2026-11-29T12:00:00.000Z' }]);
      assert.equal(status(spec.given([channelRefund()])), 'awaiting-order');
    });

    it('the order took the try: its own ReturnRequested marks the refund applied, once, and its receipt claws back and records the refund the channel paid', () => {
      const taken = spec.given([channelRefund()]).when(input(channelReturn));
      assert.deepEqual(taken.events, [{ type: 'ChannelRefundApplied', data: { returnId: 'shopify-refund-9001', phase: 'applied' } }]);
      assert.deepEqual(taken.cancelTimers, [orderWaitTimer('shopify-refund-9001')]);
      assert.deepEqual(kinds(taken), [], 'nothing tried again');
      const given = spec.given([channelRefund(), input(channelReturn)]);
      assert.equal(status(given), 'applied');
      const decision = given.when(input(channelReceipt));
      assert.deepEqual(kinds(decision), ['RecordClawback', 'IssueRefund']);
      assert.equal(decision.commands![1].command.amountMinor, 2931);
    });

    it('not taken yet: tried again at each event of the order, until the order takes it', () => {
      const decision = spec.given([channelRefund()]).when(input(captured));
      assert.deepEqual(kinds(decision), ['RequestReturn', 'ReceiveReturn']);
      assert.ok(decision.commands!.every((c) => c.acceptRefusals?.includes('RETURN_QUANTITY_EXCEEDS_SHIPPED')));
      assert.deepEqual(decision.events, undefined, 'an order not followed from its placement is not counted');
    });

    it('a money-only refund the order took on a try is recorded once its RefundIssued comes', () => {
      const moneyOnly = channelRefund({ lines: [], refundedMinor: 799, returnId: 'shopify-refund-9002', refundId: '9002' });
      assert.deepEqual(
        spec
          .given([])
          .when(moneyOnly)
          .commands!.map((c) => c.command),
        [{ kind: 'IssueRefund', refundId: 'shopify-refund-9002', amountMinor: 799, currency: 'USD', at: '2026-11-28T09:30:00.000Z' }],
      );
      const [, , , issued] = history(workedExample(), authorize(10519), capture(10519), issueRefund(799, 'shopify-refund-9002'));
      const given = spec.given([moneyOnly, input(issued)]);
      assert.equal(status(given), 'refunded');
      assert.deepEqual(kinds(spec.given([moneyOnly]).when(input(issued))), []);
    });

    it('a try the order took before the saga, now counting the order from its placement, saw it is not applied twice', () => {
      // The saga reached the refund after the order was placed and shipped, so its try succeeded; the order's events logged before that record come first.
      const decision = spec.given([channelRefund(), input(placed), input(authorized), input(captured)]).when(input(shipped));
      assert.deepEqual(kinds(decision), ['RequestReturn', 'ReceiveReturn']);
      assert.ok(decision.commands!.every((c) => c.acceptRefusals?.includes('RETURN_ALREADY_RECORDED') && c.acceptRefusals?.includes('RETURN_ALREADY_RECEIVED')));
      assert.deepEqual(spec.given([channelRefund(), input(placed), input(authorized), input(captured), input(shipped)]).when(input(channelReturn)).commands, undefined);
    });

    it('refund before sale: followed from its placement, waits while the order cannot take it, then applies once it can', () => {
      const early = channelRefund();
      assert.deepEqual(kinds(spec.given([early]).when(input(placed))), [], 'placed, but nothing shipped or captured');
      assert.deepEqual(kinds(spec.given([early, input(placed), input(authorized)]).when(input(captured))), [], 'paid, not shipped');
      const decision = spec.given([early, input(placed), input(authorized), input(captured)]).when(input(shipped));
      assert.deepEqual(
        decision.commands!.map((c) => c.command),
        [
          { kind: 'RequestReturn', returnId: 'shopify-refund-9001', lines: [{ lineId: 'L1', quantity: 1 }], at: '2026-11-28T09:30:00.000Z' },
          { kind: 'ReceiveReturn', returnId: 'shopify-refund-9001', at: '2026-11-28T09:30:00.000Z' },
        ],
      );
      assert.deepEqual(decision.cancelTimers, [orderWaitTimer('shopify-refund-9001')]);
      assert.deepEqual(kinds(spec.given([early, input(placed), input(authorized), input(captured), input(shipped)]).when(input(shipped))), [], 'applied once only');
    });

    it('refund before sale: its receipt claws back and records the refund the channel paid, without the provider', () => {
      const given = spec.given([channelRefund(), input(placed), input(authorized), input(captured), input(shipped), input(channelReturn)]);
      assert.equal(status(given), 'applied');
      const decision = given.when(input(channelReceipt));
      assert.deepEqual(kinds(decision), ['RecordClawback', 'IssueRefund']);
      assert.deepEqual(decision.commands![1].command, {
        kind: 'IssueRefund',
        refundId: 'shopify-refund-9001',
        amountMinor: 2931,
        currency: 'USD',
        at: '2026-11-28T09:30:00.000Z',
        returnId: 'shopify-refund-9001',
      });
    });

    it('a refund of money only (shipping) before sale is recorded as a refund once the order holds that much captured money', () => {
      const moneyOnly = channelRefund({ lines: [], refundedMinor: 799, returnId: 'shopify-refund-9002', refundId: '9002' });
      const decision = spec.given([moneyOnly, input(placed), input(authorized)]).when(input(captured));
      assert.deepEqual(
        decision.commands!.map((c) => c.command),
        [{ kind: 'IssueRefund', refundId: 'shopify-refund-9002', amountMinor: 799, currency: 'USD', at: '2026-11-28T09:30:00.000Z' }],
      );
    });

    it('an order followed from its placement stays counted once nothing waits, so a later refund is applied on arrival', () => {
      const [, , , shipL1, shipL2] = history(workedExample(), authorize(10519), capture(10519), ship('s-1', [['L1', 2]]), ship('s-2', [['L2', 1]]));
      const later = channelRefund({ refundId: '9005', returnId: 'shopify-refund-9005', lines: [{ lineId: 'L2', quantity: 1 }], refundedMinor: 4000 });
      const given = spec.given([channelRefund(), input(placed), input(authorized), input(captured), input(shipL1), input(shipL2)]);
      const decision = given.when(later);
      assert.deepEqual(kinds(decision), ['RequestReturn', 'ReceiveReturn']);
      assert.ok(
        decision.commands!.every((c) => c.acceptRefusals === undefined),
        'applied knowingly, not tried',
      );
    });

    it('order never arrives: when the wait window passes, the instance is stuck, and still applies if the order comes later', () => {
      const early = channelRefund();
      const given = spec.given([early, timer(orderWaitTimer('shopify-refund-9001'), '2026-11-29T12:00:00.000Z')]);
      assert.equal(status(given), 'stuck');
      const late = spec.given([early, timer(orderWaitTimer('shopify-refund-9001'), '2026-11-29T12:00:00.000Z'), input(placed), input(authorized), input(captured)]);
      assert.deepEqual(kinds(late.when(input(shipped))), ['RequestReturn', 'ReceiveReturn']);
    });

    it('a duplicate channel refund (same refund, another delivery) is ignored', () => {
      const first = channelRefund();
      assert.deepEqual(spec.given([first]).when(channelRefund()), {});
      const applied = spec.given([first, input(placed), input(authorized), input(captured), input(shipped)]);
      assert.deepEqual(applied.when(channelRefund({ sourceRef: 'channel-delivery-shopify-wh-2' })), {});
    });

    it('two refunds waiting on one order do not both count on the same shipped unit', () => {
      const a = channelRefund();
      const b = channelRefund({ refundId: '9003', returnId: 'shopify-refund-9003', lines: [{ lineId: 'L1', quantity: 2 }], refundedMinor: 5862 });
      const [, , , shipOne] = history(workedExample(), authorize(10519), capture(10519), ship('s-1', [['L1', 2]]));
      const decision = spec.given([a, b, input(placed), input(authorized), input(captured)]).when(input(shipOne));
      assert.deepEqual(
        decision.commands!.map((c) => c.command.returnId),
        ['shopify-refund-9001', 'shopify-refund-9001'],
        'only the first fits in what shipped',
      );
    });

    it('a refund applied on arrival also uses up its units, so one still waiting cannot count on them', () => {
      const both = channelRefund({ refundId: '9004', returnId: 'shopify-refund-9004', lines: [{ lineId: 'L1', quantity: 2 }], refundedMinor: 5862 });
      const [, , , shipOne] = history(workedExample(), authorize(10519), capture(10519), ship('s-1', [['L1', 1]]));
      const [, , , , shipAnother] = history(workedExample(), authorize(10519), capture(10519), ship('s-1', [['L1', 1]]), ship('s-2', [['L1', 1]]));
      const given = [both, input(placed), input(authorized), input(captured), input(shipOne), channelRefund()];
      assert.deepEqual(kinds(spec.given(given.slice(0, -1)).when(channelRefund())), ['RequestReturn', 'ReceiveReturn'], 'the one-unit refund fits now');
      assert.deepEqual(kinds(spec.given(given).when(input(shipAnother))), [], 'the second unit is not enough for two');
    });

    it('a fact the previous version recorded as applied at the edge (its webhook applied it) is not applied again: the saga only claws back', () => {
      assert.deepEqual(spec.given([input(placed), input(shipped)]).when(channelRefund({ appliedAtEdge: true })).commands, undefined);
      const given = spec.given([input(placed), input(shipped), channelRefund({ appliedAtEdge: true })]);
      assert.deepEqual(given.when(input(channelReturn)), {});
      const decision = spec.given([input(placed), input(shipped), channelRefund({ appliedAtEdge: true }), input(channelReturn)]).when(input(channelReceipt));
      assert.deepEqual(kinds(decision), ['RecordClawback']);
      assert.deepEqual(decision.commands![0].command.amountMinor, 286);
    });
  });

  it('follows only order events and channel refunds, per order', () => {
    assert.equal(saga.correlate({ type: 'ReturnReceived', streamId: 'order-o-9', data: {} }), 'o-9');
    assert.equal(saga.correlate({ type: 'ChannelRefundReceived', streamId: 'channel-refund-acme.myshopify.com-1', data: { orderId: 'shopify-5' } }), 'shopify-5');
    assert.equal(saga.correlate({ type: 'PromotionApplied', streamId: 'promotion-x', data: {} }), undefined);
    assert.equal(saga.correlate({ type: 'OrderCancelled', streamId: 'order-o-9', data: {} }), undefined, 'an order event the refunds do not need');
    assert.equal(
      saga.correlate({ type: 'SomethingElse', streamId: 'channel-refund-acme.myshopify.com-1', data: { orderId: 'shopify-5' } }),
      undefined,
      'only ChannelRefundReceived of a channel-refund stream',
    );
  });

  it('an order event for an order with no refund leaves nothing to record', () => {
    assert.deepEqual(kinds(spec.given([]).when(input(placed))), []);
    assert.deepEqual(spec.given([]).when(input(placed)), {});
  });
});
