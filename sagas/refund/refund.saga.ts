import type { LineQuantity } from '../../src/order/order.commands';
import type { OrderEvent } from '../../src/order/order.events';
import type { RecordClawback } from '../../src/promotion/promotion.commands';
import { CHANNEL_REFUND_PREFIX } from '../../src/channels/channel-refund.aggregate';
import { CHANNEL_REFUND_RECEIVED, type ChannelRefundReceivedData } from '../../src/channels/channel-refund.events';
import { ORDER_PREFIX, orderCommand } from '../order-commands';
import { later, type SagaCommand, type SagaDecision, type SagaDefinition, type SagaInput } from '../runtime/saga-definition';
import { clawbacksFor } from './clawbacks';
import { PAYMENT_PROVIDER_TARGET, type RefundPayment } from './provider-refund';
import { caseOf, evolveRefund, initialRefundState, orderCanTake, refundStatus, type ChannelRefund, type RefundCase, type RefundEvent, type RefundState } from './refund.events';

export interface RefundSagaConfig {
  /** How long a channel refund waits for its order before the instance shows as `stuck`. */
  orderWaitMs: number;
}

const FOLLOWED: ReadonlySet<string> = new Set<OrderEvent['type']>([
  'OrderPlaced',
  'PaymentAuthorized',
  'PaymentCaptured',
  'InventoryReserved',
  'ShipmentConfirmed',
  'PickupConfirmed',
  'ReturnRequested',
  'ReturnReceived',
  'RefundIssued',
]);
/** Refusals that mean the promotion is not managed here or the order never held it: nothing to claw back. */
const NO_CLAWBACK = ['PROMOTION_NOT_FOUND', 'APPLICATION_NOT_FOUND'];
/**
 * A try (TRYING) may have applied the refund already although the saga has not seen the order's
 * record of it yet: the order events logged in between still come first.
 */
const ALREADY_APPLIED = ['RETURN_ALREADY_RECORDED', 'RETURN_ALREADY_RECEIVED', 'REFUND_ALREADY_RECORDED'];
/**
 * A try lets the order judge: besides ALREADY_APPLIED, it accepts what the order answers when it
 * cannot take the refund yet (not placed, cancelled, the units not shipped so no return to receive,
 * the money not captured). The refund then keeps waiting and is tried again at the order's next event.
 */
const TRYING = [...ALREADY_APPLIED, 'ORDER_NOT_FOUND', 'ORDER_CANCELLED', 'RETURN_QUANTITY_EXCEEDS_SHIPPED', 'UNKNOWN_RETURN', 'REFUND_EXCEEDS_CAPTURED'];

export const orderWaitTimer = (returnId: string): string => `order-wait/${returnId}`;

type Decision = SagaDecision<RefundEvent>;

/**
 * The refund journey, one instance per order (its returns are cases inside it, by return id):
 * return requested -> received with the units -> money back through the payment provider ->
 * each promotion's share clawed back -> RefundIssued on the order, which the posting
 * projection posts. A refund the channel already paid (Shopify refunds/create) skips the
 * provider and is applied to the order by this saga alone, once the order can take it (placed,
 * units shipped, money captured); one still waiting after the wait window shows as `stuck`.
 * Keying by order is what lets an early refund and the order's own events meet in one mailbox,
 * in log order.
 */
