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

/** What the service answers, and the sale as it reads back. */
export const SOLD = { id: 'gc-77', revision: 0, events: [{ eventId: '9ddce688-14b1-5bb4-b26d-851545c3f4cd', type: 'GiftCardSold', revision: 0 }] };

export const GIFT_CARD_VIEW = {
  id: 'gc-77',
  revision: 0,
  giftCardId: 'gc-77',
  companyCode: 'US01',
  currency: 'USD',
  amountMinor: 5000,
  tender: {
    kind: 'card',
    reference: 'pi_gc_77',
  },
  channel: 'web',
  soldAt: '2026-11-27T09:30:00Z',
  sourceRef: 'payload://web/gc-77',
};
