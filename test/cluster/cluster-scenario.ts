import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { durationMs } from '../../src/config/duration';
import { StreamNotFoundError } from '../../src/event-store/event-store.errors';
import { EsdbEventStore } from '../../src/event-store/esdb/esdb-event-store';
import type { RecordedEvent } from '../../src/event-store/event-store.port';
import { AT, workedExampleOrder } from '../order/api/order-requests';
import { tempDir } from '../support/temp-dir';
import { type Answer, ClusterEndpoint, ClusterNode } from './cluster-harness';
import { sagaRecords } from '../support/saga-records';

export interface ClusterOptions {
  /**
   * `full`: two API nodes, two saga and delivery nodes, a projection node (docs/operations.md).
   * `small` (npm test): one API node, one API and projection node, two saga nodes: a process less,
   * and no read models on the saga nodes.
   */
  topology: 'full' | 'small';
  /** Orders placed before the saga node is killed; half as many again after the take-over. */
  orders: number;
  /** LEASE_TIMEOUT of the saga nodes. */
  leaseTimeout: string;
  /** Progress lines (the script prints them; the test keeps quiet). */
  log?: (line: string) => void;
}

/** What one run measured. Every check has passed when it is returned. */
export interface ClusterRun {
  topology: ClusterOptions['topology'];
  seconds: number;
  startSeconds: number;
  orders: number;
  /** Orders the first saga node had captured when it was killed (of `ordersBeforeKill`). */
  capturedAtKill: number;
  ordersBeforeKill: number;
  /** From the SIGKILL to the standby's LeaseTaken in the event store (the store's clock, the same machine's). */
  takeOverSeconds: number;
  /** From the SIGKILL to the standby's readiness probe saying it runs the sagas (polled, so a little later). */
  activeSeenSeconds: number;
  leaseTimeoutSeconds: number;
  /** The answers of the two API nodes to the same Idempotency-Key sent to both at once. */
  sameKeyStatuses: number[];
  /** The log position the projection node's open-items view reflected at the end. */
  openItemsCheckpoint: string;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (await check()) return;
    await sleep(20);
  }
  throw new Error(`never happened within ${timeoutMs / 1000} s: ${what}`);
}

/**
 * The deployment of docs/operations.md on one machine, each node a real `dist/src/main.js`: the
 * embedded store's EventStoreDB protocol endpoint plays the cluster (a process of its own); two
 * API nodes, two saga nodes (one runs, one stands by), a projection node. Orders go through both
 * API nodes, one Idempotency-Key through both at once; the active saga node is SIGKILLed while it
 * captures; the standby takes over. Then it checks: one order for the key, each saga command took
 * effect once, the projection node built its read models and its views say the log position they
 * reflect, an API node kept nothing on disk.
 */