export function refundSaga(config: RefundSagaConfig): SagaDefinition<RefundState, RefundEvent> {
  /** Records a channel refund on the order: its return and receipt, or for money only the refund itself. */
  function apply(orderId: string, returnId: string, refund: ChannelRefund, acceptRefusals?: string[]): { commands: SagaCommand[]; phase: 'applied' | 'refunding' } {
    if (refund.lines.length === 0) {
      const issue = orderCommand(orderId, { kind: 'IssueRefund', refundId: returnId, amountMinor: refund.refundedMinor, currency: refund.currency, at: refund.at }, acceptRefusals);
      return { commands: [issue], phase: 'refunding' };
    }
    return {
      commands: [
        orderCommand(orderId, { kind: 'RequestReturn', returnId, lines: refund.lines, at: refund.at }, acceptRefusals),
        orderCommand(orderId, { kind: 'ReceiveReturn', returnId, at: refund.at }, acceptRefusals),
      ],
      phase: 'applied',
    };
  }

  const waiting = (state: RefundState): RefundCase[] => state.cases.filter((c) => c.phase === 'awaiting-order' || c.phase === 'stuck');

  /**
   * Applies, in arrival order, every waiting channel refund the order can take now. Followed from
   * its placement, the saga knows which those are. Otherwise it cannot know (the order may have
   * been paid and shipped long before), so it tries each one and the order judges; the order's own
   * ReturnRequested or RefundIssued of a refund then says it was taken (`takenByOrder`).
   */
  function applyReady(state: RefundState, learned: RefundEvent[]): Decision {
    let next = learned.reduce(evolveRefund, state);
    const events = [...learned];
    const commands: SagaCommand[] = [];
    for (const c of waiting(next)) {
      if (!next.followedFromPlacement) {
        commands.push(...apply(next.orderId!, c.returnId, c.channelRefund!, TRYING).commands);
        continue;
      }
      if (!orderCanTake(next, c.channelRefund!)) continue;
      const applied = apply(next.orderId!, c.returnId, c.channelRefund!, ALREADY_APPLIED);
      const event: RefundEvent = { type: 'ChannelRefundApplied', data: { returnId: c.returnId, phase: applied.phase } };
      events.push(event);
      commands.push(...applied.commands);
      next = evolveRefund(next, event);
    }
    // A refund no longer waiting needs no deadline.
    const cancelTimers = state.cases.filter((c) => c.phase === 'awaiting-order' && caseOf(next, c.returnId)?.phase !== 'awaiting-order').map((c) => orderWaitTimer(c.returnId));
    return {
      ...(events.length ? { events } : {}),
      ...(commands.length ? { commands } : {}),
      ...(cancelTimers.length ? { cancelTimers } : {}),
    };
  }

  /** The order's own record of a waiting refund: a try it judged and took. */
  function takenByOrder(state: RefundState, event: OrderEvent): RefundEvent | undefined {
    const returnId = event.type === 'ReturnRequested' ? event.data.returnId : event.type === 'RefundIssued' ? (event.data.returnId ?? event.data.refundId) : undefined;
    if (!waiting(state).some((c) => c.returnId === returnId)) return undefined;
    return { type: 'ChannelRefundApplied', data: { returnId: returnId!, phase: event.type === 'ReturnRequested' ? 'applied' : 'refunding' } };
  }

  /**
   * What the order does tells the saga when it can take a waiting refund. Followed from its
   * placement, the order's progress is counted from then on, also while nothing waits, so a later
   * refund can rely on it; otherwise each of its events is a moment to try the waiting refunds again.
   */
  function onActivity(state: RefundState, orderId: string, event: OrderEvent): Decision {
    if (!state.followedFromPlacement && waiting(state).length === 0) return {};
    const placed = event.type === 'OrderPlaced';
    const counting = state.followedFromPlacement || placed;
    const learned: RefundEvent[] = [];
    if (counting) {
      const ours = (id: string | undefined) => id !== undefined && caseOf(state, id) !== undefined;
      const seen = { orderId, placed, shipped: [] as LineQuantity[], returned: [] as LineQuantity[], capturedMinor: 0, refundedMinor: 0 };
      if (event.type === 'PaymentCaptured') seen.capturedMinor = event.data.amountMinor;
      if (event.type === 'ShipmentConfirmed' || event.type === 'PickupConfirmed') {
        seen.shipped = event.data.amounts.lines.map(({ lineId, quantity }) => ({ lineId, quantity }));
      }
      if (event.type === 'ReturnRequested' && !ours(event.data.returnId)) seen.returned = event.data.lines;
      if (event.type === 'RefundIssued' && !ours(event.data.returnId ?? event.data.refundId)) seen.refundedMinor = event.data.amountMinor;
      learned.push({ type: 'OrderActivitySeen', data: seen });
    }
    const taken = takenByOrder(state, event);
    return applyReady(state, taken ? [...learned, taken] : learned);
  }

  function onChannelRefund(state: RefundState, fact: ChannelRefundReceivedData, now: string): Decision {
    const { orderId, returnId } = fact;
    if (caseOf(state, returnId)) return {};
    const refund: ChannelRefund = {
      channel: fact.channel,
      refundId: fact.refundId,
      lines: fact.lines,
      refundedMinor: fact.refundedMinor,
      currency: fact.currency,
      at: fact.at,
      sourceRef: fact.sourceRef,
    };
    if (fact.appliedAtEdge) {
      // Recorded by an earlier version, whose webhook recorded return, receipt and refund of a known
      // order itself (stored facts are never rewritten): applying it again would do it twice. The
      // clawback is left; a money-only refund has none.
      const phase = refund.lines.length === 0 ? 'refunding' : 'at-edge';
      return { events: [{ type: 'ChannelRefundNoted', data: { orderId, returnId, refund, phase } }] };
    }
    if (state.followedFromPlacement && orderCanTake(state, refund)) {
      const { commands, phase } = apply(orderId, returnId, refund);
      return { events: [{ type: 'ChannelRefundNoted', data: { orderId, returnId, refund, phase } }], commands };
    }
    const waits: Decision = {
      events: [{ type: 'ChannelRefundNoted', data: { orderId, returnId, refund, phase: 'awaiting-order' } }],
      schedule: [{ timerId: orderWaitTimer(returnId), dueAt: later(now, config.orderWaitMs) }],
    };
    return state.followedFromPlacement ? waits : { ...waits, commands: apply(orderId, returnId, refund, TRYING).commands };
  }

  /** Provider (unless the channel paid) -> clawback per promotion -> RefundIssued, in that order. */
  function onReturnReceived(state: RefundState, orderId: string, event: Extract<OrderEvent, { type: 'ReturnReceived' }>['data'], now: string): Decision {
    const { returnId, amounts } = event;
    const known: RefundCase | undefined = caseOf(state, returnId);
    if (known && known.phase !== 'requested' && known.phase !== 'applied' && known.phase !== 'at-edge') return {};
    const channelRefund = known?.channelRefund;
    const amountMinor = channelRefund ? channelRefund.refundedMinor : amounts.totals.totalMinor;
    const currency = channelRefund ? channelRefund.currency : amounts.currency;
    const at = channelRefund ? channelRefund.at : now;
    const clawbacks = clawbacksFor(amounts);
    const commands: SagaCommand[] = [];
    if (!channelRefund && amountMinor > 0) {
      const payment: RefundPayment = { kind: 'RefundPayment', orderId, returnId, amountMinor, currency };
      commands.push({ aggregate: PAYMENT_PROVIDER_TARGET, streamId: `${ORDER_PREFIX}${orderId}`, command: { ...payment } });
    }
    for (const { promotionId, amountMinor: clawedMinor } of clawbacks) {
      const clawback: RecordClawback = { kind: 'RecordClawback', promotionId, orderId, returnId, amountMinor: clawedMinor, at };
      commands.push({ aggregate: 'promotion', streamId: `promotion-${promotionId}`, command: { ...clawback }, acceptRefusals: NO_CLAWBACK });
    }
    const recordsRefund = known?.phase !== 'at-edge' && amountMinor > 0;
    if (recordsRefund) commands.push(orderCommand(orderId, { kind: 'IssueRefund', refundId: returnId, amountMinor, currency, at, returnId }));
    const requested: RefundEvent = {
      type: 'RefundRequested',
      data: { orderId, returnId, amountMinor, currency, paidBy: channelRefund ? 'channel' : 'payment-provider', clawbacks },
    };
    const nothingToRecord = known?.phase !== 'at-edge' && amountMinor === 0;
    return {
      events: nothingToRecord ? [requested, { type: 'RefundRecorded', data: { returnId, refundId: returnId } }] : [requested],
      commands,
    };
  }

  function onOrderEvent(state: RefundState, orderId: string, event: OrderEvent, now: string): Decision {
    const activity = onActivity(state, orderId, event);
    const after = (activity.events ?? []).reduce(evolveRefund, state);
    const own = ownStep(after, orderId, event, now);
    const events = [...(activity.events ?? []), ...(own.events ?? [])];
    const commands = [...(activity.commands ?? []), ...(own.commands ?? [])];
    return {
      ...(events.length ? { events } : {}),
      ...(commands.length ? { commands } : {}),
      ...(activity.cancelTimers ? { cancelTimers: activity.cancelTimers } : {}),
    };
  }

  function ownStep(state: RefundState, orderId: string, event: OrderEvent, now: string): Decision {
    switch (event.type) {
      case 'ReturnRequested': {
        const { returnId, lines } = event.data;
        if (caseOf(state, returnId)) return {};
        return { events: [{ type: 'ReturnOpened', data: { orderId, returnId, lines } }] };
      }
      case 'ReturnReceived':
        return onReturnReceived(state, orderId, event.data, now);
      case 'RefundIssued': {
        const returnId = event.data.returnId ?? event.data.refundId;
        const refunding = caseOf(state, returnId);
        if (!refunding || refunding.phase === 'refunded') return {};
        return { events: [{ type: 'RefundRecorded', data: { returnId, refundId: event.data.refundId } }] };
      }
      default:
        return {};
    }
  }

  function onTimer(state: RefundState, timerId: string, dueAt: string): Decision {
    const waiting = state.cases.find((c) => c.phase === 'awaiting-order' && orderWaitTimer(c.returnId) === timerId);
    return waiting ? { events: [{ type: 'ChannelRefundStuck', data: { returnId: waiting.returnId, waitedUntil: dueAt } }] } : {};
  }

  return {
    name: 'refund',
    follows: [ORDER_PREFIX, CHANNEL_REFUND_PREFIX],
    initialState: initialRefundState,
    evolve: evolveRefund,
    status: refundStatus,
    correlate(event) {
      if (event.streamId.startsWith(ORDER_PREFIX) && FOLLOWED.has(event.type)) return event.streamId.slice(ORDER_PREFIX.length);
      if (event.streamId.startsWith(CHANNEL_REFUND_PREFIX) && event.type === CHANNEL_REFUND_RECEIVED) return (event.data as ChannelRefundReceivedData).orderId;
      return undefined;
    },
    decide(state: RefundState, input: SagaInput, now: string): Decision {
      if (input.kind === 'timer') return onTimer(state, input.timerId, input.dueAt);
      if (input.type === CHANNEL_REFUND_RECEIVED) return onChannelRefund(state, input.data as ChannelRefundReceivedData, now);
      return onOrderEvent(state, input.streamId.slice(ORDER_PREFIX.length), { type: input.type, data: input.data } as OrderEvent, now);
    },
  };
}
