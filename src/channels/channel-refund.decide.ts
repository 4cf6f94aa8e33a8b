import type { RecordChannelRefund } from './channel-refund.commands';
import type { ChannelRefundEvent } from './channel-refund.events';
import type { ChannelRefundState } from './channel-refund.evolve';
import { refuse } from './channel-refund.refusals';

type Refund = Omit<RecordChannelRefund, 'kind'>;

/** What a delivery says about the refund beyond its id (shop, refund id); the payload reference is per delivery. */
const contentOf = ({ channel, orderId, returnId, lines, refundedMinor, currency, at }: Refund) => ({
  channel,
  orderId,
  returnId,
  lines: lines.map(({ lineId, quantity }) => [lineId, quantity]),
  refundedMinor,
  currency,
  at,
});

/**
 * A channel never changes a refund it paid, so other content under a refund id already recorded
 * means one of the two deliveries is wrong. The first record stands (the refund saga may have
 * applied it already); the other is refused so that someone looks, instead of being dropped unseen.
 */
export function requireSameRefund(recorded: Refund, delivered: Refund): void {
  const [first, other] = [contentOf(recorded), contentOf(delivered)];
  const differences = (Object.keys(first) as Array<keyof typeof first>)
    .filter((field) => JSON.stringify(first[field]) !== JSON.stringify(other[field]))
    .map((field) => ({ field, recorded: recorded[field], delivered: delivered[field] }));
  if (differences.length > 0) {
    refuse('CHANNEL_REFUND_CONFLICT', `refund ${recorded.refundId} of ${recorded.shop} was recorded with other content; the first record stands`, {
      refundId: recorded.refundId,
      differences,
    });
  }
}

/**
 * Records a refund once. The same refund again records nothing. The runtime answers a command id
 * it has seen with its first outcome without deciding, so a recorded refund reaches this only
 * under another command id: a fact recorded before facts carried one.
 */
export function decideChannelRefund(command: RecordChannelRefund, state: ChannelRefundState): ChannelRefundEvent[] {
  if (state.received) {
    requireSameRefund(state.received, command);
    return [];
  }
  const { channel, shop, refundId, orderId, returnId, lines, refundedMinor, currency, at, sourceRef } = command;
  return [
    {
      type: 'ChannelRefundReceived',
      data: { channel, shop, refundId, orderId, returnId, lines: lines.map(({ lineId, quantity }) => ({ lineId, quantity })), refundedMinor, currency, at, sourceRef },
    },
  ];
}
