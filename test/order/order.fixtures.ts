import type { OrderCommand, PlaceOrder } from '../../src/order/order.commands';
import { decideOrder } from '../../src/order/order.decide';
import type { OrderEvent } from '../../src/order/order.events';
import { evolveOrder } from '../../src/order/order.evolve';
import { initialOrderState } from '../../src/order/order.state';

/**
 * DESIGN.md's worked example: lines 2 x 30.00 and 1 x 45.00; SAVE10 (retailer, 10.00 across
 * the order, allocated 5.71 / 4.29 by the decider); VEND5 (vendor Acme, 5.00 on the second
 * line); shipping 7.99; tax 8% on the discounted base, 4.34 / 2.86; total 105.19.
 */
export function workedExample(overrides: Partial<PlaceOrder> = {}): PlaceOrder {
  return {
    kind: 'PlaceOrder',
    orderId: 'o-1001',
    channel: 'web',
    placedAt: '2026-11-27T10:00:00Z',
    companyCode: 'US01',
    currency: 'USD',
    fulfillment: { type: 'ship' },
    lines: [
      { lineId: 'L1', sku: 'TEE-RED-M', quantity: 2, unitPriceMinor: 3000 },
      { lineId: 'L2', sku: 'HOODIE-GRY-L', quantity: 1, unitPriceMinor: 4500 },
    ],
    discounts: [
      { promotionId: 'promo-save10', code: 'SAVE10', funding: 'retailer', amountMinor: 1000 },
      { promotionId: 'promo-vend5', code: 'VEND5', funding: { vendorId: 'acme' }, amountMinor: 500, allocations: [{ lineId: 'L2', amountMinor: 500 }] },
    ],
    taxLines: [
      { lineId: 'L1', rate: '8%', amountMinor: 434 },
      { lineId: 'L2', rate: '8%', amountMinor: 286 },
    ],
    shippingLines: [{ code: 'STANDARD', amountMinor: 799 }],
    tenders: [{ kind: 'card', amountMinor: 10519, reference: 'pi_123' }],
    sourceRef: 'payload://web/o-1001',
    ...overrides,
  };
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
