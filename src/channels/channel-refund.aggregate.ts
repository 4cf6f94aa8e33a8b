import type { AggregateType, Decider } from '../runtime/decider';
import type { ChannelRefundCommand } from './channel-refund.commands';
import { decideChannelRefund } from './channel-refund.decide';
import type { ChannelRefundEvent } from './channel-refund.events';
import { type ChannelRefundState, evolveChannelRefund, initialChannelRefundState } from './channel-refund.evolve';

export const channelRefundDecider: Decider<ChannelRefundCommand, ChannelRefundEvent, ChannelRefundState> = {
  initialState: initialChannelRefundState,
  decide: decideChannelRefund,
  evolve: evolveChannelRefund,
};

/** Streams `channel-refund-<shop>-<refundId>`: one per refund, whatever the deliveries. */
export const channelRefundAggregate: AggregateType<ChannelRefundCommand, ChannelRefundEvent, ChannelRefundState> = {
  category: 'channel-refund',
  decider: channelRefundDecider,
};

export const CHANNEL_REFUND_PREFIX = `${channelRefundAggregate.category}-`;

/** The instance id of a shop's refund. */
export const channelRefundId = (shop: string, refundId: string): string => `${shop}-${refundId}`;
