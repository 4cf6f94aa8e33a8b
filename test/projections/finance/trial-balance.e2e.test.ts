import { status as GrpcStatus } from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { grpcErrorBody } from '../../support/edge-app';
import { tempDir } from '../../support/temp-dir';
import { type FinanceViewsApp, KEYS, startFinanceViewsApp } from './finance-views-app';
import { sendOrderHistory } from './order-history';

/** [role, debit, credit, balance] in minor units. */
type Row = [string, number, number, number];
const rowsOf = (rows: Array<{ role: string; debitMinor: number; creditMinor: number; balanceMinor: number }>): Row[] =>
  rows.map((r) => [r.role, r.debitMinor, r.creditMinor, r.balanceMinor]);

describe('trial balance over HTTP and gRPC', () => {
  const dir = tempDir('trial-balance');
  let edge: FinanceViewsApp;
  before(async () => {
    edge = await startFinanceViewsApp(dir.path);
    await sendOrderHistory(edge, 'tb');
    await edge.caughtUp();
  });
  after(async () => {
    await edge.close();
    dir.remove();
  });

  it("sums day 1 of DESIGN's worked example by role: capture, shipment, vendor claim and the partial return, to the cent", async () => {
    const answer = await edge.get('/finance/trial-balance?from=2026-11-28&to=2026-11-28&companyCode=US01');
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.ok(answer.body.rows.every((r: { companyCode: string; currency: string }) => r.companyCode === 'US01' && r.currency === 'USD'));
    assert.deepEqual(rowsOf(answer.body.rows), [
      ['cogs.vendor-funding', 0, 500, -500],
      ['discount.retailer', 1000, 286, 714],
      ['discount.vendor', 500, 0, 500],
      ['liability.customer-deposits', 10519, 10519, 0],
      ['liability.refunds-payable', 0, 2931, -2931],
      ['psp.clearing', 10519, 0, 10519],
      ['receivable.vendor-promo', 500, 0, 500],
      ['revenue.merchandise', 0, 10500, -10500],
      ['revenue.returns', 3000, 0, 3000],
      ['revenue.shipping', 0, 799, -799],
      ['tax.payable', 217, 720, -503],
    ]);
    assert.deepEqual(answer.body.totals, [{ currency: 'USD', debitMinor: 26255, creditMinor: 26255 }], 'debits equal credits');
  });

  it("names each role's GL account per ERP from the chart of accounts, and sums by one ERP's accounts on request", async () => {
    const answer = await edge.get('/finance/trial-balance?from=2026-11-28&to=2026-11-28&companyCode=US01&erp=sap');
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const clearing = answer.body.rows.find((r: { role: string }) => r.role === 'psp.clearing');
    assert.deepEqual(clearing.glAccounts, { sap: '0000113100', netsuite: '101', d365: '113100' });
    assert.equal(answer.body.erp, 'sap');
    assert.deepEqual(
      answer.body.accounts.find((a: { glAccount: string }) => a.glAccount === '0000113100'),
      {
        companyCode: 'US01',
        glAccount: '0000113100',
        roles: ['psp.clearing'],
        currency: 'USD',
        debitMinor: 10519,
        creditMinor: 0,
        balanceMinor: 10519,
      },
    );
    assert.equal(answer.body.accounts.length, answer.body.rows.length, 'the shipped chart gives every role its own account');
    assert.ok(
      answer.body.accounts.every((a: { glAccount: string | null }) => a.glAccount !== null),
      'every role is mapped',
    );
    const grpc = await edge.grpc('GetTrialBalance', { from: '2026-11-28', to: '2026-11-28', companyCode: 'US01', erp: 'sap' });
    assert.deepEqual(grpc.response.accounts, answer.body.accounts);
    const unknownErp = await edge.get('/finance/trial-balance?from=2026-11-28&to=2026-11-28&erp=oracle');
    assert.equal(unknownErp.status, 400);
    assert.deepEqual(
      unknownErp.body.error.fields.map((f: { path: string }) => f.path),
      ['erp'],
    );
  });

  it('takes the posting-date range into account: the day-2 capture joins when the range covers it', async () => {
    const both = await edge.get('/finance/trial-balance?from=2026-11-28&to=2026-11-29');
    const clearing = both.body.rows.find((r: { role: string }) => r.role === 'psp.clearing');
    assert.equal(clearing.debitMinor, 21038, 'two captures of 105.19');
    const before = await edge.get('/finance/trial-balance?from=2026-11-01&to=2026-11-27');
    assert.deepEqual(before.body.rows, [], 'nothing posted before the orders');
    const otherCompany = await edge.get('/finance/trial-balance?from=2026-11-28&to=2026-11-29&companyCode=DE01');
    assert.deepEqual(otherCompany.body.rows, []);
  });

  it('answers the same over gRPC, with the checkpoint it reflects', async () => {
    const http = await edge.get('/finance/trial-balance?from=2026-11-28&to=2026-11-29&companyCode=US01');
    const grpc = await edge.grpc('GetTrialBalance', { from: '2026-11-28', to: '2026-11-29', companyCode: 'US01' });
    assert.equal(grpc.error, undefined, grpc.error?.details);
    assert.deepEqual(grpc.response.rows, http.body.rows);
    assert.deepEqual(grpc.response.totals, http.body.totals);
    assert.equal(grpc.response.checkpoint, http.body.checkpoint);
    assert.match(http.body.checkpoint, /^\d+$/);
  });

  it('refuses bad dates, a reversed range and a bad company code with their field paths, over both transports', async () => {
    const cases: Array<[string, object, string[]]> = [
      ['from=2026-11-31&to=2026-12-01', { from: '2026-11-31', to: '2026-12-01' }, ['from']],
      ['from=2026-11-30&to=2026-11-01', { from: '2026-11-30', to: '2026-11-01' }, ['to']],
      ['from=28.11.2026&to=2026-11-30&companyCode=US%2001', { from: '28.11.2026', to: '2026-11-30', companyCode: 'US 01' }, ['companyCode', 'from']],
      ['to=2026-11-30', { to: '2026-11-30' }, ['from']],
    ];
    for (const [query, request, paths] of cases) {
      const http = await edge.get(`/finance/trial-balance?${query}`);
      assert.equal(http.status, 400, `${query}: ${JSON.stringify(http.body)}`);
      assert.deepEqual([...new Set(http.body.error.fields.map((f: { path: string }) => f.path))].sort(), paths, query);
      const grpc = await edge.grpc('GetTrialBalance', request);
      assert.equal(grpc.error?.code, GrpcStatus.INVALID_ARGUMENT, query);
      assert.deepEqual([...new Set(grpcErrorBody(grpc.error).error.fields.map((f: { path: string }) => f.path))].sort(), paths, query);
    }
  });

  it('is for finance only', async () => {
    assert.equal((await edge.get('/finance/trial-balance?from=2026-11-28&to=2026-11-28', KEYS.web)).status, 403);
    assert.equal((await edge.grpc('GetTrialBalance', { from: '2026-11-28', to: '2026-11-28' }, KEYS.web)).error?.code, GrpcStatus.PERMISSION_DENIED);
  });
});
