import { Body, Controller, Get, Headers, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CreatedAnswer, ExampleBody, NotModifiedAnswer, OkAnswer } from '../../api-docs/documented';
import { RequireChannelWrite, RequireScope } from '../../access/access-requirements';
import { CurrentPrincipal } from '../../access/current-principal';
import type { Principal } from '../../access/principal';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { CommandContext } from '../../edge/command-context';
import { etagOf, LONGEST_WAIT_SECONDS, longestWaitSeconds, noneMatchHits, preferredWaitSeconds } from '../../edge/conditional-read';
import { Idempotent } from '../../idempotency/idempotent.decorator';
import * as dto from '../dto/order-actions.dto';
import { PlaceOrderDto } from '../dto/place-order.dto';
import * as to from '../dto/to-order-command';
import { OrderCommands } from '../order-commands.service';
import type { OrderView } from '../order.views';
import * as example from './order-examples';

const ON_ORDER = "Needs the order's channel key (channel:<channel>:write) or ops:admin.";
/** Every order write answers the order, its revision after the command and the events it recorded. */
const Recorded = (answer: object) =>
  CreatedAnswer('Recorded (or, for a repeated Idempotency-Key, the first answer again): the order, its revision and the events', { example: answer });
/** The order's validator: its stream revision, quoted; a write's reply gives the same revision. */
const ETAG = { description: 'The order\'s stream revision, quoted ("3"): the `revision` of the view and of a write\'s reply', example: '"3"' };

/** The order over HTTP. Every write answers 201 {orderId, revision, events}. */
@ApiTags('orders')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('orders')
export class OrderHttpController {
  /** Seconds a `Prefer: wait` may hold a read (see longestWaitSeconds). */
  private readonly longestWait: number;

  constructor(
    @Inject(OrderCommands) private readonly orders: OrderCommands,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.longestWait = longestWaitSeconds(config.httpIdleTimeoutMs);
  }

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
  @ApiOperation({
    summary: "The order's current state; a channel may wait for it to change.",
    description:
      "Needs finance:read or the order's channel key. The answer's `ETag` is the order's revision; sent back as `If-None-Match`, it answers 304 " +
      `while the order has not moved. With \`Prefer: wait=N\` too, the answer waits until a command moves the order (200, the new state) or N seconds ` +
      `pass (304); N is taken as at most ${LONGEST_WAIT_SECONDS} s (less under a shorter HTTP_IDLE_TIMEOUT), and \`Preference-Applied\` says the wait ` +
      "given. A shutdown answers a waiting read at once (304). On several nodes, another node's write shows when the wait ends.",
  })
  @ApiHeader({
    name: 'If-None-Match',
    required: false,
    description: 'The `ETag` of an earlier answer (or `"<revision>"` of a write\'s reply): 304 while the order still stands there',
    example: '"3"',
  })
  @ApiHeader({
    name: 'Prefer',
    required: false,
    description: `With a matching If-None-Match: \`wait=N\` holds the answer up to N seconds (at most ${LONGEST_WAIT_SECONDS}) for a change (RFC 7240); other preferences are ignored`,
    example: 'wait=30',
  })
  @OkAnswer('The order as it stands: amounts, payments, shipments, reservations, returns', {
    example: example.ORDER_VIEW,
    headers: { ETag: ETAG, 'Preference-Applied': { description: 'wait=<seconds> when the answer waited for the change', example: 'wait=30' } },
  })
  @NotModifiedAnswer('The order still stands at the revision If-None-Match names (after the wait, when one was asked); no body', {
    ETag: ETAG,
    'Preference-Applied': { description: 'wait=<seconds> when the answer waited', example: 'wait=30' },
  })
  async read(
    @Param() path: dto.OrderPathDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Headers('prefer') prefer: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrderView | undefined> {
    const waitSeconds = ifNoneMatch === undefined ? undefined : preferredWaitSeconds(prefer, this.longestWait);
    const answer = await this.orders.viewIfChanged(path.orderId, principal, {
      held: (revision) => noneMatchHits(ifNoneMatch, etagOf(revision)),
      waitSeconds,
      signal: waitSeconds ? clientGone(reply) : undefined,
    });
    reply.header('etag', etagOf(answer.view.revision));
    if (answer.heldSeconds !== undefined) reply.header('preference-applied', `wait=${answer.heldSeconds}`);
    if (!answer.unchanged) return answer.view;
    reply.status(304);
    return undefined;
  }

  @Get(':orderId/events')
  @ApiOperation({ summary: "The order's event stream as stored, for audit." })
  @OkAnswer('Every event of the order’s stream with its metadata (correlation id, trace context, command, principal)', { example: example.ORDER_EVENTS })
  @RequireScope('audit:read')
  events(@Param() path: dto.OrderPathDto) {
    return this.orders.history(path.orderId);
  }
}

/** Aborts when the response ends or its connection closes first (the client went away): a held read stops waiting then. */
function clientGone(reply: FastifyReply): AbortSignal {
  const gone = new AbortController();
  if (reply.raw.destroyed) gone.abort();
  else reply.raw.once('close', () => gone.abort());
  return gone.signal;
}
