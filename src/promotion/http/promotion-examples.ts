/** The promotion API's examples in the OpenAPI document: DESIGN's SAVE10 through its life (requests pass validation as they stand). */
export const DEFINE = {
  promotionId: 'save10',
  code: 'SAVE10',
  name: '10.00 off your order',
  window: { from: '2026-11-27T00:00:00Z', to: '2026-12-01T00:00:00Z' },
  allSkus: true,
  benefit: { type: 'fixed', amount: { amountMinor: 1000, currency: 'USD' } },
  allocation: 'across',
  funding: { source: 'retailer' },
  reducesTaxBase: true,
  accounting: { costCenter: 'MKT-BF26', glHint: 'discount.retailer' },
  definedAt: '2026-11-20T09:00:00Z',
};
export const ACTIVATE = { at: '2026-11-26T00:00:00Z' };
export const DEACTIVATE = { at: '2026-12-01T00:00:00Z', reason: 'stock ran out' };
export const PUBLISH = { at: '2026-11-26T00:05:00Z', channel: 'shopify-eu', status: 'published' };
export const APPLY = { orderId: 'o-1001', amount: { amountMinor: 1000, currency: 'USD' }, at: '2026-11-27T10:00:00Z' };
export const RELEASE = { at: '2026-11-30T10:00:00Z' };
export const CLAW_BACK = { orderId: 'o-1001', returnId: 'r-1', amountMinor: 286, at: '2026-12-03T09:00:00Z' };

/** What the service answers to each, in that order, and the promotion at the end. */
export const DEFINED = { id: 'save10', revision: 0, events: [{ eventId: '77227d97-d988-57e2-a67a-033376317697', type: 'PromotionDefined', revision: 0 }] };
export const ACTIVATED = { id: 'save10', revision: 1, events: [{ eventId: '543d5ce2-17ce-5f92-812b-a202c417a19d', type: 'PromotionActivated', revision: 1 }] };
export const PUBLISHED = { id: 'save10', revision: 2, events: [{ eventId: 'e57e4f01-ac9a-55a6-b930-3503bd8cccb5', type: 'PromotionPublished', revision: 2 }] };
export const APPLIED = { id: 'save10', revision: 3, events: [{ eventId: 'faee41b4-f2dd-5f23-b19e-02aa50d8048c', type: 'PromotionApplied', revision: 3 }] };
export const CLAWED_BACK = { id: 'save10', revision: 4, events: [{ eventId: '497e6633-e6f2-52d8-8416-a37ff16f0f73', type: 'PromotionClawedBack', revision: 4 }] };
export const RELEASED = { id: 'save10', revision: 5, events: [{ eventId: 'fab133e4-5394-599c-b602-7c5b13c69243', type: 'PromotionApplicationReleased', revision: 5 }] };
export const DEACTIVATED = { id: 'save10', revision: 6, events: [{ eventId: 'c23d4100-7811-58dd-8e7d-dce9d8c24c26', type: 'PromotionDeactivated', revision: 6 }] };

export const PROMOTION_VIEW = {
  promotionId: 'save10',
  revision: 6,
  definition: {
    promotionId: 'save10',
    code: 'SAVE10',
    name: '10.00 off your order',
    window: {
      from: '2026-11-27T00:00:00Z',
      to: '2026-12-01T00:00:00Z',
    },
    allSkus: true,
    eligibleSkus: [],
    benefit: {
      type: 'fixed',
      amount: {
        amountMinor: 1000,
        currency: 'USD',
      },
    },
    allocation: 'across',
    funding: {
      source: 'retailer',
    },
    reducesTaxBase: true,
    accounting: {
      costCenter: 'MKT-BF26',
      glHint: 'discount.retailer',
    },
    definedAt: '2026-11-20T09:00:00Z',
  },
  active: false,
  publications: [
    {
      channel: 'shopify-eu',
      status: 'published',
      at: '2026-11-26T00:05:00Z',
    },
  ],
  usageCount: 0,
  netCost: [
    {
      amountMinor: 0,
      currency: 'USD',
    },
  ],
};
