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
