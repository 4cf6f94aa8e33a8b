import { status as GrpcStatus } from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, grpcErrorBody } from '../support/edge-app';
import { callService, FINANCE_KEYS as KEYS, recorded, startFinanceApp } from '../support/finance-api';
import { tempDir } from '../support/temp-dir';

/** A 50.00 card sold at the POS channel, paid by card. */
const sale = (giftCardId: string, overrides: Record<string, unknown> = {}) => ({
  giftCardId,
  channel: 'pos',
  companyCode: 'US01',
  currency: 'USD',
  amountMinor: 5000,
  tender: { kind: 'card', reference: `pi_${giftCardId}` },
  soldAt: '2026-11-27T09:30:00Z',
  sourceRef: `payload://pos/${giftCardId}`,
  ...overrides,
});

describe('gift card API over HTTP and gRPC', () => {
  const dir = tempDir('gift-card-api');
  let edge: Awaited<ReturnType<typeof startFinanceApp>>;
  const post = (body: unknown, key: string = KEYS.pos, headers: Record<string, string> = {}) => call(edge.base, 'POST', '/gift-cards', { key, body, headers });
  before(async () => {
    edge = await startFinanceApp(dir.path);
  });
  after(async () => {
    await edge.close();
    dir.remove();
  });

  it('sells a card over HTTP (201, GiftCardSold on gift-card-<id>) and reads it back over both transports', async () => {
    const answer = await post(sale('gc-1'));
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    assert.deepEqual([answer.body.id, answer.body.revision, answer.body.events.map((e: any) => e.type)], ['gc-1', 0, ['GiftCardSold']]);
    const [event] = await recorded(edge.store, 'gift-card-gc-1');
    assert.deepEqual(event.data, { ...sale('gc-1'), currency: 'USD' });
    const [stored] = await edge.store.readStream('gift-card-gc-1');
    assert.equal(stored.metadata.channel, 'pos', 'the selling channel is on the envelope, for lineage');

    const view = await call(edge.base, 'GET', '/gift-cards/gc-1', { key: KEYS.finance });
    assert.deepEqual(view.body, { id: 'gc-1', revision: 0, ...sale('gc-1') });
    const overGrpc = await callService(edge.grpcPort, 'GiftCards', 'GetGiftCard', { giftCardId: 'gc-1' }, KEYS.finance);
    assert.ifError(overGrpc.error);
    assert.deepEqual(overGrpc.response, view.body);
  });

  it('sells over gRPC with the same event as over HTTP', async () => {
    const { response, error } = await callService(edge.grpcPort, 'GiftCards', 'SellGiftCard', sale('gc-2', { amountMinor: '5000' }), KEYS.pos);
    assert.ifError(error);
    assert.deepEqual(
      response.events.map((e: any) => e.type),
      ['GiftCardSold'],
    );
    const [overGrpc] = await recorded(edge.store, 'gift-card-gc-2');
    assert.deepEqual(overGrpc.data, { ...sale('gc-2'), currency: 'USD' });
  });

  it('refuses to sell a card twice (422 GIFT_CARD_ALREADY_SOLD) and a card worth nothing (422 INVALID_AMOUNT), writing nothing', async () => {
    assert.equal((await post(sale('gc-3'))).status, 201);
    const again = await post(sale('gc-3', { amountMinor: 9000 }));
    assert.deepEqual([again.status, again.body.error.code], [422, 'GIFT_CARD_ALREADY_SOLD']);
    assert.equal((await recorded(edge.store, 'gift-card-gc-3')).length, 1);
    const nothing = await post(sale('gc-4', { amountMinor: 0 }));
    assert.deepEqual([nothing.status, nothing.body.error.code], [422, 'INVALID_AMOUNT']);
    assert.deepEqual(await recorded(edge.store, 'gift-card-gc-4'), []);
  });

  it('answers a repeated Idempotency-Key with the first sale, recording it once', async () => {
    const first = await post(sale('gc-5'), KEYS.pos, { 'idempotency-key': 'gc-5-sale' });
    const repeat = await post(sale('gc-5'), KEYS.pos, { 'idempotency-key': 'gc-5-sale' });
    assert.deepEqual([repeat.status, repeat.body], [201, first.body]);
    assert.equal((await recorded(edge.store, 'gift-card-gc-5')).length, 1);
  });

  it('answers bad input with field paths over both transports (400 / INVALID_ARGUMENT) and writes nothing', async () => {
    const bad = await post(sale('gc-6', { amountMinor: 12.5, tender: { kind: 'cheque' }, companyCode: '' }));
    assert.equal(bad.status, 400);
    assert.deepEqual([...new Set(bad.body.error.fields.map((f: any) => f.path))].sort(), ['amountMinor', 'companyCode', 'tender.kind']);
    const { error } = await callService(edge.grpcPort, 'GiftCards', 'SellGiftCard', sale('gc-6', { soldAt: 'yesterday' }), KEYS.pos);
    assert.equal(error?.code, GrpcStatus.INVALID_ARGUMENT);
    assert.deepEqual(
      grpcErrorBody(error).error.fields.map((f: any) => f.path),
      ['soldAt'],
    );
    assert.deepEqual(await recorded(edge.store, 'gift-card-gc-6'), []);
  });

  it('lets a channel key sell only for its own channel (403), finance:read read, and 404s an unknown card', async () => {
    const otherChannel = await post(sale('gc-7', { channel: 'web' }));
    assert.deepEqual([otherChannel.status, otherChannel.body.error.code], [403, 'PERMISSION_DENIED']);
    const grpcOther = await callService(edge.grpcPort, 'GiftCards', 'SellGiftCard', sale('gc-7', { channel: 'web' }), KEYS.pos);
    assert.equal(grpcOther.error?.code, GrpcStatus.PERMISSION_DENIED);
    assert.equal((await post(sale('gc-7'), KEYS.finance)).status, 403, 'reading finance is not selling');
    assert.deepEqual(await recorded(edge.store, 'gift-card-gc-7'), []);
    assert.equal((await call(edge.base, 'GET', '/gift-cards/gc-1', { key: KEYS.pos })).status, 403);
    assert.equal((await call(edge.base, 'GET', '/gift-cards/gc-none', { key: KEYS.finance })).status, 404);
    const grpcUnknown = await callService(edge.grpcPort, 'GiftCards', 'GetGiftCard', { giftCardId: 'gc-none' }, KEYS.finance);
    assert.equal(grpcUnknown.error?.code, GrpcStatus.NOT_FOUND);
  });
});
