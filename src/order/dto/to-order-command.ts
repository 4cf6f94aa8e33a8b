import type {
  AuthorizePayment,
  CancelOrder,
  CapturePayment,
  ConfirmPickup,
  ConfirmShipment,
  DiscountFunding,
  IssueRefund,
  LineQuantity,
  PlaceOrder,
  ReceiveReturn,
  ReleaseInventory,
  RequestReturn,
  ReserveInventory,
  VoidAuthorization,
} from '../order.commands';
import type * as actions from './order-actions.dto';
import type { FundingDto, PlaceOrderDto } from './place-order.dto';

/**
 * Validated DTOs -> the decider's commands. Fields are copied by name, never spread, so nothing
 * the DTO does not declare can reach an event; optional fields stay absent when absent.
 */

const present = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> => (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

/** An empty list where the command takes "omitted" (gRPC cannot tell empty from absent). */
const nonEmpty = <T>(list: T[] | undefined): T[] | undefined => (list && list.length > 0 ? list : undefined);

const lineQuantities = (lines: actions.LineQuantityDto[]): LineQuantity[] => lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity }));

const funding = (dto: FundingDto): DiscountFunding => (dto.type === 'vendor' ? { vendorId: dto.vendorId! } : 'retailer');

export function placeOrder(dto: PlaceOrderDto): PlaceOrder {
  return {
    kind: 'PlaceOrder',
    orderId: dto.orderId,
    channel: dto.channel,
    placedAt: dto.placedAt,
    companyCode: dto.companyCode,
    currency: dto.currency,
    fulfillment: dto.fulfillment.type === 'pickup' ? { type: 'pickup', locationId: dto.fulfillment.locationId! } : { type: 'ship' },
    lines: dto.lines.map((l) => ({ lineId: l.lineId, sku: l.sku, quantity: l.quantity, unitPriceMinor: l.unitPriceMinor, ...present('taxIncluded', l.taxIncluded) })),
    discounts: (dto.discounts ?? []).map((d) => ({
      promotionId: d.promotionId,
      ...present('code', d.code),
      funding: funding(d.funding),
      amountMinor: d.amountMinor,
      ...present(
        'allocations',
        nonEmpty(d.allocations)?.map((a) => ({ lineId: a.lineId, amountMinor: a.amountMinor })),
      ),
    })),
    taxLines: (dto.taxLines ?? []).map((t) => ({ lineId: t.lineId, rate: t.rate, ...present('amountMinor', t.amountMinor), ...present('channelRemitted', t.channelRemitted) })),
    shippingLines: (dto.shippingLines ?? []).map((s) => ({ code: s.code, amountMinor: s.amountMinor, ...present('taxMinor', s.taxMinor) })),
    tenders: (dto.tenders ?? []).map((t) => ({ kind: t.kind, amountMinor: t.amountMinor, ...present('reference', t.reference) })),
    sourceRef: dto.sourceRef,
  };
}

export const authorizePayment = (dto: actions.AuthorizePaymentDto): AuthorizePayment => ({
  kind: 'AuthorizePayment',
  authorizationId: dto.authorizationId,
  amountMinor: dto.amountMinor,
  currency: dto.currency,
  at: dto.at,
});

export const capturePayment = (dto: actions.CapturePaymentDto): CapturePayment => ({
  kind: 'CapturePayment',
  captureId: dto.captureId,
  amountMinor: dto.amountMinor,
  currency: dto.currency,
  at: dto.at,
});

export const voidAuthorization = (authorizationId: string, dto: actions.VoidAuthorizationDto): VoidAuthorization => ({ kind: 'VoidAuthorization', authorizationId, at: dto.at });

export const inventoryMovement = (kind: 'ReserveInventory' | 'ReleaseInventory', dto: actions.InventoryMovementDto): ReserveInventory | ReleaseInventory => ({
  kind,
  locationId: dto.locationId,
  lines: lineQuantities(dto.lines),
  at: dto.at,
});

export const confirmShipment = (dto: actions.ConfirmShipmentDto): ConfirmShipment => ({
  kind: 'ConfirmShipment',
  shipmentId: dto.shipmentId,
  lines: lineQuantities(dto.lines),
  shippedAt: dto.shippedAt,
});

export const confirmPickup = (dto: actions.ConfirmPickupDto): ConfirmPickup => ({ kind: 'ConfirmPickup', pickupId: dto.pickupId, at: dto.at });

export const cancelOrder = (dto: actions.CancelOrderDto): CancelOrder => ({ kind: 'CancelOrder', reason: dto.reason, at: dto.at });

export const requestReturn = (dto: actions.RequestReturnDto): RequestReturn => ({ kind: 'RequestReturn', returnId: dto.returnId, lines: lineQuantities(dto.lines), at: dto.at });

export const receiveReturn = (returnId: string, dto: actions.ReceiveReturnDto): ReceiveReturn => ({
  kind: 'ReceiveReturn',
  returnId,
  ...present(
    'lines',
    nonEmpty(dto.lines)?.map((l) => ({ lineId: l.lineId, quantity: l.quantity })),
  ),
  at: dto.at,
});

export const issueRefund = (dto: actions.IssueRefundDto): IssueRefund => ({
  kind: 'IssueRefund',
  refundId: dto.refundId,
  amountMinor: dto.amountMinor,
  currency: dto.currency,
  at: dto.at,
  ...present('returnId', dto.returnId),
});
