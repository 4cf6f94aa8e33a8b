import { workedExampleOrder } from '../order/api/order-requests';
import { type GrpcAnswer, GRPC_SERVICES } from './grpc-client';
import { type HttpAnswer, call } from './edge-app';
import { GENEROUS_RATE_LIMIT, startTestApp, type TestApp } from './test-app';
import { TEST_CALLERS, TEST_KEYS } from './test-keys';

/**
 * Every write route that takes a body, with a valid body for it, as the edge suites send them
 * over HTTP and gRPC. `ids` are what HTTP puts in the path and gRPC in the message; a route
 * acting on an order, promotion or payout works on the one `prepare` sets up under those ids.
 */

export type GrpcService = 'orders' | 'promotions' | 'settlements' | 'giftCards';

export interface WriteRoute {
  name: string;
  key: keyof typeof TEST_KEYS;
  http: (ids: Ids) => string;
  grpc: [GrpcService, string];
  /** The ids the gRPC message carries besides the body. */
  grpcIds: (ids: Ids) => Record<string, string>;
  body: (ids: Ids) => Record<string, any>;
  /** The fields holding a business time, as paths into the body. */
  times: string[];
  /** The fields holding a calendar date (a posting day), as paths into the body. */
  dates?: string[];
  /** What must exist first (under the same ids) for a valid body to be accepted. */
  setup: Step[];
}

/** A write that sets up the state a route acts on. */
export type Step = 'place' | 'placePickup' | 'authorize' | 'capture' | 'reserve' | 'ship' | 'requestReturn' | 'define' | 'activate' | 'apply' | 'report';

/** Fresh ids for one request, so no request meets another's state. */
export interface Ids {
  orderId: string;
  promotionId: string;
  giftCardId: string;
  payoutId: string;
  storeId: string;
}

export const idsFor = (tag: string): Ids => ({ orderId: `o-${tag}`, promotionId: `p-${tag}`, giftCardId: `gc-${tag}`, payoutId: `po-${tag}`, storeId: `s-${tag}` });

const AT = '2026-11-28T09:00:00Z';

/** A promotion any valid time falls in: its window is every instant the rule accepts. */
export const promotion = (promotionId: string) => ({
  promotionId,
  code: 'SAVE10',
  name: '10.00 off your order',
  window: { from: '0001-01-01T00:00:00Z', to: '9999-12-31T23:59:59.999Z' },
  allSkus: true,
  benefit: { type: 'fixed', amount: { amountMinor: 1000, currency: 'USD' } },
  allocation: 'across',
  funding: { source: 'retailer' },
  reducesTaxBase: true,
  definedAt: '2026-11-20T09:00:00Z',
});

export const payout = (payoutId: string) => ({
  provider: 'stripe',
  payoutId,
  companyCode: 'US01',
  currency: 'USD',
  payoutAmount: 9184,
  payoutDate: '2026-11-30',
  transactions: [
    { id: 'txn_1', type: 'charge', currency: 'USD', amount: 10519, fee: 335, net: 10184, source: { orderId: 'order-1', captureId: 'cap-1' } },
    { id: 'txn_2', type: 'refund', currency: 'USD', amount: -1000, fee: 0, net: -1000 },
  ],
});

export const registerClose = () => ({
  businessDate: '2026-11-27',
  companyCode: 'US01',
  currency: 'USD',
  tenders: [{ tender: 'cash', expectedMinor: 125000, countedMinor: 124750 }],
  closedAt: '2026-11-27T22:05:00-05:00',
});

export const giftCard = (giftCardId: string) => ({
  giftCardId,
  channel: 'web',
  companyCode: 'US01',
  currency: 'USD',
  amountMinor: 5000,
  tender: { kind: 'card', reference: `pi_${giftCardId}` },
  soldAt: '2026-11-27T09:30:00Z',
  sourceRef: `payload://web/${giftCardId}`,
});

const onOrder = (path: string) => (ids: Ids) => `/orders/${ids.orderId}${path}`;
const orderIds = (ids: Ids) => ({ orderId: ids.orderId });
const onPromotion = (path: string) => (ids: Ids) => `/promotions/${ids.promotionId}${path}`;
const promotionIds = (ids: Ids) => ({ promotionId: ids.promotionId });

