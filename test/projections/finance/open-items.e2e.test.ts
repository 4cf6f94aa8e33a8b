import { status as GrpcStatus } from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { grpcErrorBody } from '../../support/edge-app';
import { openItemsProjection } from '../../../projections/finance/open-items/open-items.projection';
import { tempDir } from '../../support/temp-dir';
import { type FinanceViewsApp, KEYS, startFinanceViewsApp } from './finance-views-app';
import { DAY_2, sendOrderHistory } from './order-history';

const brief = (items: Array<{ kind: string; orderId: string; openMinor: number; addedMinor: number; releasedMinor: number; openSince: string }>) =>
  items.map(({ kind, orderId, openMinor, addedMinor, releasedMinor, openSince }) => ({ kind, orderId, openMinor, addedMinor, releasedMinor, openSince }));

describe('open items over HTTP and gRPC', () => {
  const dir = tempDir('open-items');
  let edge: FinanceViewsApp;
  before(async () => {
    edge = await startFinanceViewsApp(dir.path);
    await sendOrderHistory(edge, 'oi');
    await edge.caughtUp();
  });
  after(async () => {
    await edge.close();
    dir.remove();
  });

  it('lists the order captured but not shipped, and the return received but not refunded, with their amounts', async () => {
    const answer = await edge.get('/finance/open-items?companyCode=US01');
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.deepEqual(brief(answer.body.items), [
      { kind: 'deposit-not-earned', orderId: 'oi-open', openMinor: 10519, addedMinor: 10519, releasedMinor: 0, openSince: '2026-11-29' },
      { kind: 'refund-payable', orderId: 'oi-shipped', openMinor: 2931, addedMinor: 2931, releasedMinor: 0, openSince: '2026-11-28' },
    ]);
    assert.ok(
      !answer.body.items.some((i: { kind: string; orderId: string }) => i.kind === 'deposit-not-earned' && i.orderId === 'oi-shipped'),
      'a shipped order has earned its deposit',
    );
  });

  it('shows what was open at the end of an earlier day', async () => {
    const answer = await edge.get('/finance/open-items?asOf=2026-11-28');
    assert.deepEqual(
      answer.body.items.map((i: { kind: string; orderId: string }) => [i.kind, i.orderId]),
      [['refund-payable', 'oi-shipped']],
      'the day-2 capture was not yet taken',
    );
  });

  it('closes items as the business completes them: a refund paid, an order shipped', async () => {
    await edge.send(KEYS.web, '/orders/oi-shipped/refunds', { refundId: 'ref-1', amountMinor: 2931, currency: 'USD', at: DAY_2, returnId: 'r-1' });
    await edge.send(KEYS.web, '/orders/oi-open/shipments', { shipmentId: 's-1', lines: [{ lineId: 'L1', quantity: 1 }], shippedAt: DAY_2 });
    await edge.caughtUp();
    const answer = await edge.get('/finance/open-items');
    const [item, ...others] = brief(answer.body.items);
    assert.deepEqual(others, [], 'the refund closed the refund payable');
    assert.equal(item.orderId, 'oi-open');
    assert.ok(item.releasedMinor > 0 && item.openMinor === 10519 - item.releasedMinor, `one of three units shipped earns part of the deposit: ${JSON.stringify(item)}`);
  });

  it('answers the same over gRPC, and refuses a date that does not exist', async () => {
    const http = await edge.get('/finance/open-items?companyCode=US01');
    const grpc = await edge.grpc('ListOpenItems', { companyCode: 'US01' });
    assert.equal(grpc.error, undefined, grpc.error?.details);
    assert.deepEqual(grpc.response.items, http.body.items);
    const badHttp = await edge.get('/finance/open-items?asOf=2026-02-30');
    assert.equal(badHttp.status, 400);
    assert.deepEqual(
      badHttp.body.error.fields.map((f: { path: string }) => f.path),
      ['asOf'],
    );
    const badGrpc = await edge.grpc('ListOpenItems', { asOf: '2026-02-30' });
    assert.equal(badGrpc.error?.code, GrpcStatus.INVALID_ARGUMENT);
    assert.deepEqual(
      grpcErrorBody(badGrpc.error).error.fields.map((f: { path: string }) => f.path),
      ['asOf'],
    );
  });

  it('rebuilds from position 0 into exactly the live rows', async () => {
    const report = await edge.rebuild(openItemsProjection);
    assert.equal(report.equal, true, `differing tables: ${report.differingTables.join(', ')}`);
    assert.ok(report.eventsApplied > 0);
  });
});
