/** README's register close, 2.50 short (passes validation as it stands). */
export const CLOSE_REGISTER = {
  businessDate: '2026-11-27',
  companyCode: 'US01',
  currency: 'USD',
  closedAt: '2026-11-27T22:05:00-05:00',
  closedBy: 'cashier-0042',
  tenders: [{ tender: 'cash', expectedMinor: 125000, countedMinor: 124750 }],
};