export const WRITE_ROUTES: WriteRoute[] = [
  {
    name: 'PlaceOrder',
    key: 'web',
    http: () => '/orders',
    grpc: ['orders', 'PlaceOrder'],
    grpcIds: () => ({}),
    body: (ids) => workedExampleOrder(ids.orderId),
    times: ['placedAt'],
    setup: [],
  },
  {
    name: 'AuthorizePayment',
    key: 'web',
    http: onOrder('/authorizations'),
    grpc: ['orders', 'AuthorizePayment'],
    grpcIds: orderIds,
    body: () => ({ authorizationId: 'auth-2', amountMinor: 100, currency: 'USD', at: AT }),
    times: ['at'],
    setup: ['place'],
  },
  {
    name: 'CapturePayment',
    key: 'web',
    http: onOrder('/captures'),
    grpc: ['orders', 'CapturePayment'],
    grpcIds: orderIds,
    body: () => ({ captureId: 'cap-1', amountMinor: 10519, currency: 'USD', at: AT }),
    times: ['at'],
    setup: ['place', 'authorize'],
  },
  {
    name: 'VoidAuthorization',
    key: 'web',
    http: onOrder('/authorizations/auth-1/void'),
    grpc: ['orders', 'VoidAuthorization'],
    grpcIds: (ids) => ({ orderId: ids.orderId, authorizationId: 'auth-1' }),
    body: () => ({ at: AT }),
    times: ['at'],
    setup: ['place', 'authorize'],
  },
  {
    name: 'ReserveInventory',
    key: 'web',
    http: onOrder('/inventory/reservations'),
    grpc: ['orders', 'ReserveInventory'],
    grpcIds: orderIds,
    body: () => ({ locationId: 'dc-1', lines: [{ lineId: 'L1', quantity: 1 }], at: AT }),
    times: ['at'],
    setup: ['place'],
  },
  {
    name: 'ReleaseInventory',
    key: 'web',
    http: onOrder('/inventory/releases'),
    grpc: ['orders', 'ReleaseInventory'],
    grpcIds: orderIds,
    body: () => ({ locationId: 'dc-0', lines: [{ lineId: 'L1', quantity: 1 }], at: AT }),
    times: ['at'],
    setup: ['place', 'reserve'],
  },
  {
    name: 'ConfirmShipment',
    key: 'web',
    http: onOrder('/shipments'),
    grpc: ['orders', 'ConfirmShipment'],
    grpcIds: orderIds,
    body: () => ({ shipmentId: 's-2', lines: [{ lineId: 'L1', quantity: 1 }], shippedAt: AT }),
    times: ['shippedAt'],
    setup: ['place'],
  },
  {
    name: 'ConfirmPickup',
    key: 'web',
    http: onOrder('/pickups'),
    grpc: ['orders', 'ConfirmPickup'],
    grpcIds: orderIds,
    body: () => ({ pickupId: 'pick-1', at: AT }),
    times: ['at'],
    setup: ['placePickup'],
  },
  {
    name: 'CancelOrder',
    key: 'web',
    http: onOrder('/cancellation'),
    grpc: ['orders', 'CancelOrder'],
    grpcIds: orderIds,
    body: () => ({ reason: 'customer changed their mind', at: AT }),
    times: ['at'],
    setup: ['place'],
  },
  {
    name: 'RequestReturn',
    key: 'web',
    http: onOrder('/returns'),
    grpc: ['orders', 'RequestReturn'],
    grpcIds: orderIds,
    body: () => ({ returnId: 'r-2', lines: [{ lineId: 'L1', quantity: 1 }], at: AT }),
    times: ['at'],
    setup: ['place', 'ship'],
  },
  {
    name: 'ReceiveReturn',
    key: 'web',
    http: onOrder('/returns/r-1/receipt'),
    grpc: ['orders', 'ReceiveReturn'],
    grpcIds: (ids) => ({ orderId: ids.orderId, returnId: 'r-1' }),
    body: () => ({ lines: [{ lineId: 'L1', quantity: 1 }], at: AT }),
    times: ['at'],
    setup: ['place', 'ship', 'requestReturn'],
  },
  {
    name: 'IssueRefund',
    key: 'web',
    http: onOrder('/refunds'),
    grpc: ['orders', 'IssueRefund'],
    grpcIds: orderIds,
    body: () => ({ refundId: 'ref-2', amountMinor: 100, currency: 'USD', at: AT }),
    times: ['at'],
    setup: ['place', 'authorize', 'capture'],
  },
  {
    name: 'DefinePromotion',
    key: 'promotions',
    http: () => '/promotions',
    grpc: ['promotions', 'DefinePromotion'],
    grpcIds: () => ({}),
    body: (ids) => promotion(`${ids.promotionId}-new`),
    times: ['window.from', 'window.to', 'definedAt'],
    setup: [],
  },
  {
    name: 'ActivatePromotion',
    key: 'promotions',
    http: onPromotion('/activation'),
    grpc: ['promotions', 'ActivatePromotion'],
    grpcIds: promotionIds,
    body: () => ({ at: AT }),
    times: ['at'],
    setup: ['define'],
  },
  {
    name: 'DeactivatePromotion',
    key: 'promotions',
    http: onPromotion('/deactivation'),
    grpc: ['promotions', 'DeactivatePromotion'],
    grpcIds: promotionIds,
    body: () => ({ at: AT, reason: 'campaign over' }),
    times: ['at'],
    setup: ['define', 'activate'],
  },
  {
    name: 'RecordPublication',
    key: 'promotions',
    http: onPromotion('/publications'),
    grpc: ['promotions', 'RecordPublication'],
    grpcIds: promotionIds,
    body: () => ({ channel: 'web', status: 'published', at: AT }),
    times: ['at'],
    setup: ['define'],
  },
  {
    name: 'RecordApplication',
    key: 'promotions',
    http: onPromotion('/applications'),
    grpc: ['promotions', 'RecordApplication'],
    grpcIds: promotionIds,
    body: () => ({ orderId: 'order-2', amount: { amountMinor: 500, currency: 'USD' }, at: AT }),
    times: ['at'],
    setup: ['define', 'activate'],
  },
  {
    name: 'ReleaseApplication',
    key: 'promotions',
    http: onPromotion('/applications/order-1/release'),
    grpc: ['promotions', 'ReleaseApplication'],
    grpcIds: (ids) => ({ promotionId: ids.promotionId, orderId: 'order-1' }),
    body: () => ({ at: AT }),
    times: ['at'],
    setup: ['define', 'activate', 'apply'],
  },
  {
    name: 'RecordClawback',
    key: 'promotions',
    http: onPromotion('/clawbacks'),
    grpc: ['promotions', 'RecordClawback'],
    grpcIds: promotionIds,
    body: () => ({ orderId: 'order-1', returnId: 'ret-1', amountMinor: 100, at: AT }),
    times: ['at'],
    setup: ['define', 'activate', 'apply'],
  },
  {
    name: 'SellGiftCard',
    key: 'web',
    http: () => '/gift-cards',
    grpc: ['giftCards', 'SellGiftCard'],
    grpcIds: () => ({}),
    body: (ids) => giftCard(ids.giftCardId),
    times: ['soldAt'],
    setup: [],
  },
  {
    name: 'ReportSettlement',
    key: 'settlements',
    http: () => '/settlements',
    grpc: ['settlements', 'ReportSettlement'],
    grpcIds: () => ({}),
    body: (ids) => payout(`${ids.payoutId}-new`),
    times: [],
    dates: ['payoutDate'],
    setup: [],
  },
  {
    name: 'MatchTransaction',
    key: 'settlements',
    http: (ids) => `/settlements/stripe/${ids.payoutId}/matches`,
    grpc: ['settlements', 'MatchTransaction'],
    grpcIds: (ids) => ({ provider: 'stripe', payoutId: ids.payoutId }),
    body: () => ({ transactionId: 'txn_2', orderId: 'order-1', refundId: 're-1', at: AT }),
    times: ['at'],
    setup: ['report'],
  },
  {
    name: 'CloseRegister',
    key: 'settlements',
    http: (ids) => `/registers/${ids.storeId}/reg-1/closes`,
    grpc: ['settlements', 'CloseRegister'],
    grpcIds: (ids) => ({ storeId: ids.storeId, registerId: 'reg-1' }),
    body: () => registerClose(),
    times: ['closedAt'],
    dates: ['businessDate'],
    setup: [],
  },
];

