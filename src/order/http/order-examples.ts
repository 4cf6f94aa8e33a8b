/**
 * The order API's examples in the OpenAPI document: DESIGN.md's worked example (o-1001) as a
 * channel sends it, step by step, and what the service answers. Each request passes validation
 * as it stands (test/edge/openapi.e2e.test.ts sends them).
 */

export const PLACE_ORDER = {
  orderId: 'o-1001',
  channel: 'web',
  placedAt: '2026-11-27T10:00:00Z',
  companyCode: 'US01',
  currency: 'USD',
  fulfillment: { type: 'ship' },
  lines: [
    { lineId: 'L1', sku: 'TEE-RED-M', quantity: 2, unitPriceMinor: 3000 },
    { lineId: 'L2', sku: 'HOODIE-GRY-L', quantity: 1, unitPriceMinor: 4500 },
  ],
  discounts: [
    { promotionId: 'promo-save10', code: 'SAVE10', funding: { type: 'retailer' }, amountMinor: 1000 },
    { promotionId: 'promo-vend5', code: 'VEND5', funding: { type: 'vendor', vendorId: 'acme' }, amountMinor: 500, allocations: [{ lineId: 'L2', amountMinor: 500 }] },
  ],
  taxLines: [
    { lineId: 'L1', rate: '8%', amountMinor: 434 },
    { lineId: 'L2', rate: '8%', amountMinor: 286 },
  ],
  shippingLines: [{ code: 'STANDARD', amountMinor: 799 }],
  tenders: [{ kind: 'card', amountMinor: 10519, reference: 'pi_123' }],
  sourceRef: 'payload://web/o-1001',
};

export const AUTHORIZE = { authorizationId: 'auth-1', amountMinor: 10519, currency: 'USD', at: '2026-11-27T10:01:00Z' };
export const CAPTURE = { captureId: 'cap-1', amountMinor: 10519, currency: 'USD', at: '2026-11-28T09:00:00Z' };
export const VOID = { at: '2026-11-27T12:00:00Z' };
export const RESERVE = {
  locationId: 'main-warehouse',
  lines: [
    { lineId: 'L1', quantity: 2 },
    { lineId: 'L2', quantity: 1 },
  ],
  at: '2026-11-27T10:02:00Z',
};
export const RELEASE = { locationId: 'main-warehouse', lines: [{ lineId: 'L2', quantity: 1 }], at: '2026-11-27T11:00:00Z' };
export const SHIP = {
  shipmentId: 's-1',
  lines: [
    { lineId: 'L1', quantity: 2 },
    { lineId: 'L2', quantity: 1 },
  ],
  shippedAt: '2026-11-28T09:00:00Z',
};
export const PICKUP = { pickupId: 'pick-1', at: '2026-11-28T16:30:00Z' };
export const CANCEL = { reason: 'customer changed their mind', at: '2026-11-27T10:30:00Z' };
export const REQUEST_RETURN = { returnId: 'r-1', lines: [{ lineId: 'L1', quantity: 1 }], at: '2026-12-02T09:00:00Z' };
export const RECEIVE_RETURN = { at: '2026-12-03T09:00:00Z' };
export const REFUND = { refundId: 'ref-1', amountMinor: 2931, currency: 'USD', at: '2026-12-03T10:00:00Z', returnId: 'r-1' };

export const ORDER_REPLY = { orderId: 'o-1001', revision: 0, events: [{ eventId: '1450aa20-ce67-57fa-b928-fc06e85d9213', type: 'OrderPlaced', revision: 0 }] };
export const CAPTURE_REPLY = { orderId: 'o-1001', revision: 2, events: [{ eventId: 'afb4fe33-142f-5850-8444-d57b4972e793', type: 'PaymentCaptured', revision: 2 }] };

