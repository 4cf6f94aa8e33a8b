import type { LineQuantity } from '../../src/order/order.commands';

/** A refund the channel already paid (Shopify refunds/create), as the saga keeps it. */
export interface ChannelRefund {
  channel: string;
  refundId: string;
  lines: LineQuantity[];
  refundedMinor: number;
  currency: string;
  at: string;
  sourceRef: string;
}

export interface Clawback {
  promotionId: string;
  amountMinor: number;
}

/**
 * Where one return stands:
 * - `requested`: a customer return, waiting to be received;
 * - `awaiting-order` / `stuck`: a channel refund its order cannot take yet: not placed, or its units not
 *   shipped or its money not captured (stuck: still so after the wait window);
 * - `applied`: the saga recorded the channel refund's return on the order, waiting for its receipt;
 * - `at-edge`: the webhook of an earlier version recorded return and refund on the order itself; only the clawback is left;
 * - `refunding`: refund (and clawback) asked for, waiting for RefundIssued;
 * - `refunded`: RefundIssued recorded, so the posting projection posts it.
 */
export type RefundPhase = 'requested' | 'awaiting-order' | 'stuck' | 'applied' | 'at-edge' | 'refunding' | 'refunded';

export interface RefundCase {
  returnId: string;
  phase: RefundPhase;
  /** Present for a refund the channel paid: no payment-provider call. */
  channelRefund?: ChannelRefund;
}

/**
 * What the order has that a waiting channel refund needs: units shipped and not returned, money
 * captured and not refunded. Counted from the order's events the saga followed (see RefundState).
 */
export interface OrderProgress {
  shipped: LineQuantity[];
  returned: LineQuantity[];
  capturedMinor: number;
  refundedMinor: number;
}

/** One instance per order: its returns, and what is known of the order (for refunds that come first). */
export interface RefundState {
  orderId?: string;
  /**
   * The saga has followed the order since it was placed (a channel refund was waiting for it), so
   * `progress` counts all the order did and tells when it can take a refund. Otherwise the order
   * may have been placed, paid and shipped before the saga followed it, and only the order can judge.
   */
  followedFromPlacement: boolean;
  progress: OrderProgress;
  /** In the order the saga learned of them. */
  cases: RefundCase[];
}

export type RefundEvent =
  /** What the order did in one event, counted into `progress`; `placed`: the event was OrderPlaced (absent before that was kept). */
  | { type: 'OrderActivitySeen'; data: OrderProgress & { orderId: string; placed?: boolean } }
  | { type: 'ReturnOpened'; data: { orderId: string; returnId: string; lines: LineQuantity[] } }
  | { type: 'ChannelRefundNoted'; data: { orderId: string; returnId: string; refund: ChannelRefund; phase: 'awaiting-order' | 'applied' | 'at-edge' | 'refunding' } }
  | { type: 'ChannelRefundApplied'; data: { returnId: string; phase: 'applied' | 'refunding' } }
  | { type: 'ChannelRefundStuck'; data: { returnId: string; waitedUntil: string } }
  | {
      type: 'RefundRequested';
      data: { orderId: string; returnId: string; amountMinor: number; currency: string; paidBy: 'payment-provider' | 'channel'; clawbacks: Clawback[] };
    }
  | { type: 'RefundRecorded'; data: { returnId: string; refundId: string } };

export const initialRefundState = (): RefundState => ({
  followedFromPlacement: false,
  progress: { shipped: [], returned: [], capturedMinor: 0, refundedMinor: 0 },
  cases: [],
});

const addLines = (to: LineQuantity[], more: LineQuantity[]): LineQuantity[] =>
  more.reduce(
    (sum, { lineId, quantity }) =>
      sum.some((l) => l.lineId === lineId) ? sum.map((l) => (l.lineId === lineId ? { lineId, quantity: l.quantity + quantity } : l)) : [...sum, { lineId, quantity }],
    to,
  );

const unitsOf = (lines: LineQuantity[], lineId: string): number => lines.find((l) => l.lineId === lineId)?.quantity ?? 0;

/**
 * The order can take this refund now: its units shipped and not returned, its money captured and
 * not refunded. Only as good as `progress`: for an order followed from its placement.
 */
export function orderCanTake(state: RefundState, refund: ChannelRefund): boolean {
  const { shipped, returned, capturedMinor, refundedMinor } = state.progress;
  return refund.lines.every((line) => unitsOf(shipped, line.lineId) - unitsOf(returned, line.lineId) >= line.quantity) && capturedMinor - refundedMinor >= refund.refundedMinor;
}

/** Applying a refund uses up its units and money, so a second waiting refund cannot count on them. */
function takeFromProgress(progress: OrderProgress, refund: ChannelRefund): OrderProgress {
  return { ...progress, returned: addLines(progress.returned, refund.lines), refundedMinor: progress.refundedMinor + refund.refundedMinor };
}

export const caseOf = (state: RefundState, returnId: string): RefundCase | undefined => state.cases.find((c) => c.returnId === returnId);

const withPhase = (state: RefundState, returnId: string, phase: RefundPhase): RefundState => ({
  ...state,
  cases: state.cases.map((c) => (c.returnId === returnId ? { ...c, phase } : c)),
});

export function evolveRefund(state: RefundState, event: RefundEvent): RefundState {
  switch (event.type) {
    case 'OrderActivitySeen': {
      const { orderId, placed, shipped, returned, capturedMinor, refundedMinor } = event.data;
      const { progress } = state;
      return {
        ...state,
        orderId,
        followedFromPlacement: state.followedFromPlacement || placed === true,
        progress: {
          shipped: addLines(progress.shipped, shipped),
          returned: addLines(progress.returned, returned),
          capturedMinor: progress.capturedMinor + capturedMinor,
          refundedMinor: progress.refundedMinor + refundedMinor,
        },
      };
    }
    case 'ReturnOpened':
      return { ...state, orderId: event.data.orderId, cases: [...state.cases, { returnId: event.data.returnId, phase: 'requested' }] };
    case 'ChannelRefundNoted': {
      const { orderId, returnId, refund, phase } = event.data;
      const progress = phase === 'awaiting-order' ? state.progress : takeFromProgress(state.progress, refund);
      return { ...state, orderId, progress, cases: [...state.cases, { returnId, phase, channelRefund: refund }] };
    }
    case 'ChannelRefundApplied': {
      const refund = caseOf(state, event.data.returnId)?.channelRefund;
      const taken = refund ? { ...state, progress: takeFromProgress(state.progress, refund) } : state;
      return withPhase(taken, event.data.returnId, event.data.phase);
    }
    case 'ChannelRefundStuck':
      return withPhase(state, event.data.returnId, 'stuck');
    case 'RefundRequested': {
      const { orderId, returnId } = event.data;
      const known = caseOf(state, returnId) ? state : { ...state, cases: [...state.cases, { returnId, phase: 'requested' as const }] };
      return withPhase({ ...known, orderId }, returnId, 'refunding');
    }
    case 'RefundRecorded':
      return withPhase(state, event.data.returnId, 'refunded');
  }
}

/** The instance's label for operators: the most urgent phase among its returns. */
export function refundStatus(state: RefundState): string | undefined {
  for (const phase of ['stuck', 'awaiting-order', 'refunding', 'applied', 'at-edge', 'requested'] as const) {
    if (state.cases.some((c) => c.phase === phase)) return phase;
  }
  return state.cases.length > 0 ? 'refunded' : undefined;
}
