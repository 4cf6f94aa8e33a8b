/** The channels' examples in the OpenAPI document (requests pass validation as they stand). */

/** README's register sale: two lines, part card, part cash. */
export const POS_TRANSACTION = {
  channel: 'pos',
  transactionId: 'S001-R02-000123',
  storeId: 'S001',
  registerId: 'R02',
  companyCode: 'US01',
  currency: 'USD',
  completedAt: '2026-11-27T15:04:05Z',
  lines: [
    { lineNo: '1', sku: 'TEE', quantity: 2, unitPriceMinor: 3000, tax: { rate: '8%', amountMinor: 434 }, discounts: [{ promotionId: 'SAVE10', amountMinor: 571 }] },
    { lineNo: '2', sku: 'HOODIE', quantity: 1, unitPriceMinor: 4500, taxIncluded: false, tax: { rate: '8%', amountMinor: 286 }, discounts: [{ promotionId: 'SAVE10', amountMinor: 429 }, { promotionId: 'VEND5', amountMinor: 500, vendorId: 'acme' }] },
  ],
  tenders: [{ kind: 'card', amountMinor: 5000, reference: 'AUTH123' }, { kind: 'cash', amountMinor: 4720 }],
  totalMinor: 9720,
};

export const POS_SALE_ANSWER = {
  orderId: 'pos-S001-R02-S001-R02-000123',
  revision: 1,
  events: [
    { eventId: '4608ab9b-7434-5b08-bbdc-e5cc3610976d', type: 'OrderPlaced', revision: 0 },
    { eventId: 'bfb25fa7-a71f-5681-8261-d4a575325fa2', type: 'PickupConfirmed', revision: 1 },
  ],
};

export const BUSINESS_ERROR = {
  id: 'business-error-shopify-0c8e1a5b-0001',
  position: '1042',
  channel: 'shopify',
  deliveryId: '0c8e1a5b-0001',
  topic: 'orders/create',
  sourceRef: 'channel-delivery-shopify-0c8e1a5b-0001',
  reason: 'TOTALS_DO_NOT_ADD_UP',
  message: 'the stated totals do not match the lines',
  details: { differences: [{ field: 'total_price', statedMinor: 41300, computedMinor: 40300 }] },
  recordedAt: '2026-11-27T10:00:00.000Z',
  status: 'open',
  reprocessed: 0,
};

export const DISMISS = { reason: 'test order from the shop owner; nothing to post' };

export const REPROCESSED = {
  outcome: { status: 'resolved', answer: { status: 'accepted', orderId: 'shopify-820982911946154508' } },
  entry: { ...BUSINESS_ERROR, status: 'resolved', reprocessed: 1 },
};

export const UNMATCHED_DISCOUNTS = {
  items: [{ shop: 'my-shop.myshopify.com', type: 'discount_code', label: 'WELCOME5', orders: 2, amounts: [{ currency: 'USD', amountMinor: 1000 }], firstPlacedAt: '2026-11-27T10:00:00Z', lastPlacedAt: '2026-11-28T09:12:00Z', orderIds: ['shopify-1001', 'shopify-1002'], reason: 'no promotion with this code for shopify on that date' }],
};

export const RESYNC_REPORT = {
  shop: 'my-shop.myshopify.com',
  orderId: 'shopify-450789469',
  placed: false,
  recorded: { transactions: ['801038806'], fulfillments: [], refunds: ['929361471'], cancellation: false, paymentStatus: true },
  alreadyKnown: { transactions: ['389404469'], fulfillments: ['255858046'], refunds: [] },
};

export const WEBHOOK_ANSWER = { status: 'accepted', orderId: 'shopify-820982911946154508', order: { status: 'placed', revision: 0, totalMinor: 43925 } };
