import { status as GrpcStatus } from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { EventStore } from '../../src/event-store/event-store.port';
import { commandIdFor } from '../../src/idempotency/command-id';
import { CommandDispatcher } from '../../src/runtime/command-dispatcher';
import { call, callTabs, type EdgeApp, KEYS, startEdgeApp } from '../support/edge-app';
import { HOLD_SKU, releaseHeld } from '../support/tab-edge.module';
import { tabAggregate } from '../support/tab.aggregate';
import { tempDir } from '../support/temp-dir';
import { StreamNotFoundError } from '../../src/event-store/event-store.errors';

const item = (sku = 'A', amountMinor = 100) => ({ channel: 'web', sku, amountMinor });

async function eventsIn(store: EventStore, streamId: string): Promise<string[]> {
  try {
    return (await store.readStream(streamId)).map((e) => e.eventId);
  } catch (error) {
    // Only a stream that was never written counts as empty; a broken store must fail the test.
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
}

describe('Idempotency-Key', () => {
  const dir = tempDir('edge-idempotency');
  let edge: EdgeApp;
  let store: EventStore;
  const add = (tab: string, key: string, body: object, apiKey: string = KEYS.web) =>
    call(edge.base, 'POST', `/tabs/${tab}/items`, { key: apiKey, body, headers: { 'idempotency-key': key } });
  before(async () => {
    edge = await startEdgeApp(dir.path);
    store = edge.store;
  });
  after(async () => {
    await edge.close();
    dir.remove();
  });

  it('answers a retry with the stored first answer, marked as replayed, appending nothing more', async () => {
    const first = await add('i1', 'key-1', item());
    assert.equal(first.status, 201);
    assert.equal(first.headers.get('idempotent-replayed'), null);
    const retry = await add('i1', 'key-1', { amountMinor: 100, sku: 'A', channel: 'web' });
    assert.equal(retry.status, 201);
    assert.equal(retry.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(retry.body, first.body);
    assert.equal((await eventsIn(store, 'tab-i1')).length, 1);
  });

  it('refuses the same key with a different payload: 422', async () => {
    await add('i2', 'key-2', item('A'));
    const other = await add('i2', 'key-2', item('B'));
    assert.equal(other.status, 422);
    assert.equal(other.body.error.code, 'IDEMPOTENCY_KEY_REUSED');
    assert.equal((await eventsIn(store, 'tab-i2')).length, 1);
  });

  it('scopes keys per API key: another principal may use the same key', async () => {
    await add('i3', 'shared-key', item());
    const otherPrincipal = await call(edge.base, 'POST', '/tabs/fail/refusal', { key: KEYS.ops, headers: { 'idempotency-key': 'shared-key' } });
    assert.equal(otherPrincipal.body.error.code, 'TAB_LIMIT');
  });

  it('answers 409 while the first request with the key is still in flight', async () => {
    const first = add('i4', 'key-4', item(HOLD_SKU));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = await add('i4', 'key-4', item(HOLD_SKU));
    assert.equal(second.status, 409);
    assert.equal(second.body.error.code, 'IDEMPOTENCY_KEY_IN_FLIGHT');
    releaseHeld();
    assert.equal((await first).status, 201);
    assert.equal((await add('i4', 'key-4', item(HOLD_SKU))).headers.get('idempotent-replayed'), 'true');
  });

  it('records one set of events when identical requests race with one key', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => add('i5', 'key-5', item())));
    const statuses = answers.map((a) => a.status);
    assert.ok(
      statuses.every((s) => s === 201 || s === 409),
      `statuses ${statuses.join(', ')}`,
    );
    assert.ok(statuses.includes(201));
    assert.equal((await eventsIn(store, 'tab-i5')).length, 1);
  });

  it('stores a business refusal and replays it; frees the key after an internal error', async () => {
    const refused = await call(edge.base, 'POST', '/tabs/fail/refusal', { key: KEYS.ops, headers: { 'idempotency-key': 'key-6' } });
    const again = await call(edge.base, 'POST', '/tabs/fail/refusal', { key: KEYS.ops, headers: { 'idempotency-key': 'key-6' } });
    assert.equal(again.status, 422);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual({ ...again.body.error, correlationId: 0 }, { ...refused.body.error, correlationId: 0 });

    assert.equal((await call(edge.base, 'POST', '/tabs/fail/internal', { key: KEYS.ops, headers: { 'idempotency-key': 'key-7' } })).status, 500);
    const retried = await call(edge.base, 'POST', '/tabs/fail/internal', { key: KEYS.ops, headers: { 'idempotency-key': 'key-7' } });
    assert.equal(retried.status, 500, 'a 500 is not stored: the retry ran again');
    assert.equal(retried.headers.get('idempotent-replayed'), null);
  });

  it('does not duplicate when the process died after the append but before the answer was stored', async () => {
    // What the crashed process managed: the command, under the id derived from the key, was appended.
    await edge.app
      .get(CommandDispatcher)
      .dispatch(tabAggregate, { commandId: commandIdFor('web-shop', 'key-8'), streamId: 'tab-i8', command: { kind: 'AddItem', sku: 'A', amountMinor: 100 }, metadata: {} });
    const retry = await add('i8', 'key-8', item());
    assert.equal(retry.status, 201);
    assert.equal((await eventsIn(store, 'tab-i8')).length, 1, 'the retry reached the aggregate’s dedupe instead of appending again');
  });

  it('honours idempotency-key metadata over gRPC, marking replays in the response headers', async () => {
    const request = { tabId: 'i9', ...item() };
    const md = { 'x-api-key': KEYS.web, 'idempotency-key': 'key-9' };
    const first = await callTabs(edge.grpcPort, 'AddItem', request, md);
    assert.equal(first.error, undefined);
    const retry = await callTabs(edge.grpcPort, 'AddItem', request, md);
    assert.deepEqual(retry.response, first.response);
    assert.equal(retry.headers?.get('idempotent-replayed')[0], 'true');
    const other = await callTabs(edge.grpcPort, 'AddItem', { ...request, amountMinor: 5 }, md);
    assert.equal(other.error?.code, GrpcStatus.FAILED_PRECONDITION);
    assert.equal((await eventsIn(store, 'tab-i9')).length, 1);
  });

  it('keeps keys and answers across a restart on the same DATA_DIR', async () => {
    const first = await add('i10', 'key-10', item());
    await edge.close();
    edge = await startEdgeApp(dir.path);
    store = edge.store;
    const retry = await add('i10', 'key-10', item());
    assert.equal(retry.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(retry.body, first.body);
    assert.equal((await add('i10', 'key-10', item('B'))).status, 422);
    assert.equal((await eventsIn(store, 'tab-i10')).length, 1);
  });
});
