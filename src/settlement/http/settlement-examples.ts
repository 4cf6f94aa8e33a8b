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
