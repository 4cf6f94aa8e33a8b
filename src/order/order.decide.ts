import { confirmPickup, confirmShipment, cancelOrder } from './fulfillment.decide';
import { releaseInventory, reserveInventory } from './inventory.decide';
import type { OrderCommand } from './order.commands';
import type { OrderEvent } from './order.events';
import type { OrderState, PlacedOrderState } from './order.state';
import { refuse } from './order-refusals';
import { authorizePayment, capturePayment, issueRefund, voidAuthorization } from './payment.decide';
import { priceOrder } from './price-order';
import { instantMs, isInstant } from '../time/instant';
import { receiveReturn, requestReturn } from './return.decide';

/** After cancellation only compensations remain: give stock back, release or return the money. */
const ALLOWED_AFTER_CANCELLATION: ReadonlySet<OrderCommand['kind']> = new Set(['ReleaseInventory', 'VoidAuthorization', 'IssueRefund']);

/** Pure: the events a command on this order produces, or a BusinessRuleRefusal. */
export function decideOrder(command: OrderCommand, state: OrderState): OrderEvent[] {
  const time = timeOf(command);
  // Every caller, not only the edges: a time the posting rules cannot read would stop the journal.
  if (!isInstant(time)) refuse('INVALID_TIMESTAMP', `${command.kind} time ${JSON.stringify(time)} is not an ISO timestamp with an offset within ±14:00`, { time });
  if (command.kind === 'PlaceOrder') {
    if (state.status !== 'unplaced') refuse('ORDER_ALREADY_PLACED', `order ${state.order.orderId} is already placed`, { orderId: state.order.orderId });
    return [{ type: 'OrderPlaced', data: priceOrder(command) }];
  }
  if (state.status === 'unplaced') return refuse('ORDER_NOT_FOUND', `${command.kind} on an order that was never placed`, { command: command.kind });
  if (state.status === 'cancelled' && !ALLOWED_AFTER_CANCELLATION.has(command.kind) && !paidBeforeCancellation(command, state)) {
    refuse('ORDER_CANCELLED', `${command.kind} is not allowed on a cancelled order`, { command: command.kind });
  }
  switch (command.kind) {
    case 'AuthorizePayment':
      return [authorizePayment(command, state)];
    case 'CapturePayment':
      return [capturePayment(command, state)];
    case 'VoidAuthorization':
      return [voidAuthorization(command, state)];
    case 'IssueRefund':
      return [issueRefund(command, state)];
    case 'ReserveInventory':
      return [reserveInventory(command, state)];
    case 'ReleaseInventory':
      return [releaseInventory(command, state)];
    case 'ConfirmShipment':
      return [confirmShipment(command, state)];
    case 'ConfirmPickup':
      return [confirmPickup(command, state)];
    case 'CancelOrder':
      return [cancelOrder(command, state)];
    case 'RequestReturn':
      return [requestReturn(command, state)];
    case 'ReceiveReturn':
      return [receiveReturn(command, state)];
  }
}

/**
 * A channel that records its own payments may report one late, after the cancellation it came
 * before (webhooks arrive in any order): the money moved then, so it is recorded; the channel's
 * voids and refunds follow it as for any payment.
 */
function paidBeforeCancellation(command: OrderCommand, state: PlacedOrderState): boolean {
  if (!state.order.capturedByChannel || (command.kind !== 'AuthorizePayment' && command.kind !== 'CapturePayment')) return false;
  return instantMs(command.at)! <= instantMs(state.cancelledAt)!;
}

function timeOf(command: OrderCommand): string {
  switch (command.kind) {
    case 'PlaceOrder':
      return command.placedAt;
    case 'ConfirmShipment':
      return command.shippedAt;
    default:
      return command.at;
  }
}
