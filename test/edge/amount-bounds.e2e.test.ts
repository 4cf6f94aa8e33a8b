import { status as GrpcStatus } from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { grpcErrorBody } from '../support/edge-app';
import { tempDir } from '../support/temp-dir';
import { idsFor, routeNamed, startWriteApp, type WriteApp } from '../support/write-routes';

const BOUND = 1_000_000_000_000;

interface Row {
  route: string;
  name: string;
  change: (body: Record<string, any>) => void;
  /** 400 at this path (a field beyond the bound), or a 422 with this code (an amount derived from fields within it). */
  path?: string;
  code?: string;
}

/** Every amount is whole minor units within ±10^12, given or derived. */
const ROWS: Row[] = [
  {
    route: 'CloseRegister',
    name: 'counted cash of -10^12 against 10^12 expected (an over/short of -2×10^12)',
    change: (b) => (b.tenders = [{ tender: 'cash', expectedMinor: BOUND, countedMinor: -BOUND }]),
    code: 'INVALID_AMOUNT',
  },
  { route: 'CloseRegister', name: 'counted cash below -10^12', change: (b) => (b.tenders[0].countedMinor = -BOUND - 1), path: 'tenders[0].countedMinor' },
  { route: 'CloseRegister', name: 'expected cash above 10^12', change: (b) => (b.tenders[0].expectedMinor = BOUND + 1), path: 'tenders[0].expectedMinor' },
  { route: 'ReportSettlement', name: 'a payout above 10^12', change: (b) => (b.payoutAmount = BOUND + 1), path: 'payoutAmount' },
  {
    route: 'ReportSettlement',
    name: 'a transaction amount below -10^12',
    change: (b) => Object.assign(b.transactions[1], { amount: -BOUND - 1, net: -BOUND - 1 }),
    path: 'transactions[1].amount',
  },
  {
    route: 'ReportSettlement',
    name: 'nets summing beyond 10^12',
    change: (b) => (b.transactions = [1, 2].map((i) => ({ id: `t${i}`, type: 'charge', currency: 'USD', amount: 600_000_000_000, fee: 0, net: 600_000_000_000 }))),
    code: 'INVALID_AMOUNT',
  },
  { route: 'SellGiftCard', name: 'a card worth more than 10^12', change: (b) => (b.amountMinor = BOUND + 1), path: 'amountMinor' },
  { route: 'DefinePromotion', name: 'a fixed benefit above 10^12', change: (b) => (b.benefit.amount.amountMinor = BOUND + 1), path: 'benefit.amount.amountMinor' },
  { route: 'DefinePromotion', name: 'a budget above 10^12', change: (b) => (b.budget = { amountMinor: BOUND + 1, currency: 'USD' }), path: 'budget.amountMinor' },
  { route: 'RecordClawback', name: 'a clawback above 10^12', change: (b) => (b.amountMinor = BOUND + 1), path: 'amountMinor' },
  { route: 'PlaceOrder', name: 'a unit price above 10^12', change: (b) => (b.lines[0].unitPriceMinor = BOUND + 1), path: 'lines[0].unitPriceMinor' },
  {
    route: 'PlaceOrder',
    name: 'a line of 2 × 6×10^11',
    change: (b) => Object.assign(b, { lines: [{ lineId: 'L1', sku: 'A', quantity: 2, unitPriceMinor: 600_000_000_000 }], discounts: [], taxLines: [], tenders: [] }),
    code: 'INVALID_AMOUNT',
  },
  { route: 'CapturePayment', name: 'a capture above 10^12', change: (b) => (b.amountMinor = BOUND + 1), path: 'amountMinor' },
  { route: 'IssueRefund', name: 'a refund above 10^12', change: (b) => (b.amountMinor = BOUND + 1), path: 'amountMinor' },
];

describe('amounts bounded on both sides: ±10^12 minor units, given or derived; nothing written when beyond', () => {
  const dir = tempDir('amount-bounds');
  let app: WriteApp;
  let n = 0;
  before(async () => {
    app = await startWriteApp(dir.path);
  });
  after(async () => {
    await app.close();
    dir.remove();
  });

  for (const row of ROWS) {
    const route = routeNamed(row.route);
    const expected = row.path ? `400 at ${row.path}` : `422 ${row.code}`;
    for (const transport of ['HTTP', 'gRPC'] as const) {
      it(`${transport} ${row.route}: ${row.name} -> ${expected}`, async () => {
        const ids = idsFor(`a${n++}`);
        await app.prepare(route, ids);
        const body = route.body(ids);
        row.change(body);
        const before = (await app.store.readAll()).length;
        let problem: { code: string; fields?: Array<{ path: string }> };
        if (transport === 'HTTP') {
          const answer = await app.http(route, ids, body);
          assert.equal(answer.status, row.path ? 400 : 422, JSON.stringify(answer.body));
          problem = answer.body.error;
        } else {
          const { error } = await app.grpcCall(route, ids, body);
          assert.equal(error?.code, row.path ? GrpcStatus.INVALID_ARGUMENT : GrpcStatus.FAILED_PRECONDITION, error?.details ?? 'accepted');
          problem = grpcErrorBody(error).error;
        }
        if (row.path)
          assert.ok(
            problem.fields?.some((f) => f.path === row.path),
            JSON.stringify(problem.fields),
          );
        else assert.equal(problem.code, row.code);
        assert.equal((await app.store.readAll()).length, before, 'nothing written');
      });
    }
  }
});
