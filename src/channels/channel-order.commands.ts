import type { LineQuantity } from '../order/order.commands';

/** Who reported a fact and where its raw payload is kept; `orderId` is the order's id in Ledgerbridge. */
export interface ChannelOrderSource {
  channel: string;
  shop: string;
  orderId: string;
  /** Where the raw payload of the delivery that first reported it is kept, for lineage. */
  sourceRef: string;
}

/** A payment transaction on the channel's side, as the channel states it. */
export interface ChannelTransaction {
  transactionId: string;
  /** `authorization`, `capture`, `sale`, `void`, `refund`, or a kind Ledgerbridge does not act on. */
  kind: string;
  /** Only `success` moves money. */
  status: string;
  amountMinor: number;
  currency: string;
  at: string;
  /** The authorization a capture or void works on. */
  parentId?: string;
}

/** Goods handed over by the channel: some units of some lines. */
export interface ChannelFulfillment {
  fulfillmentId: string;
  /** `success`: the goods left; anything else: not (yet). */
  status: string;
  lines: LineQuantity[];
  at: string;
}

/**
 * What a channel's order body says was paid, without naming transactions (Shopify's
 * `financial_status`): at least this much authorized (captured included) and captured.
 */
export interface ChannelPaymentStatus {
  status: string;
  authorizedMinor: number;
  capturedMinor: number;
  currency: string;
  at: string;
}

/** A discount the channel gave that matched no promotion defined here for the channel and date. */
export interface UnmatchedDiscount {
  /** Shopify: `discount_code` or `automatic`. */
  type: string;
  /** The code, or the automatic discount's title. */
  label: string;
  amountMinor: number;
  /** Why no promotion took it: none with this code, or one that is not published to the channel, inactive, outside its window ... */
  reason: string;
}

export type RecordChannelTransaction = ChannelOrderSource & { kind: 'RecordChannelTransaction'; transaction: ChannelTransaction };
export type RecordChannelFulfillment = ChannelOrderSource & { kind: 'RecordChannelFulfillment'; fulfillment: ChannelFulfillment };
export type RecordChannelCancellation = ChannelOrderSource & { kind: 'RecordChannelCancellation'; reason: string; at: string };
export type RecordChannelPaymentStatus = ChannelOrderSource & { kind: 'RecordChannelPaymentStatus'; payment: ChannelPaymentStatus };
export type RecordUnmatchedDiscounts = ChannelOrderSource & { kind: 'RecordUnmatchedDiscounts'; discounts: UnmatchedDiscount[]; currency: string; placedAt: string };

/**
 * What a channel reports about one of its orders besides the order itself, kept as facts
 * before anything is done about them: a payment or a shipment that arrives before its order is
 * kept, not refused. The channel-order saga applies them to the order.
 */
export type ChannelOrderCommand = RecordChannelTransaction | RecordChannelFulfillment | RecordChannelCancellation | RecordChannelPaymentStatus | RecordUnmatchedDiscounts;
