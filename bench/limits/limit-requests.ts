import { MAX_ELIGIBLE_SKUS } from '../../src/promotion/dto/define-promotion.dto';
import { MAX_DISCOUNT_SHARES, MAX_LINES, MAX_SHIPPING_LINES, MAX_TAX_LINES } from '../../src/order/order-limits';
import { MAX_REPORT_TRANSACTIONS } from '../../src/settlement/dto/report-settlement.dto';
import { MAX_REGISTER_TENDERS } from '../../src/settlement/register-close/dto/close-register.dto';

/** One request of the limits bench: over HTTP (a path) or gRPC (service and method), and whether the bench expects it accepted. */
export interface LimitRequest {
  name: string;
  http?: string;
  grpc?: { service: 'orders' | 'promotions' | 'settlements'; method: string };
  body: Record<string, unknown>;
  accepted: boolean;
}

const times = <T>(count: number, item: (i: number) => T): T[] => Array.from({ length: count }, (_, i) => item(i));
const sku = (i: number) => `SKU-${String(i).padStart(8, '0')}`;

const promotion = (promotionId: string, skus: number) => ({
  promotionId,
  code: 'BIG',
  name: 'every listed SKU',
  window: { from: '2026-11-27T00:00:00Z', to: '2026-12-01T00:00:00Z' },
  allSkus: false,
  eligibleSkus: times(skus, sku),
  benefit: { type: 'percentage', rate: '10%' },
  allocation: 'each',
  funding: { source: 'retailer' },
  reducesTaxBase: true,
  definedAt: '2026-11-20T09:00:00Z',
});

/** The largest order the bounds allow: every list full, discounts spread over every line up to the most shares. */
const order = (orderId: string, lines = MAX_LINES) => ({
  orderId,
  channel: 'web',
  placedAt: '2026-11-27T10:00:00Z',
  companyCode: 'US01',
  currency: 'USD',
  fulfillment: { type: 'ship' },
  lines: times(lines, (i) => ({ lineId: `L${i}`, sku: sku(i), quantity: 2, unitPriceMinor: 2_999 })),
  discounts: times(Math.floor(MAX_DISCOUNT_SHARES / MAX_LINES), (i) => ({
    promotionId: `promo-${i}`,
    code: `CODE${i}`,
    funding: i % 2 ? { type: 'vendor', vendorId: 'acme' } : { type: 'retailer' },
    amountMinor: 10_000,
  })),
  taxLines: times(Math.min(MAX_TAX_LINES, 2 * lines), (i) => ({ lineId: `L${i % lines}`, rate: i < lines ? '8%' : '1.5%' })),
  shippingLines: times(MAX_SHIPPING_LINES, (i) => ({ code: `SHIP-${i}`, amountMinor: 599 })),
  sourceRef: `payload://web/${orderId}`,
});

const payout = (payoutId: string, count: number) => ({
  provider: 'stripe',
  payoutId,
  companyCode: 'US01',
  currency: 'USD',
  payoutAmount: count * 9_703,
  payoutDate: '2026-11-30',
  transactions: times(count, (i) => ({
    id: `txn_${i}`,
    type: 'charge',
    currency: 'USD',
    amount: 10_000,
    fee: 297,
    net: 9_703,
    source: { orderId: `order-${i}`, captureId: `cap-${i}` },
  })),
});

const registerClose = () => ({
  businessDate: '2026-11-27',
  companyCode: 'US01',
  currency: 'USD',
  tenders: times(MAX_REGISTER_TENDERS, (i) => ({ tender: i === 0 ? 'cash' : `tender-${i}`, expectedMinor: 125_000, countedMinor: 124_750 })),
  closedAt: '2026-11-27T22:05:00-05:00',
});

/** The largest input each bound allows, over both transports, then inputs far over the bounds (refused for their length). */
export function limitRequests(): LimitRequest[] {
  return [
    { name: `HTTP promotion, ${MAX_ELIGIBLE_SKUS} SKUs`, http: '/promotions', body: promotion('bench-http', MAX_ELIGIBLE_SKUS), accepted: true },
    {
      name: `gRPC promotion, ${MAX_ELIGIBLE_SKUS} SKUs`,
      grpc: { service: 'promotions', method: 'DefinePromotion' },
      body: promotion('bench-grpc', MAX_ELIGIBLE_SKUS),
      accepted: true,
    },
    { name: `HTTP order, ${MAX_LINES} lines, ${MAX_TAX_LINES} taxes, ${MAX_DISCOUNT_SHARES} discount shares`, http: '/orders', body: order('bench-http'), accepted: true },
    {
      name: `gRPC order, ${MAX_LINES} lines, ${MAX_TAX_LINES} taxes, ${MAX_DISCOUNT_SHARES} discount shares`,
      grpc: { service: 'orders', method: 'PlaceOrder' },
      body: order('bench-grpc'),
      accepted: true,
    },
    {
      name: `HTTP shipment of ${MAX_LINES} lines`,
      http: '/orders/bench-http/shipments',
      body: { shipmentId: 's-1', lines: times(MAX_LINES, (i) => ({ lineId: `L${i}`, quantity: 2 })), shippedAt: '2026-11-28T09:00:00Z' },
      accepted: true,
    },
    { name: `HTTP payout, ${MAX_REPORT_TRANSACTIONS} transactions`, http: '/settlements', body: payout('bench-http', MAX_REPORT_TRANSACTIONS), accepted: true },
    {
      name: `gRPC payout, ${MAX_REPORT_TRANSACTIONS} transactions`,
      grpc: { service: 'settlements', method: 'ReportSettlement' },
      body: payout('bench-grpc', MAX_REPORT_TRANSACTIONS),
      accepted: true,
    },
    { name: `HTTP register close, ${MAX_REGISTER_TENDERS} tenders`, http: '/registers/store-1/reg-1/closes', body: registerClose(), accepted: true },
    {
      name: 'HTTP promotion, 120,000 SKUs (over)',
      http: '/promotions',
      body: { ...promotion('over-http', 120_000), eligibleSkus: times(120_000, (i) => `S${i.toString(36)}`) },
      accepted: false,
    },
    { name: 'gRPC promotion, 200,000 SKUs (over)', grpc: { service: 'promotions', method: 'DefinePromotion' }, body: promotion('over-grpc', 200_000), accepted: false },
    {
      name: 'gRPC order, 100,000 lines (over)',
      grpc: { service: 'orders', method: 'PlaceOrder' },
      body: { ...order('over-grpc', 100_000), discounts: [], taxLines: [] },
      accepted: false,
    },
    { name: 'gRPC payout, 60,000 transactions (over)', grpc: { service: 'settlements', method: 'ReportSettlement' }, body: payout('over-grpc', 60_000), accepted: false },
  ];
}
