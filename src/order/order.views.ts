import { type RecordedEventAnswer, recordedEvents } from '../edge/command-answer';
import type { CommandOutcome } from '../runtime/aggregate-actor';
import type { Fulfillment } from './order.commands';
import type { AmountTotals } from './order.events';
import type { PlacedOrderState } from './order.state';

/** What the order API answers: plain data shared by HTTP and gRPC (int64 amounts as numbers). */

/** The answer to every order command: what was recorded, and the stream revision it reached. */
export interface OrderCommandReply {
  orderId: string;
  revision: number;
  events: RecordedEventAnswer[];
}

export function commandReply(orderId: string, outcome: CommandOutcome): OrderCommandReply {
  return {
    orderId,
    revision: outcome.revision,
    events: recordedEvents(outcome),
  };
}

export interface OrderView {
  orderId: string;
  revision: number;
  status: 'placed' | 'cancelled';
  channel: string;
  companyCode: string;
  currency: string;
  placedAt: string;
  fulfillment: Fulfillment;
  totals: Omit<AmountTotals, 'discounts'>;
  lines: Array<{ lineId: string; sku: string; quantity: number; unitPriceMinor: number; fulfilled: number; requested: number; returned: number }>;
  authorizations: Array<{ authorizationId: string; amountMinor: number; capturedMinor: number; voided: boolean }>;
  capturedMinor: number;
  refundedMinor: number;
  /** Shipment and pickup ids, in order. */
  fulfillments: string[];
  reservations: Array<{ lineId: string; locationId: string; quantity: number }>;
  returns: Array<{ returnId: string; received: boolean; lines: Array<{ lineId: string; quantity: number }> }>;
}

export function orderView(state: PlacedOrderState, revision: number): OrderView {
  const { order } = state;
  const { discounts: _perApplication, ...totals } = order.totals;
  return {
    orderId: order.orderId,
    revision,
    status: state.status,
    channel: order.channel,
    companyCode: order.companyCode,
    currency: order.currency,
    placedAt: order.placedAt,
    fulfillment: order.fulfillment,
    totals,
    lines: order.lines.map((line) => {
      const progress = state.lines.find((p) => p.lineId === line.lineId);
      return {
        lineId: line.lineId,
        sku: line.sku,
        quantity: line.quantity,
        unitPriceMinor: line.unitPriceMinor,
        fulfilled: progress?.fulfilled ?? 0,
        requested: progress?.requested ?? 0,
        returned: progress?.returned ?? 0,
      };
    }),
    authorizations: state.authorizations.map((a) => ({ authorizationId: a.authorizationId, amountMinor: a.amountMinor, capturedMinor: a.capturedMinor, voided: a.voided })),
    capturedMinor: state.capturedMinor,
    refundedMinor: state.refundedMinor,
    fulfillments: [...state.fulfillments],
    reservations: state.reservations.map((r) => ({ lineId: r.lineId, locationId: r.locationId, quantity: r.quantity })),
    returns: state.returns.map((r) => ({ returnId: r.returnId, received: r.received, lines: r.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })) })),
  };
}
