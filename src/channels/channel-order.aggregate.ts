import type { AggregateType, Decider } from '../runtime/decider';
import { composedId } from './composed-id';
import type { ChannelOrderCommand } from './channel-order.commands';
import { decideChannelOrder } from './channel-order.decide';
import type { ChannelOrderEvent } from './channel-order.events';
import { type ChannelOrderState, evolveChannelOrder, initialChannelOrderState } from './channel-order.evolve';

export const channelOrderDecider: Decider<ChannelOrderCommand, ChannelOrderEvent, ChannelOrderState> = {
  initialState: initialChannelOrderState,
  decide: decideChannelOrder,
  evolve: evolveChannelOrder,
};

/** Streams `channel-order-<shop>-<channel's order id>`: what the channel reported about one order, whatever the deliveries. */
export const channelOrderAggregate: AggregateType<ChannelOrderCommand, ChannelOrderEvent, ChannelOrderState> = {
  category: 'channel-order',
  decider: channelOrderDecider,
};

export const CHANNEL_ORDER_PREFIX = `${channelOrderAggregate.category}-`;

/** The instance id of a shop's order (the composed id rule: two shops' orders never meet). */
export const channelOrderId = (shop: string, channelOrderNumber: string): string => composedId([shop, channelOrderNumber]);
