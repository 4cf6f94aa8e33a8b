import assert from 'node:assert/strict';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { after, before, describe, it } from 'node:test';
import type { EventStore } from '../../src/event-store/event-store.port';
import { tempDir } from '../support/temp-dir';
import { startTestApp } from '../support/test-app';

/** DESIGN's worked example rung up at a register (no shipping): 97.20, part card, part cash. */
const sale = (transactionId: string) => ({
  channel: 'pos',
  transactionId,
  storeId: 'S001',
  registerId: 'R02',
  companyCode: 'US01',
  currency: 'USD',
  completedAt: '2026-11-27T15:04:05Z',
  lines: [
    { lineNo: '1', sku: 'TEE', quantity: 2, unitPriceMinor: 3000, tax: { rate: '8%', amountMinor: 434 }, discounts: [{ promotionId: 'SAVE10', amountMinor: 571 }] },
    {
      lineNo: '2', sku: 'HOODIE', quantity: 1, unitPriceMinor: 4500, tax: { rate: '8%', amountMinor: 286 },
      discounts: [{ promotionId: 'SAVE10', amountMinor: 429 }, { promotionId: 'VEND5', amountMinor: 500, vendorId: 'acme' }],
    },
  ],
  tenders: [{ kind: 'card', amountMinor: 5000, reference: 'AUTH123' }, { kind: 'cash', amountMinor: 4720 }],
  totalMinor: 9720,
});

describe('POS transactions, end to end', () => {
  const dir = tempDir('pos');
  let app: NestFastifyApplication;
  let base: string;
  let store: EventStore;
  const post = (body: unknown) =>
    fetch(`${base}/channels/pos/transactions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  before(async () => {
    ({ app, base, store } = await startTestApp({ dataDir: dir.path, env: { LOG_LEVEL: 'warn' } }));
  });
  after(async () => {
    await app.close();
    dir.remove();
  });

  it('records a register sale as an order placed, card captured and handed over, with the worked example’s amounts', async () => {
    const response = await post(sale('T1'));
    assert.equal(response.status, 201);
    const answer = (await response.json()) as { orderId: string; events: Array<{ type: string }> };
    assert.equal(answer.orderId, 'pos-S001-R02-T1');
    assert.deepEqual(answer.events.map((e) => e.type), ['OrderPlaced', 'PaymentAuthorized', 'PaymentCaptured', 'PickupConfirmed']);
    const events = await store.readStream('order-pos-S001-R02-T1');
    const captured = events.find((e) => e.type === 'PaymentCaptured')!.data as { amountMinor: number };
    assert.equal(captured.amountMinor, 5000, 'only the card part goes through the payment provider');
    const pickup = (events.find((e) => e.type === 'PickupConfirmed')!.data as { amounts: { totals: { revenueMinor: number; discountMinor: number; taxMinor: number; totalMinor: number } } }).amounts;
    assert.deepEqual(
      [pickup.totals.revenueMinor, pickup.totals.discountMinor, pickup.totals.taxMinor, pickup.totals.totalMinor],
      [10500, 1500, 720, 9720],
    );
  });

  it('answers a sale sent again with the first answer and records nothing twice', async () => {
    const first = (await (await post(sale('T2'))).json()) as { events: Array<{ eventId: string }> };
    const again = await post(sale('T2'));
    assert.equal(again.status, 201);
    assert.deepEqual(((await again.json()) as { events: Array<{ eventId: string }> }).events, first.events);
    assert.equal((await store.readStream('order-pos-S001-R02-T2')).length, 4);
  });

  it('refuses a sale whose total or tenders do not match its lines, and writes nothing', async () => {
    const before = (await store.readAll()).length;
    const wrong = { ...sale('T3'), totalMinor: 9700, tenders: [{ kind: 'cash', amountMinor: 9700 }] };
    const response = await post(wrong);
    assert.equal(response.status, 422);
    const body = (await response.json()) as { error: { code: string; details: { differences: unknown[] } } };
    assert.equal(body.error.code, 'TOTALS_DO_NOT_ADD_UP');
    assert.deepEqual(body.error.details.differences, [{ field: 'totalMinor', computedMinor: 9720, statedMinor: 9700 }]);
    assert.equal((await store.readAll()).length, before);
  });

  it('names the bad field of a malformed sale', async () => {
    const bad = sale('T4') as Record<string, any>;
    bad.lines[1].quantity = 0;
    bad.tenders[0].kind = 'voucher';
    bad.completedAt = '2026-11-27';
    const response = await post(bad);
    assert.equal(response.status, 400);
    const paths = ((await response.json()) as { error: { fields: Array<{ path: string }> } }).error.fields.map((f) => f.path);
    assert.ok(paths.includes('lines[1].quantity'), `paths were ${paths.join(', ')}`);
    assert.ok(paths.includes('tenders[0].kind'), `paths were ${paths.join(', ')}`);
    assert.ok(paths.includes('completedAt'), `a date without a time is not an instant; paths were ${paths.join(', ')}`);
  });
});
