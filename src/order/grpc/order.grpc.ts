import { Controller, Inject } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { RequireChannelWrite } from '../../access/access-requirements';
import { CurrentPrincipal } from '../../access/current-principal';
import type { Principal } from '../../access/principal';
import { CommandContext } from '../../edge/command-context';
import { longestWaitSeconds } from '../../edge/conditional-read';
import { Idempotent } from '../../idempotency/idempotent.decorator';
import * as req from '../dto/order-requests.dto';
import { PlaceOrderDto } from '../dto/place-order.dto';
import * as to from '../dto/to-order-command';
import { type GrpcCall, GrpcCallOf, WAIT_APPLIED } from '../../transport/grpc-call';
import { OrderCommands } from '../order-commands.service';
import type { OrderView } from '../order.views';

const SERVICE = 'Orders';

/** `ledgerbridge.order.v1.Orders`: the HTTP routes' twin, with the ids in the message. */
@Controller()
export class OrderGrpcController {
  constructor(@Inject(OrderCommands) private readonly orders: OrderCommands) {}

  @GrpcMethod(SERVICE, 'PlaceOrder')
  @RequireChannelWrite('body.channel')
  @Idempotent()
  place(@Payload() message: PlaceOrderDto, @CommandContext() context: CommandContext) {
    return this.orders.place(message, context);
  }

  @GrpcMethod(SERVICE, 'AuthorizePayment')
  @Idempotent()
  authorize(@Payload() message: req.AuthorizePaymentRequest, @CurrentPrincipal() principal: Principal, @CommandContext() context: CommandContext) {
    return this.orders.act(message.orderId, to.authorizePayment(message), principal, context);
  }

  @GrpcMethod(SERVICE, 'CapturePayment')
  @Idempotent()
  capture(@Payload() message: req.CapturePaymentRequest, @CurrentPrincipal() principal: Principal, @CommandContext() context: CommandContext) {
    return this.orders.act(message.orderId, to.capturePayment(message), principal, context);
  }

  @GrpcMethod(SERVICE, 'VoidAuthorization')
  @Idempotent()
  void(@Payload() message: req.VoidAuthorizationRequest, @CurrentPrincipal() principal: Principal, @CommandContext() context: CommandContext) {
    return this.orders.act(message.orderId, to.voidAuthorization(message.authorizationId, message), principal, context);
  }

  @GrpcMethod(SERVICE, 'ReserveInventory')
  @Idempotent()
  reserve(@Payload() message: req.InventoryMovementRequest, @CurrentPrincipal() principal: Principal, @CommandContext() context: CommandContext) {
    return this.orders.act(message.orderId, to.inventoryMovement('ReserveInventory', message), principal, context);
  }

  @GrpcMethod(SERVICE, 'ReleaseInventory')
  @Idempotent()
  release(@Payload() message: req.InventoryMovementRequest, @CurrentPrincipal() principal: Principal, @CommandContext() context: CommandContext) {
    return this.orders.act(message.orderId, to.inventoryMovement('ReleaseInventory', message), principal, context);
  }

  @GrpcMethod(SERVICE, 'ConfirmShipment')
  @Idempotent()
  ship(@Payload() message: req.ConfirmShipmentRequest, @CurrentPrincipal() principal: Principal, @CommandContext() context: CommandContext) {
    return this.orders.act(message.orderId, to.confirmShipment(message), principal, context);
  }

  @GrpcMethod(SERVICE, 'ConfirmPickup')
  @Idempotent()
  pickup(@Payload() message: req.ConfirmPickupRequest, @CurrentPrincipal() principal: Principal, @CommandContext() context: CommandContext) {
    return this.orders.act(message.orderId, to.confirmPickup(message), principal, context);
  }

  @GrpcMethod(SERVICE, 'CancelOrder')
  @Idempotent()
  cancel(@Payload() message: req.CancelOrderRequest, @CurrentPrincipal() principal: Principal, @CommandContext() context: CommandContext) {
    return this.orders.act(message.orderId, to.cancelOrder(message), principal, context);
  }

  @GrpcMethod(SERVICE, 'RequestReturn')
  @Idempotent()
  requestReturn(@Payload() message: req.RequestReturnRequest, @CurrentPrincipal() principal: Principal, @CommandContext() context: CommandContext) {
    return this.orders.act(message.orderId, to.requestReturn(message), principal, context);
  }

  @GrpcMethod(SERVICE, 'ReceiveReturn')
  @Idempotent()
  receiveReturn(@Payload() message: req.ReceiveReturnRequest, @CurrentPrincipal() principal: Principal, @CommandContext() context: CommandContext) {
    return this.orders.act(message.orderId, to.receiveReturn(message.returnId, message), principal, context);
  }

  @GrpcMethod(SERVICE, 'IssueRefund')
  @Idempotent()
  refund(@Payload() message: req.IssueRefundRequest, @CurrentPrincipal() principal: Principal, @CommandContext() context: CommandContext) {
    return this.orders.act(message.orderId, to.issueRefund(message), principal, context);
  }

  /**
   * With `knownRevision`, a conditional read held up to `waitSeconds` for the order to leave it
   * (HTTP's If-None-Match and Prefer: wait): cut to a second short of the call's deadline, ended
   * by a cancelled call or a shutdown, and answered with the order as it stands either way
   * (`wait-applied` metadata says the wait given).
   */
  @GrpcMethod(SERVICE, 'GetOrder')
  async get(@Payload() message: req.GetOrderRequest, @CurrentPrincipal() principal: Principal, @GrpcCallOf() call: GrpcCall): Promise<OrderView> {
    const { orderId, knownRevision, waitSeconds = 0 } = message;
    if (knownRevision === undefined) return this.orders.view(orderId, principal);
    const wait = Math.min(waitSeconds, longestWaitSeconds(call.msBeforeDeadline()));
    const answer = await this.orders.viewIfChanged(orderId, principal, {
      held: (revision) => revision === knownRevision,
      waitSeconds: wait,
      signal: wait > 0 ? call.cancelled() : undefined,
    });
    if (answer.heldSeconds !== undefined) call.sendMetadata({ [WAIT_APPLIED]: String(answer.heldSeconds) });
    return answer.view;
  }
}