export async function runCluster(options: ClusterOptions): Promise<ClusterRun> {
  const log = options.log ?? (() => undefined);
  const root = tempDir('cluster');
  const begun = performance.now();
  const nodes: ClusterNode[] = [];
  let endpoint: ClusterEndpoint | undefined;
  let store: EsdbEventStore | undefined;
  try {
    endpoint = await ClusterEndpoint.start(root.path);
    const url = endpoint.url;
    store = new EsdbEventStore(endpoint.url);
    const node = async (name: string, roles: string) => {
      const child = await ClusterNode.start(name, {
        roles,
        eventStoreUrl: url,
        dataDir: join(root.path, name),
        env: { LEASE_TIMEOUT: options.leaseTimeout, SAGA_TIMER_CHECK_INTERVAL: '100ms' },
      });
      nodes.push(child);
      return child;
    };
    const full = options.topology === 'full';
    const sagaRoles = full ? 'sagas,delivery' : 'sagas';
    const started = await Promise.all([
      node('api-a', 'api'),
      node('api-b', full ? 'api' : 'api,projections'),
      node('sagas-1', sagaRoles),
      node('sagas-2', sagaRoles),
      ...(full ? [node('projections', 'projections')] : []),
    ]);
    const [apiA, apiB] = started;
    const projections = started[full ? 4 : 1];
    const sagaNodes = started.slice(2, 4);
    let roles: Array<string | undefined> = [];
    await until('one saga node holding the saga lease, the other standing by', async () => {
      roles = await Promise.all(sagaNodes.map((saga) => saga.leaseRole('sagas')));
      return roles.includes('active') && roles.includes('standby');
    });
    const [active, standby] = roles[0] === 'active' ? sagaNodes : [...sagaNodes].reverse();
    const startSeconds = (performance.now() - begun) / 1000;
    log(`cluster up in ${startSeconds.toFixed(1)} s: ${url}; ${started.map((n) => n.name).join(', ')}; ${active.name} runs the sagas, ${standby.name} stands by`);

    const apis = [apiA, apiB];
    const eventsOf = async (streamId: string): Promise<RecordedEvent[]> => {
      try {
        return await store!.readStream(streamId);
      } catch (error) {
        if (error instanceof StreamNotFoundError) return [];
        throw error;
      }
    };
    const has = async (orderId: string, type: string) => (await eventsOf(`order-${orderId}`)).some((event) => event.type === type);

    // One Idempotency-Key sent to both API nodes at once: one order.
    const sameKey = { 'idempotency-key': 'place-same-key' };
    const sameKeyAnswers = await Promise.all(apis.map((api) => api.request('POST', '/orders', workedExampleOrder('same-key'), sameKey)));
    const sameKeyStatuses = sameKeyAnswers.map((answer) => answer.status);
    assert.ok(sameKeyStatuses.includes(201) && sameKeyStatuses.every((status) => status === 201 || status === 409), `same key on both nodes: ${sameKeyStatuses.join(', ')}`);
    for (const api of apis) {
      const retry = await api.request('POST', '/orders', workedExampleOrder('same-key'), sameKey);
      assert.equal(retry.status, 201, `${api.name}: the retry is answered`);
      assert.deepEqual(retry.body, sameKeyAnswers.find((answer) => answer.status === 201)!.body, `${api.name}: with the first answer`);
    }
    assert.equal((await apiB.request('POST', '/orders', { ...workedExampleOrder('same-key'), companyCode: 'DE01' }, sameKey)).status, 422);
    assert.equal((await eventsOf('order-same-key')).filter((event) => event.type === 'OrderPlaced').length, 1, 'one order for the key');
    log(`same Idempotency-Key on both API nodes at once: ${sameKeyStatuses.join(' and ')}, retries replayed on both, one order`);

    // Orders through both API nodes, each with its key; then their payments.
    const place = (ids: string[]) => Promise.all(ids.map((id, i) => apis[i % 2].post('/orders', workedExampleOrder(id), { 'idempotency-key': `place-${id}` })));
    const authorize = (ids: string[]) =>
      Promise.all(
        ids.map((id, i) =>
          apis[(i + 1) % 2].post(
            `/orders/${id}/authorizations`,
            { authorizationId: 'auth-1', amountMinor: 10519, currency: 'USD', at: AT },
            { 'idempotency-key': `authorize-${id}` },
          ),
        ),
      );
    const before = Array.from({ length: options.orders }, (_, i) => `before-${i + 1}`);
    const after = Array.from({ length: Math.ceil(options.orders / 2) }, (_, i) => `after-${i + 1}`);
    await place(before);
    await until('every order reserved', async () => (await Promise.all(before.map((id) => has(id, 'InventoryReserved')))).every(Boolean));

    // Payments arrive one after another; once the saga node has captured one, it is killed while the others come in.
    const paying = (async () => {
      for (const [i, id] of before.entries()) {
        await apis[i % 2].post(
          `/orders/${id}/authorizations`,
          { authorizationId: 'auth-1', amountMinor: 10519, currency: 'USD', at: AT },
          { 'idempotency-key': `authorize-${id}` },
        );
        await sleep(50);
      }
    })();
    const captured = async () =>
      (await store!.readAll({ filter: { on: 'eventType', prefixes: ['PaymentCaptured'] } })).filter((event) => event.streamId.startsWith('order-before-')).length;
    await until('a first capture', async () => (await captured()) > 0);
    const killedAtWallClock = Date.now();
    const killedAt = performance.now();
    await active.kill();
    const capturedAtKill = await captured();
    log(`SIGKILL ${active.name} with ${capturedAtKill} of ${before.length} orders captured`);
    await paying;

    await until(`${standby.name} taking over`, async () => (await standby.leaseRole('sagas')) === 'active', 120_000);
    const activeSeenSeconds = (performance.now() - killedAt) / 1000;
    // The take-over's own event: by the time the poll above saw it, the new holder may have renewed already.
    const taken = (await store.readStream('lease-sagas', { direction: 'backwards' })).find((event) => event.type === 'LeaseTaken');
    assert.ok(taken, 'the standby took the saga lease');
    assert.match(String((taken.data as { holder: string }).holder), new RegExp(`/${standby.pid}/`), 'the standby holds the saga lease');
    const takeOverSeconds = (taken.recordedAt.getTime() - killedAtWallClock) / 1000;
    log(
      `${standby.name} took the saga lease ${takeOverSeconds.toFixed(2)} s after the kill, said so ${activeSeenSeconds.toFixed(2)} s after it (LEASE_TIMEOUT ${options.leaseTimeout})`,
    );

    await place(after);
    await authorize(after);
    const orders = [...before, ...after];
    // A step's commands take effect before the saga records the step, so the capture can be on the order a moment before its CommandIssued.
    const capturedAndRecorded = async (id: string) =>
      (await has(id, 'PaymentCaptured')) && sagaRecords(await eventsOf(`saga-fulfillment-${id}`)).filter((event) => event.type === 'CommandIssued').length >= 2;
    await until('every order captured, and the capture recorded by its saga', async () => (await Promise.all(orders.map(capturedAndRecorded))).every(Boolean), 120_000);

    // Each of the saga's commands took effect once, however the kill cut its steps.
    for (const id of orders) {
      const events = await eventsOf(`order-${id}`);
      const ids = events.map((event) => event.eventId);
      assert.equal(new Set(ids).size, ids.length, `order-${id}: an event recorded twice`);
      const effects = new Map<string, string[]>();
      for (const event of events.filter((e) => e.metadata.channel === 'saga:fulfillment')) {
        const commandId = String(event.metadata.commandId);
        effects.set(commandId, [...(effects.get(commandId) ?? []), event.type]);
      }
      assert.deepEqual([...effects.values()], [['InventoryReserved'], ['PaymentCaptured']], `order-${id}: reserved once, captured once`);
      const saga = sagaRecords(await eventsOf(`saga-fulfillment-${id}`));
      const issued = saga.filter((event) => event.type === 'CommandIssued').map((event) => (event.data as { commandId: string }).commandId);
      assert.deepEqual(issued, [...effects.keys()], `saga-fulfillment-${id}: each command recorded once, and it is the one the order holds`);
      const inputs = saga.filter((event) => event.type === 'InputHandled').map((event) => (event.data as { inputId: string }).inputId);
      assert.equal(new Set(inputs).size, inputs.length, `saga-fulfillment-${id}: an input handled twice`);
    }
    log(`${orders.length} orders: each reserved once and captured once, each saga command recorded once`);

    // The projection node built its own read models from the log; its views say where in the log they stand.
    await until('the projection node caught up', async () => {
      const status = await projections.request('GET', '/projections');
      return status.status === 200 && status.body.projections.every((p: { state: string; eventsBehind: number }) => p.state === 'live' && p.eventsBehind === 0);
    });
    const views: Record<string, Answer> = {
      projections: await projections.request('GET', '/projections'),
      trialBalance: await projections.request('GET', '/finance/trial-balance?from=2026-11-01&to=2026-11-30'),
      openItems: await projections.request('GET', '/finance/open-items'),
      promotionCost: await projections.request('GET', '/finance/promotion-cost'),
      settlements: await projections.request('GET', '/finance/settlements'),
    };
    for (const [name, view] of Object.entries(views)) assert.equal(view.status, 200, `${name}: ${JSON.stringify(view.body)}`);
    for (const projection of views.projections.body.projections) assert.ok('checkpoint' in projection, `${projection.projection} says its checkpoint`);
    // null: its projection has applied no event yet (no promotion or payout in this run).
    for (const name of ['trialBalance', 'openItems', 'promotionCost', 'settlements'])
      assert.match(String(views[name].body.checkpoint), /^(\d+|null)$/, `${name} says the log position it reflects`);
    assert.match(String(views.openItems.body.checkpoint), /^\d+$/);
    const deposits = views.openItems.body.items.filter((item: { kind: string }) => item.kind === 'deposit-not-earned');
    assert.equal(deposits.length, orders.length, 'every captured order is a deposit not yet earned');
    assert.equal(new Set(deposits.map((item: { orderId: string }) => item.orderId)).size, orders.length);
    log(`projection node: every view carries its checkpoint (open items at ${views.openItems.body.checkpoint}), ${deposits.length} deposits`);

    // An API node keeps nothing another node needs.
    for (const api of full ? apis : [apiA]) assert.deepEqual(existsSync(api.dataDir) ? readdirSync(api.dataDir) : [], [], `${api.name} wrote files in its DATA_DIR`);

    return {
      topology: options.topology,
      seconds: (performance.now() - begun) / 1000,
      startSeconds,
      orders: orders.length,
      capturedAtKill,
      ordersBeforeKill: before.length,
      takeOverSeconds,
      activeSeenSeconds,
      leaseTimeoutSeconds: durationMs(options.leaseTimeout) / 1000,
      sameKeyStatuses,
      openItemsCheckpoint: String(views.openItems.body.checkpoint),
    };
  } finally {
    await store?.close();
    await Promise.all(nodes.map((node) => node.stop()));
    await endpoint?.stop();
    root.remove();
  }
}
