import { Inject, Injectable } from '@nestjs/common';
import { demandAnyScope } from '../access/current-principal';
import type { Principal } from '../access/principal';
import { channelWriteScope, type Scope } from '../access/scopes';
import type { CommandContext } from '../edge/command-context';
import { AggregateCommands, type CommandsOf } from '../edge/aggregate-commands';
import { EntityNotFoundError } from '../errors/entity-not-found.error';
import { StreamNotFoundError } from '../event-store/event-store.errors';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { ReferenceDataCommands } from '../reference-data/reference-data-commands.service';
import { CommandDispatcher } from '../runtime/command-dispatcher';
import { streamIdOf } from '../runtime/decider';
import type { PlaceOrderDto } from './dto/place-order.dto';
import { placeOrder } from './dto/to-order-command';
import { orderAggregate } from './order.aggregate';
import type { OrderCommand, PlaceOrder } from './order.commands';
import type { PlacedOrderState } from './order.state';
import { commandReply, type OrderCommandReply, orderView, type OrderView } from './order.views';

/**
 * Who may act on an order once it exists: a key of the order's own channel (a channel key cannot
 * touch another channel's orders), or an operator.
 */
const writersOf = (order: PlacedOrderState): Scope[] => [channelWriteScope(order.order.channel), 'ops:admin'];
/** Who may read it: finance, or the channel the order came from. */
const readersOf = (order: PlacedOrderState): Scope[] => ['finance:read', channelWriteScope(order.order.channel)];

/** The order API's one path from a validated request to the aggregate, for HTTP and gRPC alike. */
@Injectable()
export class OrderCommands {
  private readonly orders: CommandsOf<typeof orderAggregate>;

  constructor(
    @Inject(CommandDispatcher) dispatcher: CommandDispatcher,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ReferenceDataCommands) private readonly referenceData: ReferenceDataCommands,
  ) {
    this.orders = new AggregateCommands(dispatcher, orderAggregate);
  }

  /** The access guard has already checked the key against `dto.channel`. */
  async place(dto: PlaceOrderDto, context: CommandContext): Promise<OrderCommandReply> {
    await this.referenceData.requireChannelCompany(dto.channel, dto.companyCode, dto.placedAt);
    return this.execute(placeOrder(dto), dto.orderId, dto.channel, context);
  }

  /** A command on a placed order: the order's channel decides who may send it. */
  async act(orderId: string, command: Exclude<OrderCommand, PlaceOrder>, principal: Principal, context: CommandContext): Promise<OrderCommandReply> {
    const { state } = await this.placed(orderId);
    demandAnyScope(principal, writersOf(state));
    return this.execute(command, orderId, state.order.channel, context);
  }

  async view(orderId: string, principal: Principal): Promise<OrderView> {
    const { state, revision } = await this.placed(orderId);
    demandAnyScope(principal, readersOf(state));
    return orderView(state, revision);
  }

  /**
   * A conditional read: the order, and whether it still stands at the revision the caller holds
   * (`held(revision)`); then, with `waitSeconds`, the answer waits until a command moves the order
   * (the new view) or the time passes (the order read again then: another node's write shows only
   * then). Access is checked first, exactly as for `view`. `unchanged`: the view is at a revision
   * the caller holds. `heldSeconds`: the wait given (absent when there was none: nothing to wait
   * for, or too many waiting already).
   */
  async viewIfChanged(
    orderId: string,
    principal: Principal,
    { held, waitSeconds = 0, signal }: { held: (revision: number) => boolean; waitSeconds?: number; signal?: AbortSignal },
  ): Promise<{ view: OrderView; unchanged: boolean; heldSeconds?: number }> {
    const now = await this.view(orderId, principal);
    if (!held(now.revision)) return { view: now, unchanged: false };
    if (waitSeconds <= 0) return { view: now, unchanged: true };
    const end = await this.orders.waitForChange(orderId, now.revision, waitSeconds * 1000, signal);
    if (end === 'full') return { view: now, unchanged: true };
    if (end === 'closing' || end === 'aborted') return { view: now, unchanged: true, heldSeconds: waitSeconds };
    const then = await this.view(orderId, principal);
    return { view: then, unchanged: held(then.revision), heldSeconds: waitSeconds };
  }

  /** The order's stream as stored, for auditors. Positions are 64-bit: sent as decimal strings. */
  async history(orderId: string) {
    const events = await this.store.readStream(streamIdOf(orderAggregate, orderId)).catch((error: unknown) => {
      throw error instanceof StreamNotFoundError ? new EntityNotFoundError('order', orderId) : error;
    });
    return {
      orderId,
      events: events.map((e) => ({
        eventId: e.eventId,
        type: e.type,
        revision: e.revision,
        globalPosition: String(e.globalPosition),
        recordedAt: e.recordedAt.toISOString(),
        data: e.data,
        metadata: e.metadata,
      })),
    };
  }

  private async placed(orderId: string): Promise<{ state: PlacedOrderState; revision: number }> {
    const { state, revision } = await this.orders.current(orderId);
    if (revision < 0 || state.status === 'unplaced') throw new EntityNotFoundError('order', orderId);
    return { state, revision };
  }

  private async execute(command: OrderCommand, orderId: string, channel: string, context: CommandContext): Promise<OrderCommandReply> {
    const outcome = await this.orders.send(orderId, command, context, { channel });
    return commandReply(orderId, outcome);
  }
}
