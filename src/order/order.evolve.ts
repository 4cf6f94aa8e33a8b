import type { LineQuantity } from './order.commands';
import type { LinePart, OrderEvent, OrderPlacedData } from './order.events';
import type { LineProgress, OrderState, PlacedOrderState, ReservationState } from './order.state';

/** Applies one recorded fact. Pure, total over the events a decider can produce. */
export function evolveOrder(state: OrderState, event: OrderEvent): OrderState {
  if (event.type === 'OrderPlaced') return placed(event.data);
  // Every other fact follows OrderPlaced in its stream; anything else is a corrupt stream.
  if (state.status === 'unplaced') throw new Error(`${event.type} recorded on an order that was never placed`);
  switch (event.type) {
    case 'PaymentAuthorized':
      return {
        ...state,
        authorizations: [...state.authorizations, { authorizationId: event.data.authorizationId, amountMinor: event.data.amountMinor, capturedMinor: 0, voided: false }],
      };
    case 'PaymentCaptured': {
      const drawn = event.data.fromAuthorizations;
      return {
        ...state,
        captureIds: [...state.captureIds, event.data.captureId],
        capturedMinor: state.capturedMinor + event.data.amountMinor,
        authorizations: state.authorizations.map((a) => {
          const part = drawn.find((d) => d.authorizationId === a.authorizationId);
          return part ? { ...a, capturedMinor: a.capturedMinor + part.amountMinor } : a;
        }),
      };
    }
    case 'AuthorizationVoided':
      return { ...state, authorizations: state.authorizations.map((a) => (a.authorizationId === event.data.authorizationId ? { ...a, voided: true } : a)) };
    case 'InventoryReserved':
      return { ...state, reservations: reserve(state.reservations, event.data.locationId, event.data.lines) };
    case 'InventoryReleased':
      return { ...state, reservations: release(state.reservations, event.data.locationId, event.data.lines) };
    case 'ShipmentConfirmed':
      return fulfilled(state, event.data.shipmentId, event.data.amounts.lines);
    case 'PickupConfirmed':
      return fulfilled(state, event.data.pickupId, event.data.amounts.lines);
    case 'OrderCancelled':
      return { ...state, status: 'cancelled', cancelledAt: event.data.at };
    case 'ReturnRequested':
      return {
        ...state,
        returns: [...state.returns, { returnId: event.data.returnId, lines: event.data.lines, received: false }],
        lines: adjust(state.lines, event.data.lines, (line, quantity) => ({ ...line, requested: line.requested + quantity })),
      };
    case 'ReturnReceived': {
      const request = state.returns.find((r) => r.returnId === event.data.returnId);
      // Receiving closes the request: units asked for but not sent back are no longer pending.
      const closed = adjust(state.lines, request?.lines ?? [], (line, quantity) => ({ ...line, requested: line.requested - quantity }));
      return {
        ...state,
        returns: state.returns.map((r) => (r.returnId === event.data.returnId ? { ...r, received: true } : r)),
        lines: adjust(closed, event.data.amounts.lines, (line, quantity) => ({ ...line, returned: line.returned + quantity })),
      };
    }
    case 'RefundIssued':
      return { ...state, refundIds: [...state.refundIds, event.data.refundId], refundedMinor: state.refundedMinor + event.data.amountMinor };
  }
}

function placed(order: OrderPlacedData): PlacedOrderState {
  return {
    status: 'placed',
    order,
    lines: order.lines.map((line) => ({ lineId: line.lineId, fulfilled: 0, requested: 0, returned: 0 })),
    fulfillments: [],
    authorizations: [],
    captureIds: [],
    capturedMinor: 0,
    refundIds: [],
    refundedMinor: 0,
    reservations: [],
    returns: [],
  };
}

function adjust(lines: LineProgress[], changes: readonly LineQuantity[], apply: (line: LineProgress, quantity: number) => LineProgress): LineProgress[] {
  const byLine = new Map<string, number[]>();
  for (const change of changes) byLine.set(change.lineId, [...(byLine.get(change.lineId) ?? []), change.quantity]);
  return lines.map((line) => (byLine.get(line.lineId) ?? []).reduce(apply, line));
}

/** Units leaving the building use up the line's reservations, oldest first. */
function fulfilled(state: PlacedOrderState, fulfillmentId: string, parts: readonly LinePart[]): PlacedOrderState {
  let reservations = state.reservations;
  for (const part of parts) {
    let left = part.quantity;
    reservations = reservations.map((r) => {
      if (r.lineId !== part.lineId || left === 0) return r;
      const used = Math.min(left, r.quantity);
      left -= used;
      return { ...r, quantity: r.quantity - used };
    });
  }
  return {
    ...state,
    fulfillments: [...state.fulfillments, fulfillmentId],
    lines: adjust(state.lines, parts, (line, quantity) => ({ ...line, fulfilled: line.fulfilled + quantity })),
    reservations: reservations.filter((r) => r.quantity > 0),
  };
}

function reserve(reservations: readonly ReservationState[], locationId: string, lines: readonly LineQuantity[]): ReservationState[] {
  const next = [...reservations];
  for (const { lineId, quantity } of lines) {
    const at = next.findIndex((r) => r.lineId === lineId && r.locationId === locationId);
    if (at >= 0) next[at] = { ...next[at], quantity: next[at].quantity + quantity };
    else next.push({ lineId, locationId, quantity });
  }
  return next;
}

function release(reservations: readonly ReservationState[], locationId: string, lines: readonly LineQuantity[]): ReservationState[] {
  return reservations
    .map((r) => {
      if (r.locationId !== locationId) return r;
      const released = lines.filter((l) => l.lineId === r.lineId).reduce((a, l) => a + l.quantity, 0);
      return { ...r, quantity: r.quantity - released };
    })
    .filter((r) => r.quantity > 0);
}
