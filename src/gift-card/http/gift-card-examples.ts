/** README's gift card sale (passes validation as it stands). */
export const SELL_GIFT_CARD = {
  giftCardId: 'gc-77',
  channel: 'web',
  companyCode: 'US01',
  currency: 'USD',
  amountMinor: 5000,
  tender: { kind: 'card', reference: 'pi_gc_77' },
  soldAt: '2026-11-27T09:30:00Z',
  sourceRef: 'payload://web/gc-77',
};
