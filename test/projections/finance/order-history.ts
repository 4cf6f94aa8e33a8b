import { workedExampleOrder } from '../../order/api/order-requests';
import { type FinanceViewsApp, KEYS } from './finance-views-app';

export const DAY_1 = '2026-11-28T09:00:00Z';
export const DAY_2 = '2026-11-29T09:00:00Z';

/**
 * Two of DESIGN's worked-example orders (total 105.19), sent as a web shop sends them:
 * `<prefix>-shipped` is captured, shipped whole and has one tee returned and received on day 1
 * (refund of 29.31 still owed); `<prefix>-open` is authorized on day 1 and captured on day 2,
 * not shipped.
 */
export async function sendOrderHistory(edge: FinanceViewsApp, prefix: string): Promise<void> {
  const shipped = `${prefix}-shipped`;
  const open = `${prefix}-open`;
  const web = (path: string, body: unknown) => edge.send(KEYS.web, path, body);
  await web('/orders', workedExampleOrder(shipped));
  await web(`/orders/${shipped}/authorizations`, { authorizationId: 'auth-1', amountMinor: 10519, currency: 'USD', at: DAY_1 });
  await web(`/orders/${shipped}/captures`, { captureId: 'cap-1', amountMinor: 10519, currency: 'USD', at: DAY_1 });
  await web(`/orders/${shipped}/shipments`, {
    shipmentId: 's-1',
    lines: [
      { lineId: 'L1', quantity: 2 },
      { lineId: 'L2', quantity: 1 },
    ],
    shippedAt: DAY_1,
  });
  await web(`/orders/${shipped}/returns`, { returnId: 'r-1', lines: [{ lineId: 'L1', quantity: 1 }], at: DAY_1 });
  await web(`/orders/${shipped}/returns/r-1/receipt`, { at: DAY_1 });
  await web('/orders', workedExampleOrder(open));
  await web(`/orders/${open}/authorizations`, { authorizationId: 'auth-1', amountMinor: 10519, currency: 'USD', at: DAY_1 });
  await web(`/orders/${open}/captures`, { captureId: 'cap-1', amountMinor: 10519, currency: 'USD', at: DAY_2 });
}