export const AUTHORIZE_REPLY = { orderId: 'o-1001', revision: 1, events: [{ eventId: '6f59fafc-d014-5d5d-ab4c-a70151013800', type: 'PaymentAuthorized', revision: 1 }] };
export const SHIP_REPLY = { orderId: 'o-1001', revision: 3, events: [{ eventId: '79895f61-b405-5dd0-b42e-007c61a275c7', type: 'ShipmentConfirmed', revision: 3 }] };
export const REQUEST_RETURN_REPLY = { orderId: 'o-1001', revision: 4, events: [{ eventId: '60154735-69c1-5514-ab2c-14b9c0ed356c', type: 'ReturnRequested', revision: 4 }] };
export const RECEIVE_RETURN_REPLY = { orderId: 'o-1001', revision: 5, events: [{ eventId: '9152bfcc-afcd-51a8-a6a0-967bd64e80e2', type: 'ReturnReceived', revision: 5 }] };
export const REFUND_REPLY = { orderId: 'o-1001', revision: 6, events: [{ eventId: 'ebe7c80e-2c2b-5ae8-9cc4-3781164ac972', type: 'RefundIssued', revision: 6 }] };
/** The other writes, in another life of the order: authorized, stock reserved and released, the authorization voided, cancelled; or placed for pickup and collected. */
export const RESERVE_REPLY = { orderId: 'o-1001', revision: 2, events: [{ eventId: 'dd05c919-a0de-5bae-af4d-fd99409e2fd7', type: 'InventoryReserved', revision: 2 }] };
export const RELEASE_REPLY = { orderId: 'o-1001', revision: 3, events: [{ eventId: 'd57a227e-145f-549d-8f09-93d332b1810f', type: 'InventoryReleased', revision: 3 }] };
export const VOID_REPLY = { orderId: 'o-1001', revision: 4, events: [{ eventId: '01fc6f2f-1e3e-5db8-b232-3dc2d21e6c5a', type: 'AuthorizationVoided', revision: 4 }] };
export const CANCEL_REPLY = { orderId: 'o-1001', revision: 5, events: [{ eventId: '58be9d44-b5b5-5603-93ce-7820440dee81', type: 'OrderCancelled', revision: 5 }] };
export const PICKUP_REPLY = { orderId: 'o-1001', revision: 1, events: [{ eventId: '42f190dc-e0c9-534a-ace0-9814c6050302', type: 'PickupConfirmed', revision: 1 }] };

export const ORDER_VIEW = {
  orderId: 'o-1001',
  revision: 3,
  status: 'placed',
  channel: 'web',
  companyCode: 'US01',
  currency: 'USD',
  placedAt: '2026-11-27T10:00:00Z',
  fulfillment: { type: 'ship' },
  totals: { revenueMinor: 10500, discountMinor: 1500, taxMinor: 720, channelRemittedTaxMinor: 0, shippingMinor: 799, shippingTaxMinor: 0, totalMinor: 10519 },
  lines: [
    { lineId: 'L1', sku: 'TEE-RED-M', quantity: 2, unitPriceMinor: 3000, fulfilled: 2, requested: 0, returned: 0 },
    { lineId: 'L2', sku: 'HOODIE-GRY-L', quantity: 1, unitPriceMinor: 4500, fulfilled: 1, requested: 0, returned: 0 },
  ],
  authorizations: [{ authorizationId: 'auth-1', amountMinor: 10519, capturedMinor: 10519, voided: false }],
  capturedMinor: 10519,
  refundedMinor: 0,
  fulfillments: ['s-1'],
  reservations: [],
  returns: [],
};

export const ORDER_EVENTS = {
  orderId: 'o-1001',
  events: [
    {
      eventId: '1450aa20-ce67-57fa-b928-fc06e85d9213',
      type: 'OrderPlaced',
      revision: 0,
      globalPosition: '1',
      recordedAt: '2026-11-27T10:00:00.412Z',
      data: { orderId: 'o-1001', channel: 'web', placedAt: '2026-11-27T10:00:00Z', companyCode: 'US01', currency: 'USD', '...': 'the order as placed, with its computed amounts' },
      metadata: {
        correlationId: 'cf2a125f-b9c7-4994-9dba-db1543718a11',
        principal: 'web-shop',
        channel: 'web',
        traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
        commandId: '7431b1d7-be67-519a-8328-b895f76e41a8',
      },
    },
  ],
};
