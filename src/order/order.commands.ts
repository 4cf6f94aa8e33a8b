/**
 * What a channel, a saga or an operator asks of one order. Shapes are already checked by the
 * edge DTOs; the decider checks that the numbers make business sense. Times are ISO 8601
 * strings and ids come from the caller, so deciding stays pure.
 */

/** Who pays for a discount: the retailer, or a vendor who is then claimed against. */
export type DiscountFunding = 'retailer' | { vendorId: string };

export type TenderKind = 'card' | 'gift_card' | 'cash' | 'other';

export type Fulfillment = { type: 'ship' } | { type: 'pickup'; locationId: string };

export interface LineAmount {
  lineId: string;
  amountMinor: number;
}

export interface LineQuantity {
  lineId: string;
  quantity: number;
}

export interface OrderLineInput {
  lineId: string;
  sku: string;
  quantity: number;
  unitPriceMinor: number;
  /** VAT-style price: the tax is inside `unitPriceMinor`. */
  taxIncluded?: boolean;
}

export interface DiscountApplicationInput {
  promotionId: string;
  code?: string;
  funding: DiscountFunding;
  amountMinor: number;
  /** Per-line split as the channel gave it; omitted: allocated by pre-discount line amounts. */
  allocations?: LineAmount[];
}

export interface TaxLineInput {
  lineId: string;
  /** "8%" or "0.08". */
  rate: string;
  /** As the channel computed it, posted as given; omitted: the rate applied to the discounted line. */
  amountMinor?: number;
  /** Marketplace facilitator tax: the channel collects and remits it, not the retailer. */
  channelRemitted?: boolean;
}

export interface ShippingLineInput {
  code: string;
  amountMinor: number;
  taxMinor?: number;
}

export interface TenderInput {
  kind: TenderKind;
  amountMinor: number;
  reference?: string;
}

export interface PlaceOrder {
  kind: 'PlaceOrder';
  orderId: string;
  channel: string;
  placedAt: string;
  companyCode: string;
  currency: string;
  fulfillment: Fulfillment;
  lines: OrderLineInput[];
  discounts?: DiscountApplicationInput[];
  taxLines?: TaxLineInput[];
  shippingLines?: ShippingLineInput[];
  tenders?: TenderInput[];
  /**
   * Sold at a register: paid and handed over when placed. The channel records the capture and
   * the pickup itself, so the fulfillment saga has nothing to reserve, capture or wait for.
   */
  soldAtCounter?: boolean;
  /**
   * The channel authorizes, captures and voids the payment itself and reports each (Shopify's
   * transactions): the fulfillment saga never captures, voids or refunds it, and does not cancel
   * the order for want of payment (the channel cancels its own orders).
   */
  capturedByChannel?: boolean;
  /** Where the channel's raw payload is kept, for lineage. */
  sourceRef: string;
}

export interface AuthorizePayment {
  kind: 'AuthorizePayment';
  authorizationId: string;
  amountMinor: number;
  currency: string;
  at: string;
}

export interface CapturePayment {
  kind: 'CapturePayment';
  captureId: string;
  amountMinor: number;
  currency: string;
  at: string;
}

export interface VoidAuthorization {
  kind: 'VoidAuthorization';
  authorizationId: string;
  at: string;
}

export interface ReserveInventory {
  kind: 'ReserveInventory';
  locationId: string;
  lines: LineQuantity[];
  at: string;
}

export interface ReleaseInventory {
  kind: 'ReleaseInventory';
  locationId: string;
  lines: LineQuantity[];
  at: string;
}

export interface ConfirmShipment {
  kind: 'ConfirmShipment';
  shipmentId: string;
  lines: LineQuantity[];
  shippedAt: string;
}

export interface ConfirmPickup {
  kind: 'ConfirmPickup';
  pickupId: string;
  at: string;
}

export interface CancelOrder {
  kind: 'CancelOrder';
  reason: string;
  at: string;
}

export interface RequestReturn {
  kind: 'RequestReturn';
  returnId: string;
  lines: LineQuantity[];
  at: string;
}

export interface ReceiveReturn {
  kind: 'ReceiveReturn';
  returnId: string;
  /** Units that actually came back; omitted: everything requested. */
  lines?: LineQuantity[];
  at: string;
}

export interface IssueRefund {
  kind: 'IssueRefund';
  refundId: string;
  amountMinor: number;
  currency: string;
  at: string;
  returnId?: string;
}

export type OrderCommand =
  | PlaceOrder
  | AuthorizePayment
  | CapturePayment
  | VoidAuthorization
  | ReserveInventory
  | ReleaseInventory
  | ConfirmShipment
  | ConfirmPickup
  | CancelOrder
  | RequestReturn
  | ReceiveReturn
  | IssueRefund;