export const routeNamed = (name: string): WriteRoute => {
  const route = WRITE_ROUTES.find((r) => r.name === name);
  if (!route) throw new Error(`no write route ${name}`);
  return route;
};

export interface WriteApp extends TestApp<GrpcService> {
  http(route: WriteRoute, ids: Ids, body: unknown): Promise<HttpAnswer>;
  grpcCall(route: WriteRoute, ids: Ids, body: Record<string, unknown>): Promise<GrpcAnswer>;
  /** Writes what `route` acts on, under `ids`: its setup steps. */
  prepare(route: WriteRoute, ids: Ids): Promise<void>;
}

/**
 * Writes what `route` acts on, under `ids` (its setup steps), over HTTP at `base` with each
 * step's own caller key (the keys of TEST_CALLERS, or none where the app runs open).
 */
export async function prepareRoute(base: string, route: WriteRoute, ids: Ids): Promise<void> {
  const ok = async (name: string, body?: unknown) => {
    const r = routeNamed(name);
    const answer = await call(base, 'POST', r.http(ids), { key: TEST_KEYS[r.key], body: body ?? r.body(ids) });
    if (answer.status !== 201) throw new Error(`preparing ${name}: ${answer.status} ${JSON.stringify(answer.body)}`);
  };
  const steps: Record<Step, () => Promise<void>> = {
    place: () => ok('PlaceOrder'),
    placePickup: () => ok('PlaceOrder', { ...workedExampleOrder(ids.orderId), fulfillment: { type: 'pickup', locationId: 'store-7' } }),
    authorize: () => ok('AuthorizePayment', { authorizationId: 'auth-1', amountMinor: 10519, currency: 'USD', at: AT }),
    capture: () => ok('CapturePayment'),
    reserve: () => ok('ReserveInventory', { locationId: 'dc-0', lines: [{ lineId: 'L1', quantity: 1 }], at: AT }),
    ship: () => ok('ConfirmShipment', { shipmentId: 's-1', lines: [{ lineId: 'L1', quantity: 1 }], shippedAt: AT }),
    requestReturn: () => ok('RequestReturn', { returnId: 'r-1', lines: [{ lineId: 'L1', quantity: 1 }], at: AT }),
    define: () => ok('DefinePromotion', promotion(ids.promotionId)),
    activate: () => ok('ActivatePromotion'),
    apply: () => ok('RecordApplication', { orderId: 'order-1', amount: { amountMinor: 1000, currency: 'USD' }, at: AT }),
    report: () => ok('ReportSettlement', payout(ids.payoutId)),
  };
  for (const step of route.setup) await steps[step]();
}

/** The real app with every caller's key, sagas off, and a client per service. */
export async function startWriteApp(dataDir: string): Promise<WriteApp> {
  const app = await startTestApp<GrpcService>({
    dataDir,
    keys: TEST_CALLERS,
    env: { ...GENEROUS_RATE_LIMIT },
    grpc: { orders: GRPC_SERVICES.orders, promotions: GRPC_SERVICES.promotions, settlements: GRPC_SERVICES.settlements, giftCards: GRPC_SERVICES.giftCards },
  });
  return {
    ...app,
    http: (route, ids, body) => call(app.base, 'POST', route.http(ids), { key: TEST_KEYS[route.key], body }),
    grpcCall: (route, ids, body) => app.grpc[route.grpc[0]].call(route.grpc[1], { ...body, ...route.grpcIds(ids) }, TEST_KEYS[route.key]),
    prepare: (route, ids) => prepareRoute(app.base, route, ids),
  };
}
