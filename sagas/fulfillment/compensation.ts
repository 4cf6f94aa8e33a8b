import type { OrderCommand } from '../../src/order/order.commands';
import type { ReleaseApplication } from '../../src/promotion/promotion.commands';
import { orderCommand } from '../order-commands';
import type { SagaCommand } from '../runtime/saga-definition';
import type { StartedFulfillment } from './fulfillment.events';

const asCommand = (command: ReleaseApplication) => command as unknown as SagaCommand['command'];

type CompensatingCommand = Extract<OrderCommand, { kind: 'ReleaseInventory' | 'VoidAuthorization' | 'CancelOrder' | 'IssueRefund' }>;

/**
 * What the order answers when a compensating step was already done, by this saga under another
 * input (a crash between dispatching a compensation and recording it, then the cancellation it
 * caused arriving first after the restart) or by someone else: compensations are idempotent by
 * state, not only by command id, so a second run finishes instead of parking.
 */
const ALREADY_DONE: Record<CompensatingCommand['kind'], readonly string[]> = {
  ReleaseInventory: ['RELEASE_QUANTITY_EXCEEDS_RESERVED'],
  VoidAuthorization: ['AUTHORIZATION_ALREADY_VOIDED', 'AUTHORIZATION_FULLY_CAPTURED'],
  CancelOrder: ['ORDER_CANCELLED'],
  IssueRefund: ['REFUND_ALREADY_RECORDED'],
};

/**
 * Undo in the order the business expects: give the stock back, release the money still
 * held, cancel the order (unless it already is), return what was captured, then give each
 * promotion its usage back. Each command carries a deterministic id from the runtime, so
 * compensating again does nothing; a promotion released already records nothing more.
 */
export function compensationFor(state: StartedFulfillment, reason: string, at: string, options: { cancelOrder: boolean }): SagaCommand[] {
  const order: CompensatingCommand[] = [];
  if (state.held.length > 0) order.push({ kind: 'ReleaseInventory', locationId: state.locationId, lines: state.held, at });
  // A channel that captures itself also voids and refunds itself, and reports it: doing it here too would do it twice.
  const moneyIsOurs = !state.capturedByChannel;
  for (const auth of moneyIsOurs ? state.authorizations : []) {
    if (auth.amountMinor > auth.capturedMinor) order.push({ kind: 'VoidAuthorization', authorizationId: auth.authorizationId, at });
  }
  if (options.cancelOrder) order.push({ kind: 'CancelOrder', reason, at });
  if (moneyIsOurs && state.capturedMinor > 0) {
    order.push({ kind: 'IssueRefund', refundId: `${state.orderId}-fulfillment-refund`, amountMinor: state.capturedMinor, currency: state.currency, at });
  }
  return [
    ...order.map((command) => orderCommand(state.orderId, command, [...ALREADY_DONE[command.kind]])),
    ...state.promotionIds.map((promotionId) => ({
      aggregate: 'promotion',
      streamId: `promotion-${promotionId}`,
      command: asCommand({ kind: 'ReleaseApplication', promotionId, orderId: state.orderId, at }),
      // A channel discount with no promotion defined here has no usage to give back.
      acceptRefusals: ['PROMOTION_NOT_FOUND'],
    })),
  ];
}
