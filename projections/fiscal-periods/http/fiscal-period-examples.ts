/** The documented requests and answers of the fiscal period routes (the OpenAPI test sends the requests). */

export const DEFINE_CALENDAR = { companyCode: 'US01', pattern: 'calendar-months' };

export const REOPEN = { reason: 'late supplier credit note to book in November' };

const CLOSED = { change: 1, action: 'closed', by: 'controller', at: '2026-12-02T08:00:00.000Z' };

export const PERIOD = { companyCode: 'US01', periodId: '2026-11', start: '2026-11-01', end: '2026-11-30', status: 'closed', history: [CLOSED] };

export const REOPENED_PERIOD = {
  ...PERIOD,
  status: 'open',
  history: [CLOSED, { change: 2, action: 'reopened', by: 'controller', at: '2026-12-03T10:00:00.000Z', reason: REOPEN.reason }],
};

export const CALENDAR = { companyCode: 'US01', pattern: 'calendar-months', definedBy: 'controller', definedAt: '2026-12-01T08:00:00.000Z', periods: [PERIOD] };

export const CHECKLIST = {
  ...PERIOD,
  status: 'open',
  history: [],
  checkpoint: '1042',
  ready: false,
  entriesNotBatched: {
    count: 1,
    entries: [{ entryId: '6f1c0d2e-0000-4000-8000-000000000001/payment-captured', postingDate: '2026-11-28', sourceType: 'order', sourceId: 'o-1001' }],
  },
  batchesNotAcknowledged: {
    erpTargets: ['sap-prod'],
    count: 1,
    batches: [{ batchId: 'US01-2026-11-27-1', postingDate: '2026-11-27', deliveries: [{ target: 'sap-prod', status: 'BatchSentToErp' }] }],
  },
  payoutsNotReconciled: {
    count: 1,
    payouts: [{ provider: 'stripe', payoutId: 'po_1001', payoutDate: '2026-11-29', currency: 'USD', status: 'discrepancy', differenceMinor: -250, unmatched: 1 }],
  },
  businessErrorsOpen: {
    count: 1,
    entries: [
      {
        id: 'business-error-shopify-0c8e1a5b-0001',
        channel: 'shopify',
        deliveryId: '0c8e1a5b-0001',
        companyCode: 'US01',
        reason: 'TOTALS_DO_NOT_ADD_UP',
        message: 'the lines add up to 104.19, the order says 105.19',
        recordedAt: '2026-11-28T10:00:00.000Z',
      },
    ],
  },
};
