import type { ChannelFulfillment, ChannelOrderSource, ChannelPaymentStatus, ChannelTransaction, UnmatchedDiscount } from './channel-order.commands';

export type ChannelTransactionReported = { type: 'ChannelTransactionReported'; data: ChannelOrderSource & ChannelTransaction };
/** Recorded again whenever the fulfillment's status changes (pending, then success). */
export type ChannelFulfillmentReported = { type: 'ChannelFulfillmentReported'; data: ChannelOrderSource & ChannelFulfillment };
export type ChannelCancellationReported = { type: 'ChannelCancellationReported'; data: ChannelOrderSource & { reason: string; at: string } };
/** Recorded whenever the order body claims more paid than before. */
export type ChannelPaymentStatusReported = { type: 'ChannelPaymentStatusReported'; data: ChannelOrderSource & ChannelPaymentStatus };
export type ChannelDiscountsUnmatched = {
  type: 'ChannelDiscountsUnmatched';
  data: ChannelOrderSource & { discounts: UnmatchedDiscount[]; currency: string; placedAt: string };
};

export type ChannelOrderEvent = ChannelTransactionReported | ChannelFulfillmentReported | ChannelCancellationReported | ChannelPaymentStatusReported | ChannelDiscountsUnmatched;

/** The facts the channel-order saga applies to orders. */
export const CHANNEL_ORDER_FACTS: ReadonlySet<string> = new Set<ChannelOrderEvent['type']>([
  'ChannelTransactionReported',
  'ChannelFulfillmentReported',
  'ChannelCancellationReported',
  'ChannelPaymentStatusReported',
]);
