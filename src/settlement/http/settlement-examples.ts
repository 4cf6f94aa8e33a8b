/** The settlement API's examples in the OpenAPI document: README's payout report (requests pass validation as they stand). */
export const PAYOUT_REPORT = {
  provider: 'stripe',
  payoutId: 'po_1QxY2026113001',
  companyCode: 'US01',
  currency: 'USD',
  payoutAmount: 9184,
  payoutDate: '2026-11-30',
  transactions: [
    { id: 'txn_3QxY1001', type: 'charge', currency: 'USD', amount: 10519, fee: 335, net: 10184, source: { orderId: 'o-1001', captureId: 'cap-1' } },
    { id: 'txn_3QxY1002', type: 'refund', currency: 'USD', amount: -1000, fee: 0, net: -1000, source: { orderId: 'order-0997', refundId: 're-0997-1' } },
    { id: 'txn_3QxY1003', type: 'chargeback', currency: 'USD', amount: -2500, fee: 1500, net: -4000 },
    { id: 'txn_3QxY1004', type: 'dispute_won', currency: 'USD', amount: 2500, fee: -1500, net: 4000 },
  ],
};
export const MATCH = { transactionId: 'txn_3QxY1003', orderId: 'order-1002', at: '2026-12-01T08:00:00Z' };

/** What the service answers: the report recorded and reconciled, then the match. */
export const REPORTED = {
  id: 'stripe/po_1QxY2026113001',
  revision: 1,
  events: [
    {
      eventId: 'fe43f3ed-cbfa-5f1d-a99e-76ef8962ed63',
      type: 'SettlementReported',
      revision: 0,
    },
    {
      eventId: 'e554861d-e51e-5edb-abc2-6c7e6ee6afbd',
      type: 'SettlementReconciled',
      revision: 1,
    },
  ],
  reconciliation: {
    status: 'reconciled',
    payoutAmount: 9184,
    netTotal: 9184,
    difference: 0,
  },
};
export const MATCHED = { id: 'stripe/po_1QxY2026113001', revision: 2, events: [{ eventId: '7beb4f3e-c2e2-5f6c-9236-1b819c047fa6', type: 'TransactionMatched', revision: 2 }] };

export const SETTLEMENT_VIEW = {
  id: 'stripe/po_1QxY2026113001',
  revision: 2,
  provider: 'stripe',
  payoutId: 'po_1QxY2026113001',
  companyCode: 'US01',
  currency: 'USD',
  payoutDate: '2026-11-30',
  totals: {
    amount: 9519,
    fee: 335,
    net: 9184,
  },
  reconciliation: {
    status: 'reconciled',
    payoutAmount: 9184,
    netTotal: 9184,
    difference: 0,
  },
  transactions: [
    {
      id: 'txn_3QxY1001',
      type: 'charge',
      net: 10184,
      source: {
        orderId: 'o-1001',
        captureId: 'cap-1',
        matchedBy: 'report',
      },
    },
    {
      id: 'txn_3QxY1002',
      type: 'refund',
      net: -1000,
      source: {
        orderId: 'order-0997',
        refundId: 're-0997-1',
        matchedBy: 'report',
      },
    },
    {
      id: 'txn_3QxY1003',
      type: 'chargeback',
      net: -4000,
      source: {
        orderId: 'order-1002',
        matchedBy: 'local-dev',
      },
    },
    {
      id: 'txn_3QxY1004',
      type: 'dispute_won',
      net: 4000,
    },
  ],
};
