import type { AuthorizePaymentDto, CapturePaymentDto, ConfirmShipmentDto, LineQuantityDto } from '../../src/order/dto/order-actions.dto';
import type { PlaceOrderDto } from '../../src/order/dto/place-order.dto';

/**
 * Order i of the order-journey workload (the peer runs the same orders: see
 * bench/peers/emmett/journeys.mjs): three lines, two retailer discounts, 7.25% tax per line as
 * the channel computed it, GROUND shipping. Bodies in the API's request format, so the
 * in-process side and HTTP send the same requests.
 */
export interface JourneyOrder {
  orderId: string;
  place: PlaceOrderDto;
  authorize: AuthorizePaymentDto;
  capture: CapturePaymentDto;
  ship: ConfirmShipmentDto;
  /** Worked out here from the definition, not by the decider, so the verification can catch it. */
  totalMinor: number;
}

const BASE_MS = Date.parse('2026-01-01T00:00:00.000Z');
/** Order 0's total as the workload definition works it out by hand. */
export const ORDER_0_TOTAL = 3849;

const pad = (x: number, digits: number) => String(x).padStart(digits, '0');
const at = (i: number, plusSeconds: number) => new Date(BASE_MS + (i + plusSeconds) * 1000).toISOString();
/** 7.25%, half up, on a non-negative amount, in integers. */
const taxOf = (amountMinor: number) => Math.floor((amountMinor * 725 + 5000) / 10_000);

export function journeyOrder(prefix: string, i: number): JourneyOrder {
  const orderId = `${prefix}-${i}`;
  const lines = [0, 1, 2].map((k) => ({
    lineId: `L${k + 1}`,
    sku: `SKU-${pad((7 * i + 13 * k) % 100_000, 5)}`,
    quantity: 1 + ((i + k) % 5),
    unitPriceMinor: 499 + ((31 * i + 17 * k) % 9500),
  }));
  const gross = lines.map((line) => line.quantity * line.unitPriceMinor);
  const discountOf = [Math.floor(gross[0] / 10), Math.floor(gross[1] / 20), 0];
  const discounts = [
    { promotionId: 'SPRING10', lineId: 'L1', amountMinor: discountOf[0] },
    { promotionId: 'LOYALTY5', lineId: 'L2', amountMinor: discountOf[1] },
  ]
    .filter((d) => d.amountMinor > 0)
    .map((d) => ({
      promotionId: d.promotionId,
      code: d.promotionId,
      funding: { type: 'retailer' as const },
      amountMinor: d.amountMinor,
      allocations: [{ lineId: d.lineId, amountMinor: d.amountMinor }],
    }));
  const taxLines = lines.map((line, k) => ({ lineId: line.lineId, rate: '7.25%', amountMinor: taxOf(gross[k] - discountOf[k]) }));
  const totalMinor = gross.reduce((sum, g, k) => sum + g - discountOf[k] + taxLines[k].amountMinor, 0) + 599;
  const units: LineQuantityDto[] = lines.map(({ lineId, quantity }) => ({ lineId, quantity }));
  return {
    orderId,
    place: {
      orderId,
      channel: 'web',
      placedAt: at(i, 0),
      companyCode: 'US01',
      currency: 'USD',
      fulfillment: { type: 'ship' },
      lines,
      discounts,
      taxLines,
      shippingLines: [{ code: 'GROUND', amountMinor: 599 }],
      sourceRef: `payload://web/${orderId}`,
    },
    authorize: { authorizationId: `auth-${i}`, amountMinor: totalMinor, currency: 'USD', at: at(i, 30) },
    capture: { captureId: `pay-${i}`, amountMinor: totalMinor, currency: 'USD', at: at(i, 60) },
    ship: { shipmentId: `shp-${i}`, lines: units, shippedAt: at(i, 3600) },
    totalMinor,
  };
}

/** Σ of the N orders' totals: both sides and the peer must arrive at it from what they stored. */
export function totalsChecksum(n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += journeyOrder('checksum', i).totalMinor;
  return sum;
}
