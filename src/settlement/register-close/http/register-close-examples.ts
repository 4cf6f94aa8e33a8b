/** README's register close, 2.50 short (passes validation as it stands). */
export const CLOSE_REGISTER = {
  businessDate: '2026-11-27',
  companyCode: 'US01',
  currency: 'USD',
  closedAt: '2026-11-27T22:05:00-05:00',
  closedBy: 'cashier-0042',
  tenders: [{ tender: 'cash', expectedMinor: 125000, countedMinor: 124750 }],
};

/** What the service answers, and the close as it reads back. */
export const CLOSED = {
  id: 'store-7/reg-2/2026-11-27',
  revision: 0,
  events: [
    {
      eventId: 'a02a4421-8981-51f5-b84f-5f00e63a2257',
      type: 'RegisterClosed',
      revision: 0,
    },
  ],
  totals: {
    expectedMinor: 125000,
    countedMinor: 124750,
    overShortMinor: -250,
  },
};

export const REGISTER_CLOSE_VIEW = {
  id: 'store-7/reg-2/2026-11-27',
  revision: 0,
  storeId: 'store-7',
  registerId: 'reg-2',
  businessDate: '2026-11-27',
  companyCode: 'US01',
  currency: 'USD',
  tenders: [
    {
      tender: 'cash',
      expectedMinor: 125000,
      countedMinor: 124750,
      overShortMinor: -250,
    },
  ],
  totals: {
    expectedMinor: 125000,
    countedMinor: 124750,
    overShortMinor: -250,
  },
  closedAt: '2026-11-27T22:05:00-05:00',
  closedBy: 'cashier-0042',
};
