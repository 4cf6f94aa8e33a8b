import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { tempDir } from '../support/temp-dir';
import { startTestApp, type TestApp } from '../support/test-app';

/** A register sale of 97.20 (the POS e2e's worked example), paid by the given tenders. */
const sale = (transactionId: string, tenders: Array<{ kind: string; amountMinor: number; reference?: string }>) => ({
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
      lineNo: '2',
      sku: 'HOODIE',
      quantity: 1,
      unitPriceMinor: 4500,
      tax: { rate: '8%', amountMinor: 286 },
      discounts: [
        { promotionId: 'SAVE10', amountMinor: 429 },
        { promotionId: 'VEND5', amountMinor: 500, vendorId: 'acme' },
      ],
    },
  ],
  tenders,
  totalMinor: 9720,
});

/** Polls until `check` returns a value (the sagas work in the background), failing with `what` after 15 s. */
async function eventually<T>(what: string, check: () => Promise<T | undefined>): Promise<T> {
  for (let tries = 0; tries < 300; tries++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`never happened: ${what}`);
}

describe('POS sales with the sagas on', () => {
  const dir = tempDir('pos-sagas');
  let app: TestApp;
  const get = async (path: string) => (await fetch(`${app.base}${path}`)).json() as Promise<any>;
  const post = (body: unknown) => fetch(`${app.base}/channels/pos/transactions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  before(async () => {
    app = await startTestApp({ dataDir: dir.path, env: { LOG_LEVEL: 'warn', SAGAS_ENABLED: 'true', SAGA_TIMER_CHECK_INTERVAL: '100ms' } });
  });
  after(async () => {
    await app.close();
    dir.remove();
  });

  it('a sale paid at the register by card, in cash or both is complete at once: the fulfillment saga captures nothing more and nothing parks', async () => {
    const sales = {
      card: sale('SAGA-CARD', [{ kind: 'card', amountMinor: 9720, reference: 'AUTH1' }]),
      cash: sale('SAGA-CASH', [{ kind: 'cash', amountMinor: 9720 }]),
      split: sale('SAGA-SPLIT', [
        { kind: 'card', amountMinor: 5000, reference: 'AUTH2' },
        { kind: 'cash', amountMinor: 4720 },
      ]),
    };
    const orderIds: string[] = [];
    for (const body of Object.values(sales)) {
      const response = await post(body);
      assert.equal(response.status, 201, JSON.stringify(await response.clone().json()));
      orderIds.push(((await response.json()) as { orderId: string }).orderId);
    }
    const settled = async (state: string): Promise<string[]> =>
      ((await get(`/ops/sagas/fulfillment/instances?state=${state}`)).instances as Array<{ instanceId: string }>).map((i) => i.instanceId);
    await eventually('every sale’s saga completed or parked', async () => {
      const done = [...(await settled('completed')), ...(await settled('parked'))];
      return orderIds.every((id) => done.includes(id)) ? true : undefined;
    });
    assert.deepEqual(
      (await settled('completed')).sort(),
      [...orderIds].sort(),
      JSON.stringify((await get('/ops/sagas/parked')).instances.map((i: any) => [i.instanceId, i.parked.reason, i.parked.input.type])),
    );
    assert.deepEqual((await get('/ops/sagas/parked')).instances, []);
    for (const orderId of orderIds) {
      const events = await app.store.readStream(`order-${orderId}`);
      const captures = events.filter((e) => e.type === 'PaymentCaptured');
      assert.ok(
        captures.every((e) => e.metadata.channel === 'pos'),
        `${orderId}: only the register captures`,
      );
    }
  });
});
