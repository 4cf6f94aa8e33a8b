import assert from 'node:assert/strict';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { after, before, describe, it } from 'node:test';
import { deliveryDerivedId } from '../../src/channels/channel-deliveries';
import { posSaleCommands } from '../../src/channels/pos/pos-sale-commands';
import type { PosTransactionDto } from '../../src/channels/pos/pos-transaction.dto';
import type { EventStore } from '../../src/event-store/event-store.port';
import { orderAggregate } from '../../src/order/order.aggregate';
import type { PlaceOrder } from '../../src/order/order.commands';
import { CommandDispatcher } from '../../src/runtime/command-dispatcher';
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
  tenders: [
    { kind: 'card', amountMinor: 5000, reference: 'AUTH123' },
    { kind: 'cash', amountMinor: 4720 },
  ],
  totalMinor: 9720,
});

describe('POS transactions, end to end', () => {
  const dir = tempDir('pos');
  let app: NestFastifyApplication;
  let base: string;
  let store: EventStore;
  const post = (body: unknown) => fetch(`${base}/channels/pos/transactions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

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
    assert.deepEqual(
      answer.events.map((e) => e.type),
      ['OrderPlaced', 'PaymentAuthorized', 'PaymentCaptured', 'PickupConfirmed'],
    );
    const events = await store.readStream('order-pos-S001-R02-T1');
    const captured = events.find((e) => e.type === 'PaymentCaptured')!.data as { amountMinor: number };
    assert.equal(captured.amountMinor, 5000, 'only the card part goes through the payment provider');
    const pickup = (
      events.find((e) => e.type === 'PickupConfirmed')!.data as { amounts: { totals: { revenueMinor: number; discountMinor: number; taxMinor: number; totalMinor: number } } }
    ).amounts;
    assert.deepEqual([pickup.totals.revenueMinor, pickup.totals.discountMinor, pickup.totals.taxMinor, pickup.totals.totalMinor], [10500, 1500, 720, 9720]);
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

  const placed = async (orderId: string) => {
    const events = await store.readStream(`order-${orderId}`);
    return { events, placed: events[0].data as { sourceRef: string } };
  };
  const keptPayload = async (sourceRef: string) => JSON.parse(((await store.readStream(sourceRef))[0].data as { rawBody: string }).rawBody);

  it('keeps two sales apart whose store and register ids meet on a dash, each readable under its own order id', async () => {
    const first = { ...sale('7'), storeId: 'S1', registerId: 'R2-3' };
    const second = { ...sale('7'), storeId: 'S1-R2', registerId: '3', tenders: [{ kind: 'cash', amountMinor: 9720 }] };
    type Answer = { orderId: string; events: Array<{ type: string }> };
    const answers: Answer[] = [];
    for (const body of [first, second]) {
      const response = await post(body);
      assert.equal(response.status, 201);
      answers.push((await response.json()) as Answer);
    }
    assert.deepEqual(
      answers.map((a) => a.orderId),
      ['pos-S1-R2:2D3-7', 'pos-S1:2DR2-3-7'],
    );
    assert.deepEqual(
      answers[1].events.map((e) => e.type),
      ['OrderPlaced', 'PickupConfirmed'],
      'the second sale is recorded, not answered with the first',
    );
    for (const [i, answer] of answers.entries()) {
      const view = await fetch(`${base}/orders/${answer.orderId}`);
      assert.equal(view.status, 200, `GET /orders/${answer.orderId}`);
      const { placed: order } = await placed(answer.orderId);
      assert.deepEqual(await keptPayload(order.sourceRef), [first, second][i]);
    }
  });

  it('refuses a transaction resent with other content, naming each difference, and writes nothing', async () => {
    assert.equal((await post(sale('T5'))).status, 201);
    const before = (await store.readAll()).length;
    const changed = {
      ...sale('T5'),
      tenders: [
        { kind: 'card', amountMinor: 6000, reference: 'AUTH123' },
        { kind: 'cash', amountMinor: 3720 },
      ],
    };
    const response = await post(changed);
    assert.equal(response.status, 422);
    const body = (await response.json()) as { error: { code: string; details: Record<string, unknown> } };
    assert.equal(body.error.code, 'POS_TRANSACTION_CONFLICT');
    assert.deepEqual(body.error.details, {
      orderId: 'pos-S001-R02-T5',
      differences: [
        { field: 'tenders[0].amountMinor', recorded: 5000, delivered: 6000 },
        { field: 'tenders[1].amountMinor', recorded: 4720, delivered: 3720 },
      ],
      differenceCount: 2,
    });
    assert.equal((await store.readAll()).length, before);
  });

  it('takes the same sale written another way (the time in another offset, defaults spelled out) as the same sale', async () => {
    const first = (await (await post(sale('T7'))).json()) as { events: unknown[] };
    const spelledOut = sale('T7') as Record<string, any>;
    spelledOut.completedAt = '2026-11-27T10:04:05-05:00';
    spelledOut.lines[0].taxIncluded = false;
    const before = (await store.readAll()).length;
    const again = await post(spelledOut);
    assert.equal(again.status, 201);
    assert.deepEqual(((await again.json()) as { events: unknown[] }).events, first.events);
    assert.equal((await store.readAll()).length, before);
  });

  it('writes nothing for a sale the order rules refuse; its corrected resend keeps and points to its own payload', async () => {
    const refused = sale('T6') as Record<string, any>;
    refused.lines[1].lineNo = '1';
    const before = (await store.readAll()).length;
    const response = await post(refused);
    assert.equal(response.status, 422);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'DUPLICATE_LINE_ID');
    assert.equal((await store.readAll()).length, before, 'not even the payload is kept');

    const corrected = sale('T6');
    assert.equal((await post(corrected)).status, 201);
    const { placed: order } = await placed('pos-S001-R02-T6');
    assert.deepEqual(await keptPayload(order.sourceRef), corrected, 'lineage points at the payload that was recorded');
  });

  it('still finds a sale recorded under the plain dash-joined id, and gives the sale that met it there an order of its own', async () => {
    // As the mediation recorded a sale before ids were composed: order `pos-S1-R2-3-9`, payload beside it.
    const recorded = { ...sale('9'), storeId: 'S1', registerId: 'R2-3' };
    const legacyId = 'pos-S1-R2-3-9';
    const sourceRef = `channel-delivery-pos-${legacyId}`;
    const delivery = { channel: 'pos', deliveryId: legacyId, topic: 'pos/sale', source: 'S1/R2-3', receivedAt: '2026-11-27T15:04:06Z', rawBody: JSON.stringify(recorded) };
    await store.appendToStream(sourceRef, [{ eventId: deliveryDerivedId('pos', legacyId, 'received'), type: 'ChannelPayloadReceived', data: delivery }], {
      expectedRevision: 'no_stream',
    });
    const dispatcher = app.get(CommandDispatcher);
    for (const { step, command } of posSaleCommands(recorded as PosTransactionDto, legacyId, sourceRef)) {
      if (command.kind === 'PlaceOrder') delete (command as Partial<PlaceOrder>).soldAtCounter;
      const commandId = deliveryDerivedId('pos', legacyId, step);
      await dispatcher.dispatch(orderAggregate, { commandId, streamId: `order-${legacyId}`, command, metadata: { channel: 'pos', sourceRef } });
    }
    const before = (await store.readAll()).length;

    const again = await post(recorded);
    assert.equal(again.status, 201);
    assert.equal(((await again.json()) as { orderId: string }).orderId, legacyId, 'the register’s resend finds its order');
    assert.equal((await store.readAll()).length, before, 'and records nothing twice');

    const other = await post({ ...sale('9'), storeId: 'S1-R2', registerId: '3' });
    assert.equal(other.status, 201);
    const answer = (await other.json()) as { orderId: string; events: Array<{ type: string }> };
    assert.equal(answer.orderId, 'pos-S1:2DR2-3-9');
    assert.equal((await store.readStream(`order-${answer.orderId}`)).length, 4);
  });
});
