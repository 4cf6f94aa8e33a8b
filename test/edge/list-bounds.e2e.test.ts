import { status as GrpcStatus } from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MAX_ELIGIBLE_SKUS } from '../../src/promotion/dto/define-promotion.dto';
import { MAX_DISCOUNT_SHARES, MAX_DISCOUNTS, MAX_LINES, MAX_SHIPPING_LINES, MAX_TAX_LINES, MAX_TENDERS } from '../../src/order/order-limits';
import { MAX_REPORT_TRANSACTIONS } from '../../src/settlement/dto/report-settlement.dto';
import { MAX_REGISTER_TENDERS } from '../../src/settlement/register-close/dto/close-register.dto';
import { grpcErrorBody } from '../support/edge-app';
import { tempDir } from '../support/temp-dir';
import { idsFor, routeNamed, startWriteApp, type WriteApp } from '../support/write-routes';

const times = <T>(count: number, item: (i: number) => T): T[] => Array.from({ length: count }, (_, i) => item(i));
const skus = (count: number) => times(count, (i) => `S${i.toString(36)}`);
const lines = (count: number) => times(count, (i) => ({ lineId: `L${i}`, sku: 'SKU', quantity: 1, unitPriceMinor: 100 }));
const plainOrder = (body: Record<string, any>, count: number): Record<string, any> => Object.assign(body, { lines: lines(count), discounts: [], taxLines: [], tenders: [] });

interface Row {
  route: string;
  name: string;
  change: (body: Record<string, any>) => void;
  path: string;
  bound: number;
}

/** One item over each documented bound (README "Limits"). */
const OVER: Row[] = [
  {
    route: 'DefinePromotion',
    name: 'eligible SKUs',
    change: (b) => Object.assign(b, { allSkus: false, eligibleSkus: skus(MAX_ELIGIBLE_SKUS + 1) }),
    path: 'eligibleSkus',
    bound: MAX_ELIGIBLE_SKUS,
  },
  { route: 'PlaceOrder', name: 'lines', change: (b) => plainOrder(b, MAX_LINES + 1), path: 'lines', bound: MAX_LINES },
  { route: 'PlaceOrder', name: 'tax lines', change: (b) => (b.taxLines = times(MAX_TAX_LINES + 1, () => ({ lineId: 'L1', rate: '1%' }))), path: 'taxLines', bound: MAX_TAX_LINES },
  {
    route: 'PlaceOrder',
    name: 'discounts',
    change: (b) => (b.discounts = times(MAX_DISCOUNTS + 1, (i) => ({ promotionId: `p${i}`, funding: { type: 'retailer' }, amountMinor: 1 }))),
    path: 'discounts',
    bound: MAX_DISCOUNTS,
  },
  {
    route: 'PlaceOrder',
    name: "a discount's allocations",
    change: (b) => (b.discounts[1].allocations = times(MAX_LINES + 1, (i) => ({ lineId: `L${i}`, amountMinor: 1 }))),
    path: 'discounts[1].allocations',
    bound: MAX_LINES,
  },
  {
    route: 'PlaceOrder',
    name: 'discount shares: discounts spread over every line',
    change: (b) => {
      plainOrder(b, MAX_LINES);
      b.discounts = times(Math.floor(MAX_DISCOUNT_SHARES / MAX_LINES) + 1, (i) => ({ promotionId: `p${i}`, funding: { type: 'retailer' }, amountMinor: 1 }));
    },
    path: 'discounts',
    bound: MAX_DISCOUNT_SHARES,
  },
  {
    route: 'PlaceOrder',
    name: 'shipping lines',
    change: (b) => (b.shippingLines = times(MAX_SHIPPING_LINES + 1, () => ({ code: 'STD', amountMinor: 1 }))),
    path: 'shippingLines',
    bound: MAX_SHIPPING_LINES,
  },
  { route: 'PlaceOrder', name: 'tenders', change: (b) => (b.tenders = times(MAX_TENDERS + 1, () => ({ kind: 'card', amountMinor: 1 }))), path: 'tenders', bound: MAX_TENDERS },
  { route: 'ConfirmShipment', name: 'lines', change: (b) => (b.lines = times(MAX_LINES + 1, (i) => ({ lineId: `L${i}`, quantity: 1 }))), path: 'lines', bound: MAX_LINES },
  {
    route: 'ReportSettlement',
    name: 'transactions',
    change: (b) => (b.transactions = times(MAX_REPORT_TRANSACTIONS + 1, (i) => ({ id: `t${i}`, type: 'charge', currency: 'USD', amount: 1, fee: 0, net: 1 }))),
    path: 'transactions',
    bound: MAX_REPORT_TRANSACTIONS,
  },
  {
    route: 'CloseRegister',
    name: 'tenders',
    change: (b) => (b.tenders = times(MAX_REGISTER_TENDERS + 1, (i) => ({ tender: `t${i}`, expectedMinor: 0, countedMinor: 0 }))),
    path: 'tenders',
    bound: MAX_REGISTER_TENDERS,
  },
];

