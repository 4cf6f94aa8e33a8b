import * as actions from './order-actions.dto';
import { IdField, RevisionField, WaitSecondsField } from './order-fields';

/**
 * gRPC messages carry in the message what HTTP puts in the path: each request is the HTTP body
 * plus the order id (and the authorization or return id), validated by the same rules.
 */

// A mixin's base: TypeScript requires its constructor to take any[].
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = new (...args: any[]) => object;

function onOrder<B extends Body>(body: B) {
  class OnOrder extends body {
    @IdField('orderId', { description: 'The order.', example: 'o-1001' })
    orderId!: string;
  }
  return OnOrder;
}

export class AuthorizePaymentRequest extends onOrder(actions.AuthorizePaymentDto) {}
export class CapturePaymentRequest extends onOrder(actions.CapturePaymentDto) {}
export class InventoryMovementRequest extends onOrder(actions.InventoryMovementDto) {}
export class ConfirmShipmentRequest extends onOrder(actions.ConfirmShipmentDto) {}
export class ConfirmPickupRequest extends onOrder(actions.ConfirmPickupDto) {}
export class CancelOrderRequest extends onOrder(actions.CancelOrderDto) {}
export class RequestReturnRequest extends onOrder(actions.RequestReturnDto) {}
export class IssueRefundRequest extends onOrder(actions.IssueRefundDto) {}
export class GetOrderRequest extends onOrder(class {}) {
  @RevisionField('knownRevision', { description: 'The revision of an earlier answer: the read answers at once when the order has left it.', optional: true, example: 1 })
  knownRevision?: number;

  @WaitSecondsField('waitSeconds', 'knownRevision', { description: 'Seconds the read may wait for the order to leave knownRevision.', optional: true, example: 30 })
  waitSeconds?: number;
}

export class VoidAuthorizationRequest extends onOrder(actions.VoidAuthorizationDto) {
  @IdField('authorizationId', { description: 'The authorization.', example: 'auth-1' })
  authorizationId!: string;
}

export class ReceiveReturnRequest extends onOrder(actions.ReceiveReturnDto) {
  @IdField('returnId', { description: 'The return.', example: 'r-1' })
  returnId!: string;
}
