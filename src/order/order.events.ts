import type { DiscountFunding, Fulfillment, LineAmount, LineQuantity, TenderKind } from './order.commands';

/**
 * Facts about an order. Data is plain JSON with integer minor units, and every event a
 * posting projection turns into journal entries carries its own amounts, currency and
 * company code: the projection never recomputes or looks anything up.
 */

/** One promotion's share of one line (or of some units of it). */
export interface LineDiscount {
  promotionId: string;
  code?: string;
  funding: DiscountFunding;
  amountMinor: number;
}

export interface LineTax {
  rate: string;
  amountMinor: number;
  channelRemitted: boolean;
}

export interface ShippingCharge {
  code: string;
  amountMinor: number;
  taxMinor: number;
}

export interface Tender {
  kind: TenderKind;
  amountMinor: number;
  reference?: string;
}

/** A discount application with its per-line split resolved. */
export interface DiscountApplication {
  promotionId: string;
  code?: string;
  funding: DiscountFunding;
  amountMinor: number;
  allocations: LineAmount[];
}

export interface PricedLine {
  lineId: string;
  sku: string;
  quantity: number;
  unitPriceMinor: number;
  taxIncluded: boolean;
  /** quantity x unit price, as priced (tax inside when tax-included). */
  grossMinor: number;
  /** Merchandise revenue before discounts: the gross, net of any included tax. */
  revenueMinor: number;
  discounts: LineDiscount[];
  discountMinor: number;
  taxes: LineTax[];
  taxMinor: number;
}

/** Sums over some lines and shipping. totalMinor = revenue - discounts + tax + shipping + shipping tax. */
export interface AmountTotals {
  revenueMinor: number;
  discountMinor: number;
  /** Per discount application of the order, in its order, so parts line up with the whole. */
  discounts: LineDiscount[];
  /** All line tax, including the channel-remitted part. */
  taxMinor: number;
  channelRemittedTaxMinor: number;
  shippingMinor: number;
  shippingTaxMinor: number;
  totalMinor: number;
}

/** Some units of one line: units [firstUnit, firstUnit + quantity) take their per-unit shares. */
export interface LinePart {
  lineId: string;
  sku: string;
  firstUnit: number;
  quantity: number;
  revenueMinor: number;
  discounts: LineDiscount[];
  taxes: LineTax[];
}

/** What a fulfillment or a return posts: per line, shipping (first fulfillment only) and totals. */
export interface PostingAmounts {
  currency: string;
  companyCode: string;
  lines: LinePart[];
  shipping: ShippingCharge[];
  totals: AmountTotals;
}

export interface OrderPlacedData {
  orderId: string;
  channel: string;
  placedAt: string;
  companyCode: string;
  currency: string;
  fulfillment: Fulfillment;
  lines: PricedLine[];
  discounts: DiscountApplication[];
  shipping: ShippingCharge[];
  /** Gift card tenders here let a projection post the redemption against the gift card liability. */
  tenders: Tender[];
  totals: AmountTotals;
  /** Present (true) only on a register sale, paid and handed over when placed (PlaceOrder.soldAtCounter). */
  soldAtCounter?: true;
  /** Present (true) only when the channel records the payment itself (PlaceOrder.capturedByChannel). */
  capturedByChannel?: true;
  sourceRef: string;
}

export type OrderPlaced = { type: 'OrderPlaced'; data: OrderPlacedData };
export type PaymentAuthorized = {
  type: 'PaymentAuthorized';
  data: { authorizationId: string; amountMinor: number; currency: string; at: string };
};
/** Drawn from the open authorizations oldest first, so each one's remainder stays known. */
export type PaymentCaptured = {
  type: 'PaymentCaptured';
  data: { captureId: string; amountMinor: number; currency: string; at: string; fromAuthorizations: Array<{ authorizationId: string; amountMinor: number }> };
};
export type AuthorizationVoided = {
  type: 'AuthorizationVoided';
  data: { authorizationId: string; voidedMinor: number; currency: string; at: string };
};
export type InventoryReserved = { type: 'InventoryReserved'; data: { locationId: string; lines: LineQuantity[]; at: string } };
export type InventoryReleased = { type: 'InventoryReleased'; data: { locationId: string; lines: LineQuantity[]; at: string } };
export type ShipmentConfirmed = { type: 'ShipmentConfirmed'; data: { shipmentId: string; shippedAt: string; amounts: PostingAmounts } };
export type PickupConfirmed = {
  type: 'PickupConfirmed';
  data: { pickupId: string; at: string; locationId: string; amounts: PostingAmounts };
};
export type OrderCancelled = { type: 'OrderCancelled'; data: { reason: string; at: string } };
export type ReturnRequested = { type: 'ReturnRequested'; data: { returnId: string; lines: LineQuantity[]; at: string } };
/** amounts.totals.totalMinor is what the customer is owed for the returned units. */
export type ReturnReceived = { type: 'ReturnReceived'; data: { returnId: string; at: string; amounts: PostingAmounts } };
export type RefundIssued = {
  type: 'RefundIssued';
  data: { refundId: string; amountMinor: number; currency: string; at: string; returnId?: string };
};

export type OrderEvent =
  | OrderPlaced
  | PaymentAuthorized
  | PaymentCaptured
  | AuthorizationVoided
  | InventoryReserved
  | InventoryReleased
  | ShipmentConfirmed
  | PickupConfirmed
  | OrderCancelled
  | ReturnRequested
  | ReturnReceived
  | RefundIssued;
