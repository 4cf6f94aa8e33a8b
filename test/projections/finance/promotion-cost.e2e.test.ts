import { status as GrpcStatus } from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { grpcErrorBody } from '../../support/edge-app';
import { promotionCostProjection } from '../../../projections/finance/promotion-cost/promotion-cost.projection';
import { tempDir } from '../../support/temp-dir';
import { type FinanceViewsApp, KEYS, startFinanceViewsApp } from './finance-views-app';

const promotion = (promotionId: string, funding: object) => ({
  promotionId,
  code: promotionId.toUpperCase(),
  name: `${promotionId} off`,
  window: { from: '2026-11-27T00:00:00Z', to: '2026-12-01T00:00:00Z' },
  allSkus: true,
  benefit: { type: 'fixed', amount: { amountMinor: 1000, currency: 'USD' } },
  allocation: 'across',
  funding,
  reducesTaxBase: true,
  accounting: { costCenter: 'MKT-BF26' },
  definedAt: '2026-11-20T09:00:00Z',
});

describe('promotion cost by funding source and vendor, over HTTP and gRPC', () => {
  const dir = tempDir('promotion-cost');
  let edge: FinanceViewsApp;
  const send = (path: string, body: unknown) => edge.send(KEYS.promotions, path, body);
  before(async () => {
    edge = await startFinanceViewsApp(dir.path);
    // Acme funds half of co-op: applied to two orders, part clawed back on a return, one order cancelled.
    await send('/promotions', promotion('coop', { source: 'vendor', vendorId: 'acme', fundedShare: '50%' }));
    await send('/promotions/coop/activation', { at: '2026-11-26T00:00:00Z' });
    await send('/promotions/coop/applications', { orderId: 'o-1', amount: { amountMinor: 1000, currency: 'USD' }, at: '2026-11-27T10:00:00Z' });
    await send('/promotions/coop/applications', { orderId: 'o-2', amount: { amountMinor: 600, currency: 'USD' }, at: '2026-11-27T11:00:00Z' });
    await send('/promotions/coop/clawbacks', { orderId: 'o-1', returnId: 'r-1', amountMinor: 400, at: '2026-11-29T10:00:00Z' });
    await send('/promotions/coop/applications/o-2/release', { at: '2026-11-29T11:00:00Z' });
    // The retailer alone funds house.
    await send('/promotions', promotion('house', { source: 'retailer' }));
    await send('/promotions/house/activation', { at: '2026-11-26T00:00:00Z' });
    await send('/promotions/house/applications', { orderId: 'o-3', amount: { amountMinor: 500, currency: 'USD' }, at: '2026-11-28T10:00:00Z' });
    await edge.caughtUp();
  });
  after(async () => {
    await edge.close();
    dir.remove();
  });

  it('nets applied, clawed-back and released cost per promotion, with the recorded split', async () => {
    const answer = await edge.get('/finance/promotion-cost');
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.deepEqual(answer.body.promotions, [
      {
        promotionId: 'coop',
        code: 'COOP',
        name: 'coop off',
        fundingSource: 'vendor',
        vendorId: 'acme',
        currency: 'USD',
        appliedMinor: 1600,
        clawedBackMinor: 400,
        releasedMinor: 600,
        netMinor: 600,
        retailerMinor: 300,
        vendorMinor: 300,
        orders: 2,
      },
      {
        promotionId: 'house',
        code: 'HOUSE',
        name: 'house off',
        fundingSource: 'retailer',
        vendorId: null,
        currency: 'USD',
        appliedMinor: 500,
        clawedBackMinor: 0,
        releasedMinor: 0,
        netMinor: 500,
        retailerMinor: 500,
        vendorMinor: 0,
        orders: 1,
      },
    ]);
    assert.deepEqual(answer.body.byFunder, [
      { fundingSource: 'retailer', vendorId: null, currency: 'USD', netMinor: 800 },
      { fundingSource: 'vendor', vendorId: 'acme', currency: 'USD', netMinor: 300 },
    ]);
  });

  it('counts only the cost events of a date range, and filters by vendor', async () => {
    const applied = await edge.get('/finance/promotion-cost?from=2026-11-27&to=2026-11-28');
    assert.deepEqual(
      applied.body.byFunder,
      [
        { fundingSource: 'retailer', vendorId: null, currency: 'USD', netMinor: 1300 },
        { fundingSource: 'vendor', vendorId: 'acme', currency: 'USD', netMinor: 800 },
      ],
      'before the clawback and the release',
    );
    const acme = await edge.get('/finance/promotion-cost?vendorId=acme');
    assert.deepEqual(
      acme.body.promotions.map((p: { promotionId: string }) => p.promotionId),
      ['coop'],
    );
  });

  it('answers the same over gRPC, and refuses a range that ends before it starts', async () => {
    const http = await edge.get('/finance/promotion-cost');
    const grpc = await edge.grpc('GetPromotionCost', {});
    assert.equal(grpc.error, undefined, grpc.error?.details);
    // proto3 has no null: an absent vendorId is the retailer's.
    const withoutNulls = (rows: object[]) => rows.map((row) => Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null)));
    assert.deepEqual(grpc.response.promotions, withoutNulls(http.body.promotions));
    assert.deepEqual(grpc.response.byFunder, withoutNulls(http.body.byFunder));
    const reversed = await edge.get('/finance/promotion-cost?from=2026-11-29&to=2026-11-27');
    assert.equal(reversed.status, 400);
    assert.deepEqual(
      reversed.body.error.fields.map((f: { path: string }) => f.path),
      ['to'],
    );
    const reversedGrpc = await edge.grpc('GetPromotionCost', { from: '2026-11-29', to: '2026-11-27' });
    assert.equal(reversedGrpc.error?.code, GrpcStatus.INVALID_ARGUMENT);
    assert.deepEqual(
      grpcErrorBody(reversedGrpc.error).error.fields.map((f: { path: string }) => f.path),
      ['to'],
    );
  });

  it('rebuilds from position 0 into exactly the live rows', async () => {
    const report = await edge.rebuild(promotionCostProjection);
    assert.equal(report.equal, true, `differing tables: ${report.differingTables.join(', ')}`);
    assert.ok(report.eventsApplied > 0);
  });
});
