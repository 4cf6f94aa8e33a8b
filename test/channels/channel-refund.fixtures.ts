import { v5 as uuidv5 } from 'uuid';
import { channelRefundAggregate, channelRefundId } from '../../src/channels/channel-refund.aggregate';
import type { ChannelRefundReceivedData } from '../../src/channels/channel-refund.events';
import type { EventStore } from '../../src/event-store/event-store.port';
import type { CommandOutcome } from '../../src/runtime/aggregate-actor';
import type { CommandDispatcher } from '../../src/runtime/command-dispatcher';
import { streamIdOf } from '../../src/runtime/decider';

/** A Shopify refund of 1 x L1 (29.31 paid by the channel). */
export function shopifyRefundFact(orderId: string, overrides: Partial<ChannelRefundReceivedData> = {}): ChannelRefundReceivedData {
  return {
    channel: 'shopify',
    shop: 'acme.myshopify.com',
    refundId: '9001',
    orderId,
    returnId: 'shopify-refund-9001',
    lines: [{ lineId: 'L1', quantity: 1 }],
    refundedMinor: 2931,
    currency: 'USD',
    at: '2026-11-28T09:30:00.000Z',
    sourceRef: 'channel-delivery-shopify-wh-1',
    ...overrides,
  };
}

export const channelRefundStreamId = (fact: Pick<ChannelRefundReceivedData, 'shop' | 'refundId'>): string =>
  streamIdOf(channelRefundAggregate, channelRefundId(fact.shop, fact.refundId));

/** Records the fact as the webhook does: through the channel-refund aggregate, under a command id of the refund's, whatever the delivery. */
export function recordChannelRefund(dispatcher: CommandDispatcher, fact: ChannelRefundReceivedData): Promise<CommandOutcome> {
  return dispatcher.dispatch(channelRefundAggregate, {
    commandId: `record-${channelRefundStreamId(fact)}`,
    streamId: channelRefundStreamId(fact),
    command: { kind: 'RecordChannelRefund', ...fact },
    metadata: { channel: fact.channel, sourceRef: fact.sourceRef },
  });
}

/** The fact as the previous version appended it, straight to the store: no command id, and whether its webhook applied it itself. */
export async function recordLegacyChannelRefund(store: EventStore, fact: ChannelRefundReceivedData & { appliedAtEdge: boolean }): Promise<void> {
  const streamId = channelRefundStreamId(fact);
  await store.appendToStream(streamId, [{ eventId: uuidv5(streamId, '5d0c6f0e-2b1a-4c7e-9e43-6a1f0b8d2c57'), type: 'ChannelRefundReceived', data: fact }], {
    expectedRevision: 'no_stream',
  });
}
