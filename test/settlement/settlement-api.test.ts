import { status as GrpcStatus } from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, grpcErrorBody } from '../support/edge-app';
import { callService, FINANCE_KEYS as KEYS, recorded, startFinanceApp } from '../support/finance-api';
import { tempDir } from '../support/temp-dir';

/** DESIGN's worked order as the provider reports it: a 105.19 charge, a 3.35 fee, 101.84 net. */
const charge = { id: 'txn_charge_1', type: 'charge', currency: 'USD', amount: 10519, fee: 335, net: 10184, source: { orderId: 'order-1', captureId: 'cap-1' } };
const payout = (payoutId: string, payoutAmount: number, transactions: object[] = [charge]) => ({
  provider: 'stripe',
  payoutId,
  companyCode: 'US01',
  currency: 'USD',
  payoutAmount,
  payoutDate: '2026-11-30',
  transactions,
});
const refund = (n: number) => ({ id: `txn_refund_${n}`, type: 'refund', currency: 'USD', amount: -1000, fee: 0, net: -1000 });

/** The register day DESIGN closes 2.50 short: 1,250.00 cash expected, 1,247.50 counted. */
const shortClose = {
  businessDate: '2026-11-27',
  companyCode: 'US01',
  currency: 'USD',
  tenders: [
    { tender: 'cash', expectedMinor: 125000, countedMinor: 124750 },
    { tender: 'card', expectedMinor: 48000, countedMinor: 48000 },
  ],
  closedAt: '2026-11-27T22:05:00-05:00',
  closedBy: 'cashier-0042',
};

