import type { OrderCommand } from '../../src/order/order.commands';
import type { StartedFulfillment } from './fulfillment.events';

/**
 * Undo in the order the business expects: give the stock back, release the money still
 * held, cancel the order (unless it already is), then return what was captured. Each
 * command carries a deterministic id from the runtime, so compensating again does nothing.
 */
export function compensationFor(state: StartedFulfillment, reason: string, at: string, options: { cancelOrder: boolean }): OrderCommand[] {
  const commands: OrderCommand[] = [];
  if (state.held.length > 0) commands.push({ kind: 'ReleaseInventory', locationId: state.locationId, lines: state.held, at });
  for (const auth of state.authorizations) {
    if (auth.amountMinor > auth.capturedMinor) commands.push({ kind: 'VoidAuthorization', authorizationId: auth.authorizationId, at });
  }
  if (options.cancelOrder) commands.push({ kind: 'CancelOrder', reason, at });
  if (state.capturedMinor > 0) {
    commands.push({ kind: 'IssueRefund', refundId: `${state.orderId}-fulfillment-refund`, amountMinor: state.capturedMinor, currency: state.currency, at });
  }
  return commands;
}
