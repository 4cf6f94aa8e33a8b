import { Body, Controller, Get, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { CreatedAnswer, ExampleBody, OkAnswer } from '../../api-docs/documented';
import { RequireChannelWrite, RequireScope } from '../../access/access-requirements';
import { CurrentPrincipal } from '../../access/current-principal';
import type { Principal } from '../../access/principal';
import { CommandContext } from '../../edge/command-context';
import { Idempotent } from '../../idempotency/idempotent.decorator';
import * as dto from '../dto/order-actions.dto';
import { PlaceOrderDto } from '../dto/place-order.dto';
import * as to from '../dto/to-order-command';
import { OrderCommands } from '../order-commands.service';
import * as example from './order-examples';

const ON_ORDER = "Needs the order's channel key (channel:<channel>:write) or ops:admin.";
/** Every order write answers the order, its revision after the command and the events it recorded. */
const Recorded = (answer: object) =>
  CreatedAnswer('Recorded (or, for a repeated Idempotency-Key, the first answer again): the order, its revision and the events', { example: answer });

/** The order over HTTP. Every write answers 201 {orderId, revision, events}. */
@ApiTags('orders')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('orders')
export class OrderHttpController {
  constructor(@Inject(OrderCommands) private readonly orders: OrderCommands) {}

  @Post()
  @ApiOperation({ summary: 'Place an order (the canonical order format).', description: 'Needs channel:<body.channel>:write.' })
  @ExampleBody(PlaceOrderDto, example.PLACE_ORDER, 'the worked example (DESIGN.md)')
  @Recorded(example.ORDER_REPLY)
  @RequireChannelWrite('body.channel')
  @Idempotent()
  place(@Body() body: PlaceOrderDto, @CommandContext() context: CommandContext) {
    return this.orders.place(body, context);
  }

  @Post(':orderId/authorizations')
  @ApiOperation({ summary: 'Record a payment authorization.', description: ON_ORDER })
  @ExampleBody(dto.AuthorizePaymentDto, example.AUTHORIZE)
  @Recorded(example.AUTHORIZE_REPLY)
  @Idempotent()
  authorize(@Param() path: dto.OrderPathDto, @Body() body: dto.AuthorizePaymentDto, @CurrentPrincipal() principal: Principal, @CommandContext() context: CommandContext) {
    return this.orders.act(path.orderId, to.authorizePayment(body), principal, context);
  }

  @Post(':orderId/captures')
  @ApiOperation({ summary: 'Record a capture against the open authorizations.', description: ON_ORDER })
  @ExampleBody(dto.CapturePaymentDto, example.CAPTURE)
  @Recorded(example.CAPTURE_REPLY)
  @Idempotent()
  capture(@Param() path: dto.OrderPathDto, @Body() body: dto.CapturePaymentDto, @CurrentPrincipal() principal: Principal, @CommandContext() context: CommandContext) {
    return this.orders.act(path.orderId, to.capturePayment(body), principal, context);
  }

  @Post(':orderId/authorizations/:authorizationId/void')
  @ApiOperation({ summary: 'Void what is left of an authorization.', description: ON_ORDER })
  @ExampleBody(dto.VoidAuthorizationDto, example.VOID)
  @Recorded(example.VOID_REPLY)
  @Idempotent()
  void(@Param() path: dto.AuthorizationPathDto, @Body() body: dto.VoidAuthorizationDto, @CurrentPrincipal() principal: Principal, @CommandContext() context: CommandContext) {
    return this.orders.act(path.orderId, to.voidAuthorization(path.authorizationId, body), principal, context);
  }

  @Post(':orderId/inventory/reservations')
  @ApiOperation({ summary: 'Reserve stock for some lines at a location.', description: ON_ORDER })
  @ExampleBody(dto.InventoryMovementDto, example.RESERVE)
  @Recorded(example.RESERVE_REPLY)
  @Idempotent()
  reserve(@Param() path: dto.OrderPathDto, @Body() body: dto.InventoryMovementDto, @CurrentPrincipal() principal: Principal, @CommandContext() context: CommandContext) {
    return this.orders.act(path.orderId, to.inventoryMovement('ReserveInventory', body), principal, context);
  }

  @Post(':orderId/inventory/releases')
  @ApiOperation({ summary: 'Release reserved stock.', description: ON_ORDER })
  @ExampleBody(dto.InventoryMovementDto, example.RELEASE)
  @Recorded(example.RELEASE_REPLY)
  @Idempotent()
  release(@Param() path: dto.OrderPathDto, @Body() body: dto.InventoryMovementDto, @CurrentPrincipal() principal: Principal, @CommandContext() context: CommandContext) {
    return this.orders.act(path.orderId, to.inventoryMovement('ReleaseInventory', body), principal, context);
  }

  @Post(':orderId/shipments')
  @ApiOperation({ summary: 'Confirm a shipment of some or all units (split shipments).', description: ON_ORDER })
  @ExampleBody(dto.ConfirmShipmentDto, example.SHIP)
  @Recorded(example.SHIP_REPLY)
  @Idempotent()
  ship(@Param() path: dto.OrderPathDto, @Body() body: dto.ConfirmShipmentDto, @CurrentPrincipal() principal: Principal, @CommandContext() context: CommandContext) {
    return this.orders.act(path.orderId, to.confirmShipment(body), principal, context);
  }

  @Post(':orderId/pickups')
  @ApiOperation({ summary: 'Confirm the customer collected a pickup order.', description: ON_ORDER })
  @ExampleBody(dto.ConfirmPickupDto, example.PICKUP)
  @Recorded(example.PICKUP_REPLY)
  @Idempotent()
  pickup(@Param() path: dto.OrderPathDto, @Body() body: dto.ConfirmPickupDto, @CurrentPrincipal() principal: Principal, @CommandContext() context: CommandContext) {
    return this.orders.act(path.orderId, to.confirmPickup(body), principal, context);
  }

  @Post(':orderId/cancellation')
  @ApiOperation({ summary: 'Cancel the order.', description: ON_ORDER })
  @ExampleBody(dto.CancelOrderDto, example.CANCEL)
  @Recorded(example.CANCEL_REPLY)
  @Idempotent()
  cancel(@Param() path: dto.OrderPathDto, @Body() body: dto.CancelOrderDto, @CurrentPrincipal() principal: Principal, @CommandContext() context: CommandContext) {
    return this.orders.act(path.orderId, to.cancelOrder(body), principal, context);
  }

  @Post(':orderId/returns')
  @ApiOperation({ summary: 'Request a return of some shipped units.', description: ON_ORDER })
  @ExampleBody(dto.RequestReturnDto, example.REQUEST_RETURN)
  @Recorded(example.REQUEST_RETURN_REPLY)
  @Idempotent()
  requestReturn(@Param() path: dto.OrderPathDto, @Body() body: dto.RequestReturnDto, @CurrentPrincipal() principal: Principal, @CommandContext() context: CommandContext) {
    return this.orders.act(path.orderId, to.requestReturn(body), principal, context);
  }

  @Post(':orderId/returns/:returnId/receipt')
  @ApiOperation({ summary: 'Record the returned goods arriving.', description: ON_ORDER })
  @ExampleBody(dto.ReceiveReturnDto, example.RECEIVE_RETURN)
  @Recorded(example.RECEIVE_RETURN_REPLY)
  @Idempotent()
  receiveReturn(@Param() path: dto.ReturnPathDto, @Body() body: dto.ReceiveReturnDto, @CurrentPrincipal() principal: Principal, @CommandContext() context: CommandContext) {
    return this.orders.act(path.orderId, to.receiveReturn(path.returnId, body), principal, context);
  }

  @Post(':orderId/refunds')
  @ApiOperation({ summary: 'Record a refund, up to what was captured.', description: ON_ORDER })
  @ExampleBody(dto.IssueRefundDto, example.REFUND)
  @Recorded(example.REFUND_REPLY)
  @Idempotent()
  refund(@Param() path: dto.OrderPathDto, @Body() body: dto.IssueRefundDto, @CurrentPrincipal() principal: Principal, @CommandContext() context: CommandContext) {
    return this.orders.act(path.orderId, to.issueRefund(body), principal, context);
  }

  @Get(':orderId')
  @ApiOperation({ summary: "The order's current state.", description: "Needs finance:read or the order's channel key." })
  @OkAnswer('The order as it stands: amounts, payments, shipments, reservations, returns', { example: example.ORDER_VIEW })
  read(@Param() path: dto.OrderPathDto, @CurrentPrincipal() principal: Principal) {
    return this.orders.view(path.orderId, principal);
  }

  @Get(':orderId/events')
  @ApiOperation({ summary: "The order's event stream as stored, for audit." })
  @OkAnswer('Every event of the order’s stream with its metadata (correlation id, trace context, command, principal)', { example: example.ORDER_EVENTS })
  @RequireScope('audit:read')
  events(@Param() path: dto.OrderPathDto) {
    return this.orders.history(path.orderId);
  }
}