describe('settlement and register-close API over HTTP and gRPC', () => {
  const dir = tempDir('settlement-api');
  let edge: Awaited<ReturnType<typeof startFinanceApp>>;
  const post = (path: string, body: unknown) => call(edge.base, 'POST', path, { key: KEYS.settlements, body });
  before(async () => {
    edge = await startFinanceApp(dir.path);
  });
  after(async () => {
    await edge.close();
    dir.remove();
  });

  it('reconciles a payout that is the sum of its nets: 105.19 charge - 3.35 fee = 101.84 paid out', async () => {
    const answer = await post('/settlements', payout('po_reconciled', 10184));
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    assert.equal(answer.body.id, 'stripe/po_reconciled');
    assert.deepEqual(
      answer.body.events.map((e: any) => e.type),
      ['SettlementReported', 'SettlementReconciled'],
    );
    assert.deepEqual(answer.body.reconciliation, { status: 'reconciled', payoutAmount: 10184, netTotal: 10184, difference: 0 });
    const view = await call(edge.base, 'GET', '/settlements/stripe/po_reconciled', { key: KEYS.finance });
    assert.deepEqual(view.body.totals, { amount: 10519, fee: 335, net: 10184 });
    assert.deepEqual(view.body.transactions, [{ id: 'txn_charge_1', type: 'charge', net: 10184, source: { orderId: 'order-1', captureId: 'cap-1', matchedBy: 'report' } }]);
  });

  it('records a payout that does not add up, showing the difference, and lets finance match an unreferenced transaction', async () => {
    const answer = await post('/settlements', payout('po_short', 9084, [charge, refund(1)]));
    assert.equal(answer.status, 201);
    assert.deepEqual(answer.body.reconciliation, { status: 'discrepancy', payoutAmount: 9084, netTotal: 9184, difference: -100 });
    const matched = await post('/settlements/stripe/po_short/matches', { transactionId: 'txn_refund_1', orderId: 'order-1', refundId: 're-1', at: '2026-12-01T08:00:00Z' });
    assert.deepEqual(
      matched.body.events.map((e: any) => e.type),
      ['TransactionMatched'],
    );
    const overGrpc = await callService(edge.grpcPort, 'Settlements', 'GetSettlement', { provider: 'stripe', payoutId: 'po_short' }, KEYS.finance);
    assert.ifError(overGrpc.error);
    assert.deepEqual(overGrpc.response.reconciliation, { status: 'discrepancy', payoutAmount: 9084, netTotal: 9184, difference: -100 });
    assert.deepEqual(overGrpc.response.transactions[1].source, { orderId: 'order-1', refundId: 're-1', matchedBy: 'psp-importer' }, 'matched by the API key that sent it');
  });

  it('reports over gRPC with the same answer as over HTTP', async () => {
    const { response, error } = await callService(edge.grpcPort, 'Settlements', 'ReportSettlement', payout('po_grpc', 10184), KEYS.settlements);
    assert.ifError(error);
    assert.deepEqual(response.reconciliation, { status: 'reconciled', payoutAmount: 10184, netTotal: 10184, difference: 0 });
    const [overGrpc, overHttp] = await Promise.all(['po_grpc', 'po_reconciled'].map((id) => recorded(edge.store, `settlement-stripe/${id}`)));
    const anonymous = (events: Array<{ type: string; data: any }>) => events.map((e) => ({ ...e, data: { ...e.data, payoutId: '?' } }));
    assert.deepEqual(anonymous(overGrpc), anonymous(overHttp));
  });

  it('answers a bad transaction with its path, transactions[3].net, over both transports, and writes nothing', async () => {
    const transactions = [charge, refund(1), refund(2), { ...refund(3), net: 'lots' }];
    const http = await post('/settlements', payout('po_bad', 0, transactions));
    assert.equal(http.status, 400);
    assert.deepEqual([...new Set(http.body.error.fields.map((f: any) => f.path))], ['transactions[3].net']);
    const { error } = await callService(
      edge.grpcPort,
      'Settlements',
      'ReportSettlement',
      payout('po_bad', 0, [charge, refund(1), refund(2), { ...refund(3), net: 2e12 }]),
      KEYS.settlements,
    );
    assert.equal(error?.code, GrpcStatus.INVALID_ARGUMENT);
    assert.match(error.details, /transactions\[3\]\.net/);
    assert.deepEqual(
      grpcErrorBody(error).error.fields.map((f: any) => f.path),
      ['transactions[3].net'],
    );
    assert.deepEqual(await recorded(edge.store, 'settlement-stripe/po_bad'), []);
  });

  it('refuses a transaction whose net is not amount - fee with 422 NET_MISMATCH, and writes nothing', async () => {
    const answer = await post('/settlements', payout('po_net', 10184, [{ ...charge, fee: 300 }]));
    assert.deepEqual([answer.status, answer.body.error.code, answer.body.error.details.expectedNetMinor], [422, 'NET_MISMATCH', 10219]);
    assert.deepEqual(await recorded(edge.store, 'settlement-stripe/po_net'), []);
    const unknown = await post('/settlements/stripe/po_nothing/matches', { transactionId: 't', orderId: 'o', at: '2026-12-01T08:00:00Z' });
    assert.equal(unknown.status, 404);
  });

  it('closes a register 2.50 short, over HTTP, and reads it back over both transports', async () => {
    const answer = await post('/registers/store-7/reg-2/closes', shortClose);
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    assert.equal(answer.body.id, 'store-7/reg-2/2026-11-27');
    assert.deepEqual(answer.body.totals, { expectedMinor: 173000, countedMinor: 172750, overShortMinor: -250 });
    const view = await call(edge.base, 'GET', '/registers/store-7/reg-2/closes/2026-11-27', { key: KEYS.finance });
    assert.deepEqual(view.body.tenders[0], { tender: 'cash', expectedMinor: 125000, countedMinor: 124750, overShortMinor: -250 });
    const overGrpc = await callService(edge.grpcPort, 'Settlements', 'GetRegisterClose', { storeId: 'store-7', registerId: 'reg-2', businessDate: '2026-11-27' }, KEYS.finance);
    assert.deepEqual(overGrpc.response, view.body);
    const again = await post('/registers/store-7/reg-2/closes', shortClose);
    assert.deepEqual([again.status, again.body.error.code], [422, 'REGISTER_ALREADY_CLOSED']);
    assert.equal((await recorded(edge.store, 'register-close-store-7/reg-2/2026-11-27')).length, 1);
  });

  it('closes a register over gRPC, refuses bad counts with field paths, and 404s a day never closed', async () => {
    const { response, error } = await callService(edge.grpcPort, 'Settlements', 'CloseRegister', { storeId: 'store-7', registerId: 'reg-3', ...shortClose }, KEYS.settlements);
    assert.ifError(error);
    assert.equal(response.totals.overShortMinor, -250);
    const bad = await post('/registers/store-7/reg-4/closes', { ...shortClose, businessDate: '2026-02-30', tenders: [{ tender: 'cash', expectedMinor: 1.5, countedMinor: 0 }] });
    assert.deepEqual([...new Set(bad.body.error.fields.map((f: any) => f.path))].sort(), ['businessDate', 'tenders[0].expectedMinor']);
    assert.equal((await call(edge.base, 'GET', '/registers/store-7/reg-4/closes/2026-11-27', { key: KEYS.finance })).status, 404);
    assert.equal((await call(edge.base, 'GET', '/registers/store-7/reg-4/closes/yesterday', { key: KEYS.finance })).status, 400);
  });

  it('needs the company code that books a payout or a register day (400 companyCode), and keeps it for the ledger', async () => {
    const { companyCode: _payoutCompany, ...payoutWithout } = payout('po_no_company', 10184);
    const missing = await post('/settlements', payoutWithout);
    assert.deepEqual([missing.status, [...new Set(missing.body.error.fields.map((f: any) => f.path))]], [400, ['companyCode']]);
    const { companyCode: _closeCompany, ...closeWithout } = shortClose;
    const grpcMissing = await callService(edge.grpcPort, 'Settlements', 'CloseRegister', { storeId: 'store-7', registerId: 'reg-5', ...closeWithout }, KEYS.settlements);
    assert.equal(grpcMissing.error?.code, GrpcStatus.INVALID_ARGUMENT);
    assert.deepEqual([...new Set(grpcErrorBody(grpcMissing.error).error.fields.map((f: any) => f.path))], ['companyCode']);
    const spaced = await post('/registers/store-7/reg-5/closes', { ...shortClose, companyCode: 'US 01' });
    assert.deepEqual([spaced.status, spaced.body.error.fields.map((f: any) => f.path)], [400, ['companyCode']]);
    assert.deepEqual(await recorded(edge.store, 'register-close-store-7/reg-5/2026-11-27'), []);
    assert.deepEqual(await recorded(edge.store, 'settlement-stripe/po_no_company'), []);

    assert.equal((await post('/settlements', { ...payout('po_eu', 10184), companyCode: 'DE01' })).status, 201);
    const [reported] = await recorded(edge.store, 'settlement-stripe/po_eu');
    assert.equal(reported.data.companyCode, 'DE01', 'the event records the company code');
    assert.equal((await call(edge.base, 'GET', '/settlements/stripe/po_eu', { key: KEYS.finance })).body.companyCode, 'DE01');
    assert.equal((await post('/registers/store-8/reg-1/closes', { ...shortClose, companyCode: 'DE01' })).status, 201);
    const [closed] = await recorded(edge.store, 'register-close-store-8/reg-1/2026-11-27');
    assert.equal(closed.data.companyCode, 'DE01');
  });

  it('lets only settlements:write report payouts and close registers (403), finance:read read them', async () => {
    for (const [path, body] of [
      ['/settlements', payout('po_scoped', 10184)],
      ['/registers/store-7/reg-9/closes', shortClose],
    ] as const) {
      for (const key of [KEYS.finance, KEYS.pos, KEYS.promotions]) {
        const answer = await call(edge.base, 'POST', path, { key, body });
        assert.deepEqual([answer.status, answer.body.error.details.requiredScope], [403, 'settlements:write'], `${path} with another key`);
      }
    }
    const { error } = await callService(edge.grpcPort, 'Settlements', 'CloseRegister', { storeId: 'store-7', registerId: 'reg-9', ...shortClose }, KEYS.pos);
    assert.equal(error?.code, GrpcStatus.PERMISSION_DENIED);
    assert.equal((await call(edge.base, 'GET', '/settlements/stripe/po_reconciled', { key: KEYS.settlements })).status, 403);
    assert.deepEqual(await recorded(edge.store, 'settlement-stripe/po_scoped'), []);
    assert.deepEqual(await recorded(edge.store, 'register-close-store-7/reg-9/2026-11-27'), []);
  });
});