describe('list bounds: one item over a documented bound is a 400 / INVALID_ARGUMENT naming the bound; the bound itself is accepted', () => {
  const dir = tempDir('list-bounds');
  let app: WriteApp;
  let n = 0;
  before(async () => {
    app = await startWriteApp(dir.path);
  });
  after(async () => {
    await app.close();
    dir.remove();
  });

  for (const row of OVER) {
    const route = routeNamed(row.route);
    for (const transport of ['HTTP', 'gRPC'] as const) {
      it(`${transport} ${row.route}: ${row.name} over ${row.bound} -> refused at ${row.path}`, async () => {
        const ids = idsFor(`b${n++}`);
        await app.prepare(route, ids);
        const body = route.body(ids);
        row.change(body);
        const before = (await app.store.readAll()).length;
        let fields: Array<{ path: string; reason: string }>;
        if (transport === 'HTTP') {
          const answer = await app.http(route, ids, body);
          assert.equal(answer.status, 400, JSON.stringify(answer.body).slice(0, 300));
          fields = answer.body.error.fields;
        } else {
          const { error } = await app.grpcCall(route, ids, body);
          assert.equal(error?.code, GrpcStatus.INVALID_ARGUMENT, error?.details ?? 'accepted');
          fields = grpcErrorBody(error).error.fields;
        }
        const field = fields.find((f) => f.path === row.path);
        assert.ok(field, JSON.stringify(fields));
        assert.match(field.reason, new RegExp(`at most ${row.bound}\\b`));
        assert.equal((await app.store.readAll()).length, before, 'nothing written');
      });
    }
  }

  it('refuses a promotion of 120,000 SKUs for its length (it held the service for seconds), over both transports', async () => {
    const body = { ...routeNamed('DefinePromotion').body(idsFor('huge')), allSkus: false, eligibleSkus: skus(120_000) };
    const overHttp = await app.http(routeNamed('DefinePromotion'), idsFor('huge'), body);
    assert.deepEqual([overHttp.status, overHttp.body.error.fields.map((f: { path: string }) => f.path)], [400, ['eligibleSkus']]);
    const overGrpc = await app.grpcCall(routeNamed('DefinePromotion'), idsFor('huge'), body);
    assert.deepEqual(
      grpcErrorBody(overGrpc.error!).error.fields.map((f: { path: string }) => f.path),
      ['eligibleSkus'],
    );
  });

  it('accepts a promotion of exactly the most SKUs, and refuses one naming a SKU twice', async () => {
    const route = routeNamed('DefinePromotion');
    const full = { ...route.body(idsFor('full')), allSkus: false, eligibleSkus: skus(MAX_ELIGIBLE_SKUS) };
    assert.equal((await app.http(route, idsFor('full'), full)).status, 201);
    const twice = await app.http(route, idsFor('twice'), { ...route.body(idsFor('twice')), allSkus: false, eligibleSkus: ['A', 'B', 'A'] });
    assert.deepEqual(twice.body.error.fields, [{ path: 'eligibleSkus', reason: 'eligibleSkus must not list "A" twice' }]);
  });

  it('accepts an order at its bounds: the most lines, two taxes each, discounts spread up to the most shares', async () => {
    const route = routeNamed('PlaceOrder');
    const ids = idsFor('full-order');
    const body = plainOrder(route.body(ids), MAX_LINES);
    body.taxLines = times(MAX_TAX_LINES, (i) => ({ lineId: `L${i % MAX_LINES}`, rate: '1%' }));
    body.discounts = times(MAX_DISCOUNT_SHARES / MAX_LINES, (i) => ({ promotionId: `p${i}`, funding: { type: 'retailer' }, amountMinor: 100 }));
    const answer = await app.http(route, ids, body);
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
  });
});
