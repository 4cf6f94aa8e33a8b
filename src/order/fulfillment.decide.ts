import { lineRequests } from './line-quantities';
import type { CancelOrder, ConfirmPickup, ConfirmShipment, Fulfillment } from './order.commands';
import type { LinePart, OrderCancelled, PickupConfirmed, PostingAmounts, ShipmentConfirmed } from './order.events';
import type { PlacedOrderState } from './order.state';
import { refuse } from './order-refusals';
import { linePart, postingAmounts } from './unit-shares';

function requireFulfillment<T extends Fulfillment['type']>(state: PlacedOrderState, type: T): Extract<Fulfillment, { type: T }> {
  const { fulfillment } = state.order;
  if (fulfillment.type !== type) {
    refuse('FULFILLMENT_TYPE_MISMATCH', `this order is fulfilled by ${fulfillment.type}, not ${type}`, { fulfillment: fulfillment.type });
  }
  return fulfillment as Extract<Fulfillment, { type: T }>;
}

/** Shipping is earned when the goods leave: all of it posts with the first fulfillment. */
function fulfillmentAmounts(state: PlacedOrderState, parts: LinePart[]): PostingAmounts {
  return postingAmounts(state.order, parts, state.fulfillments.length === 0 ? state.order.shipping : []);
}

export function confirmShipment(command: ConfirmShipment, state: PlacedOrderState): ShipmentConfirmed {
  requireFulfillment(state, 'ship');
  const { shipmentId } = command;
  if (state.fulfillments.includes(shipmentId)) refuse('SHIPMENT_ALREADY_RECORDED', `shipment ${shipmentId} is already recorded`, { shipmentId });
  const parts = lineRequests(state, command.lines, 'shipment').map(({ line, progress, quantity }) => {
    const remaining = line.quantity - progress.fulfilled;
    if (quantity > remaining) {
      refuse('SHIP_QUANTITY_EXCEEDS_REMAINING', `line ${line.lineId} has ${remaining} units left to ship, not ${quantity}`, {
        lineId: line.lineId,
        quantity,
        remaining,
      });
    }
    // Shipped units take their per-unit shares from the lowest unit not yet shipped.
    return linePart(line, progress.fulfilled, quantity);
  });
  return { type: 'ShipmentConfirmed', data: { shipmentId, shippedAt: command.shippedAt, amounts: fulfillmentAmounts(state, parts) } };
}

/** The customer collects every unit not yet handed over. */
export function confirmPickup(command: ConfirmPickup, state: PlacedOrderState): PickupConfirmed {
  const { locationId } = requireFulfillment(state, 'pickup');
  const parts = state.order.lines.flatMap((line, i) => {
    const remaining = line.quantity - state.lines[i].fulfilled;
    return remaining > 0 ? [linePart(line, state.lines[i].fulfilled, remaining)] : [];
  });
  if (parts.length === 0) refuse('NOTHING_LEFT_TO_PICK_UP', 'every unit of this order has been picked up', { pickups: state.fulfillments });
  return { type: 'PickupConfirmed', data: { pickupId: command.pickupId, at: command.at, locationId, amounts: fulfillmentAmounts(state, parts) } };
}

export function cancelOrder(command: CancelOrder, state: PlacedOrderState): OrderCancelled {
  if (state.fulfillments.length > 0) {
    refuse('ORDER_ALREADY_FULFILLED', 'an order cannot be cancelled once goods have left: return them instead', { fulfillments: state.fulfillments });
  }
  return { type: 'OrderCancelled', data: { reason: command.reason, at: command.at } };
}
