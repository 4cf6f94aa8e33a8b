import { status as GrpcStatus } from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { workedExampleOrder } from '../../order/api/order-requests';
import { settlementReconciliationProjection } from '../../../projections/finance/settlement-reconciliation/settlement-reconciliation.projection';
import { tempDir } from '../../support/temp-dir';
import { type FinanceViewsApp, KEYS, startFinanceViewsApp } from './finance-views-app';
import { DAY_1 } from './order-history';

const charge = (id: string, source?: object) => ({ id, type: 'charge', currency: 'USD', amount: 10519, fee: 335, net: 10184, ...(source && { source }) });

describe('settlement reconciliation per payout, over HTTP and gRPC', () => {
  const dir = tempDir('settlement-reconciliation');
  let edge: FinanceViewsApp;
  before(async () => {
    edge = await startFinanceViewsApp(dir.path);
    const web = (path: string, body: unknown) => edge.send(KEYS.web, path, body);
    const psp = (path: string, body: unknown) => edge.send(KEYS.settlements, path, body);
    // The payout is reported before the order is captured: matching must not depend on that order.
    await psp('/settlements', {
      provider: 'stripe',
      payoutId: 'po_1',
      companyCode: 'US01',
      currency: 'USD',
      payoutAmount: 17337,
      payoutDate: '2026-11-30',
      transactions: [
        charge('txn_c1', { orderId: 'sr-1', captureId: 'cap-1' }),
        charge('txn_c2', { orderId: 'sr-unknown' }),
        { id: 'txn_r1', type: 'refund', currency: 'USD', amount: -2931, fee: 0, net: -2931 },
        { id: 'txn_f1', type: 'fee', currency: 'USD', amount: -100, fee: 0, net: -100 },
      ],
    });
    await psp('/settlements', {
      provider: 'stripe',
      payoutId: 'po_2',
      companyCode: 'US01',
      currency: 'USD',
      payoutAmount: 10000,
      payoutDate: '2026-12-01',
      transactions: [charge('txn_x', { orderId: 'sr-1', captureId: 'cap-9' })],
    });
    await web('/orders', workedExampleOrder('sr-1'));
    await web('/orders/sr-1/authorizations', { authorizationId: 'auth-1', amountMinor: 10519, currency: 'USD', at: DAY_1 });
    await web('/orders/sr-1/captures', { captureId: 'cap-1', amountMinor: 10519, currency: 'USD', at: DAY_1 });
    await web('/orders/sr-1/shipments', {
      shipmentId: 's-1',
      lines: [
        { lineId: 'L1', quantity: 2 },
        { lineId: 'L2', quantity: 1 },
      ],
      shippedAt: DAY_1,
    });
    await web('/orders/sr-1/returns', { returnId: 'r-1', lines: [{ lineId: 'L1', quantity: 1 }], at: DAY_1 });
    await web('/orders/sr-1/returns/r-1/receipt', { at: DAY_1 });
    await web('/orders/sr-1/refunds', { refundId: 'ref-1', amountMinor: 2931, currency: 'USD', at: DAY_1, returnId: 'r-1' });
    await edge.caughtUp();
  });
  after(async () => {
    await edge.close();
    dir.remove();
  });

  it('lists payouts with their status, difference and how many transactions match an order', async () => {
    const answer = await edge.get('/finance/settlements?companyCode=US01');
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.deepEqual(
      answer.body.payouts.map((p: any) => [p.payoutId, p.status, p.differenceMinor, p.transactionCounts]),
      [
        ['po_1', 'reconciled', 0, { matched: 1, unmatched: 2, notApplicable: 1 }],
        ['po_2', 'discrepancy', -184, { matched: 0, unmatched: 1, notApplicable: 0 }],
      ],
    );
    const discrepancies = await edge.get('/finance/settlements?status=discrepancy&from=2026-11-01&to=2026-12-31');
    assert.deepEqual(
      discrepancies.body.payouts.map((p: { payoutId: string }) => p.payoutId),
      ['po_2'],
    );
  });

  it("matches each transaction to the order's capture or refund, or says why it cannot", async () => {
    const answer = await edge.get('/finance/settlements/stripe/po_1');
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.deepEqual(
      answer.body.payout.transactions.map((t: any) => [t.transactionId, t.referencedBy, t.match]),
      [
        ['txn_c1', 'report', { status: 'matched', orderId: 'sr-1', captureId: 'cap-1', orderAmountMinor: 10519 }],
        ['txn_c2', 'report', { status: 'unmatched', reason: 'no-capture-on-order', orderId: 'sr-unknown' }],
        ['txn_r1', null, { status: 'unmatched', reason: 'no-order-reference' }],
        ['txn_f1', null, { status: 'not-applicable' }],
      ],
    );
    const po2 = await edge.get('/finance/settlements/stripe/po_2');
    assert.deepEqual(po2.body.payout.transactions[0].match, { status: 'unmatched', reason: 'capture-not-found', orderId: 'sr-1' });
  });

  it('counts a transaction as matched once finance matches it to the refund', async () => {
    await edge.send(KEYS.settlements, '/settlements/stripe/po_1/matches', { transactionId: 'txn_r1', orderId: 'sr-1', refundId: 'ref-1', at: '2026-12-01T08:00:00Z' });
    await edge.caughtUp();
    const answer = await edge.get('/finance/settlements/stripe/po_1');
    const refund = answer.body.payout.transactions.find((t: { transactionId: string }) => t.transactionId === 'txn_r1');
    assert.equal(refund.referencedBy, 'psp-importer');
    assert.deepEqual(refund.match, { status: 'matched', orderId: 'sr-1', refundId: 'ref-1', orderAmountMinor: 2931 });
    assert.deepEqual(answer.body.payout.transactionCounts, { matched: 2, unmatched: 1, notApplicable: 1 });
  });

  it('answers the same over gRPC; an unknown payout is 404 / NOT_FOUND; a bad status is 400 with its path', async () => {
    const http = await edge.get('/finance/settlements/stripe/po_1');
    const grpc = await edge.grpc('GetSettlementReconciliation', { provider: 'stripe', payoutId: 'po_1' });
    assert.equal(grpc.error, undefined, grpc.error?.details);
    const withoutNulls = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (_key, v) => (v === null ? undefined : v)));
    assert.deepEqual(grpc.response.payout, withoutNulls(http.body.payout));
    const list = await edge.grpc('ListSettlementReconciliations', { status: 'discrepancy' });
    assert.deepEqual(
      list.response.payouts.map((p: { payoutId: string }) => p.payoutId),
      ['po_2'],
    );

    assert.equal((await edge.get('/finance/settlements/stripe/po_none')).status, 404);
    assert.equal((await edge.grpc('GetSettlementReconciliation', { provider: 'stripe', payoutId: 'po_none' })).error?.code, GrpcStatus.NOT_FOUND);
    const bad = await edge.get('/finance/settlements?status=pending');
    assert.equal(bad.status, 400);
    assert.deepEqual(
      bad.body.error.fields.map((f: { path: string }) => f.path),
      ['status'],
    );
  });

  it('rebuilds from position 0 into exactly the live rows', async () => {
    const report = await edge.rebuild(settlementReconciliationProjection);
    assert.equal(report.equal, true, `differing tables: ${report.differingTables.join(', ')}`);
    assert.ok(report.eventsApplied > 0);
  });
});
