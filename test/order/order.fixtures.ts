import type { PlaceOrderDto } from '../../src/order/dto/place-order.dto';
import { placeOrder } from '../../src/order/dto/to-order-command';
import type { OrderCommand, PlaceOrder } from '../../src/order/order.commands';
import { decideOrder } from '../../src/order/order.decide';
import type { OrderEvent } from '../../src/order/order.events';
import { evolveOrder } from '../../src/order/order.evolve';
import { initialOrderState } from '../../src/order/order.state';
import { workedExampleOrder } from './api/order-requests';

/** DESIGN.md's worked example as the decider receives it from the API (see `workedExampleOrder`). */
export function workedExample(overrides: Partial<PlaceOrder> = {}): PlaceOrder {
  return { ...placeOrder(workedExampleOrder('o-1001') as PlaceOrderDto), ...overrides };
}

/** Runs commands through decide and evolve, returning every event: a history for `given`. */
export function history(...commands: OrderCommand[]): OrderEvent[] {
  const events: OrderEvent[] = [];
  let state = initialOrderState();
  for (const command of commands) {
    const decided = decideOrder(command, state);
    state = decided.reduce(evolveOrder, state);
    events.push(...decided);
  }
  return events;
}

export const at = '2026-11-28T09:00:00Z';

export const authorize = (amountMinor: number, authorizationId = 'auth-1', currency = 'USD'): OrderCommand => ({
  kind: 'AuthorizePayment',
  authorizationId,
  amountMinor,
  currency,
  at,
});
export const capture = (amountMinor: number, captureId = 'cap-1', currency = 'USD'): OrderCommand => ({
  kind: 'CapturePayment',
  captureId,
  amountMinor,
  currency,
  at,
});
export const ship = (shipmentId: string, lines: Array<[string, number]>): OrderCommand => ({
  kind: 'ConfirmShipment',
  shipmentId,
  lines: lines.map(([lineId, quantity]) => ({ lineId, quantity })),
  shippedAt: at,
});
export const requestReturn = (returnId: string, lines: Array<[string, number]>): OrderCommand => ({
  kind: 'RequestReturn',
  returnId,
  lines: lines.map(([lineId, quantity]) => ({ lineId, quantity })),
  at,
});
export const receiveReturn = (returnId: string, lines?: Array<[string, number]>): OrderCommand => ({
  kind: 'ReceiveReturn',
  returnId,
  ...(lines ? { lines: lines.map(([lineId, quantity]) => ({ lineId, quantity })) } : {}),
  at,
});
export const refund = (amountMinor: number, refundId = 'ref-1', returnId?: string): OrderCommand => ({
  kind: 'IssueRefund',
  refundId,
  amountMinor,
  currency: 'USD',
  at,
  ...(returnId ? { returnId } : {}),
});
export const reserve = (locationId: string, lines: Array<[string, number]>): OrderCommand => ({
  kind: 'ReserveInventory',
  locationId,
  lines: lines.map(([lineId, quantity]) => ({ lineId, quantity })),
  at,
});
export const release = (locationId: string, lines: Array<[string, number]>): OrderCommand => ({
  kind: 'ReleaseInventory',
  locationId,
  lines: lines.map(([lineId, quantity]) => ({ lineId, quantity })),
  at,
});
export const cancel = (reason = 'customer changed their mind'): OrderCommand => ({ kind: 'CancelOrder', reason, at });
export const pickup = (pickupId = 'pick-1'): OrderCommand => ({ kind: 'ConfirmPickup', pickupId, at });
export const voidAuth = (authorizationId = 'auth-1'): OrderCommand => ({ kind: 'VoidAuthorization', authorizationId, at });
