import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { StreamNotFoundError } from '../../src/event-store/event-store.errors';
import { EsdbEventStore } from '../../src/event-store/esdb/esdb-event-store';
import type { EventStore } from '../../src/event-store/event-store.port';
import { canonicalHash } from '../../src/hashing/canonical-json';
import { commandIdFor } from '../../src/idempotency/command-id';
import { EventStoreIdempotencyKeys, idempotencyKeyStream } from '../../src/idempotency/event-store-idempotency-keys';
import { CommandDispatcher } from '../../src/runtime/command-dispatcher';
import { startEndpoint, type Endpoint } from '../esdb-protocol/endpoint-fixture';
import { call, type EdgeApp, KEYS, startEdgeApp } from '../support/edge-app';
import { heldCount, HOLD_SKU, releaseHeld } from '../support/tab-edge.module';
import { tabAggregate } from '../support/tab.aggregate';
import { tempDir } from '../support/temp-dir';

const item = (sku = 'A', amountMinor = 100) => ({ channel: 'web', sku, amountMinor });
const IN_FLIGHT = '1s';

async function eventsIn(store: EventStore, streamId: string): Promise<number> {
  try {
    return (await store.readStream(streamId)).length;
  } catch (error) {
    if (error instanceof StreamNotFoundError) return 0;
    throw error;
  }
}

/**
 * Two API nodes on one event store (the embedded store served as EventStoreDB): a client's retry
 * may reach either, so Idempotency-Keys live in the event store and every rule holds across them.
 */
describe('Idempotency-Key across two API nodes on EventStoreDB', () => {
  const dirs = [tempDir('idem-node-a'), tempDir('idem-node-b')];
  let endpoint: Endpoint;
  let store: EsdbEventStore;
  let a: EdgeApp;
  let b: EdgeApp;
  const add = (node: EdgeApp, tab: string, key: string, body: object) =>
    call(node.base, 'POST', `/tabs/${tab}/items`, { key: KEYS.web, body, headers: { 'idempotency-key': key } });

  before(async () => {
    endpoint = await startEndpoint();
    store = new EsdbEventStore(endpoint.url);
    const env = { EVENTSTORE_URL: endpoint.url, ROLES: 'api', IDEMPOTENCY_IN_FLIGHT_TIMEOUT: IN_FLIGHT };
    a = await startEdgeApp(dirs[0].path, env);
    b = await startEdgeApp(dirs[1].path, env);
  });
  after(async () => {
    releaseHeld();
    await a?.close();
    await b?.close();
    await store?.close();
    await endpoint?.close();
    for (const dir of dirs) dir.remove();
  });

  it('a retry on the other node gets the first answer, marked as replayed; the key lives in the event store with its retention, no node keeps a file', async () => {
    const first = await add(a, 'x1', 'key-1', item());
    assert.equal(first.status, 201);
    const retry = await add(b, 'x1', 'key-1', item());
    assert.equal(retry.status, 201);
    assert.equal(retry.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(retry.body, first.body);
    assert.equal(await eventsIn(store, 'tab-x1'), 1);
    const keyStream = idempotencyKeyStream('web-shop', 'key-1');
    assert.deepEqual(
      (await store.readStream(keyStream)).map((event) => event.type),
      ['IdempotencyKeyClaimed', 'IdempotencyKeyAnswered'],
    );
    assert.deepEqual(await store.readStreamMetadata(keyStream), { maxAgeSeconds: 7 * 24 * 60 * 60 }, 'kept IDEMPOTENCY_RETENTION_DAYS, then forgotten by the store');
    for (const dir of dirs) assert.equal(existsSync(join(dir.path, 'idempotency.sqlite')), false);
  });

  it('the same key with another payload on the other node: 422, nothing appended', async () => {
    await add(a, 'x2', 'key-2', item('A'));
    const other = await add(b, 'x2', 'key-2', item('B'));
    assert.equal(other.status, 422);
    assert.equal(other.body.error.code, 'IDEMPOTENCY_KEY_REUSED');
    assert.equal(await eventsIn(store, 'tab-x2'), 1);
  });

  it('409 on the other node while the first request is in flight; its answer is replayed there once it is done', async () => {
    const first = add(a, 'x3', 'key-3', item(HOLD_SKU));
    while (heldCount() === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const second = await add(b, 'x3', 'key-3', item(HOLD_SKU));
    assert.equal(second.status, 409);
    assert.equal(second.body.error.code, 'IDEMPOTENCY_KEY_IN_FLIGHT');
    releaseHeld();
    assert.equal((await first).status, 201);
    assert.equal((await add(b, 'x3', 'key-3', item(HOLD_SKU))).headers.get('idempotent-replayed'), 'true');
    assert.equal(await eventsIn(store, 'tab-x3'), 1);
  });

  it('identical requests racing on both nodes with one key record one set of events', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => add(i % 2 === 0 ? a : b, 'x4', 'key-4', item())));
    const statuses = answers.map((answer) => answer.status);
    assert.ok(
      statuses.every((status) => status === 201 || status === 409),
      `statuses ${statuses.join(', ')}`,
    );
    assert.ok(statuses.includes(201));
    assert.equal(await eventsIn(store, 'tab-x4'), 1);
  });

  it('a key left in flight by a node that died is taken over after IDEMPOTENCY_IN_FLIGHT_TIMEOUT, and its command is not applied twice', async () => {
    // What the dead node managed: it claimed the key and its command (id fixed by the key) was appended.
    const deadNode = new EventStoreIdempotencyKeys(store, { retentionDays: 7, inFlightMs: 1000 });
    const fingerprint = canonicalHash({ method: 'POST', route: '/tabs/x5/items', principal: 'web-shop', body: item() });
    assert.equal((await deadNode.claim('web-shop', 'key-5', fingerprint)).outcome, 'claimed');
    await a.app.get(CommandDispatcher).dispatch(tabAggregate, {
      commandId: commandIdFor('web-shop', 'key-5'),
      streamId: 'tab-x5',
      command: { kind: 'AddItem', sku: 'A', amountMinor: 100 },
      metadata: {},
    });
    const soon = await add(b, 'x5', 'key-5', item());
    assert.equal(soon.status, 409, 'within the timeout, the other node may still be running it');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const retry = await add(b, 'x5', 'key-5', item());
    assert.equal(retry.status, 201, 'taken over');
    assert.equal(await eventsIn(store, 'tab-x5'), 1, 'the aggregate answered the command id from its first outcome');
  });

  it('a 500 is not kept: the key is released and a retry on the other node runs again', async () => {
    const failed = await call(a.base, 'POST', '/tabs/fail/internal', { key: KEYS.ops, headers: { 'idempotency-key': 'key-6' } });
    assert.equal(failed.status, 500);
    const retried = await call(b.base, 'POST', '/tabs/fail/internal', { key: KEYS.ops, headers: { 'idempotency-key': 'key-6' } });
    assert.equal(retried.status, 500);
    assert.equal(retried.headers.get('idempotent-replayed'), null);
    const refused = await call(a.base, 'POST', '/tabs/fail/refusal', { key: KEYS.ops, headers: { 'idempotency-key': 'key-7' } });
    const replayed = await call(b.base, 'POST', '/tabs/fail/refusal', { key: KEYS.ops, headers: { 'idempotency-key': 'key-7' } });
    assert.equal(replayed.status, 422);
    assert.equal(replayed.headers.get('idempotent-replayed'), 'true');
    assert.equal(replayed.body.error.code, refused.body.error.code);
  });
});
