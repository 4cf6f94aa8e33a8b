import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { SqliteEventStore } from '../../../src/event-store/embedded/sqlite-event-store';
import type { RecordedEvent } from '../../../src/event-store/event-store.port';
import { AT, workedExampleOrder } from '../../order/api/order-requests';
import { freePort } from '../../support/free-port';
import { tempDir } from '../../support/temp-dir';
import { sagaRecords } from '../../support/saga-records';

/** The service as `npm start` runs it; this file runs from dist-<x>/test/sagas. */
const MAIN = resolve(__dirname, '..', '..', '..', 'src', 'main.js');
const ORDERS = 6;

interface Answer {
  status: number;
  body: any;
}

/** The real service in a child process on `dataDir`; no API keys, so every request acts as local-dev. */
class Service {
  private exited: Promise<void>;
  private stderr = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly base: string,
  ) {
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => (this.stderr += chunk));
    this.exited = new Promise((done) => child.once('exit', () => done()));
  }

  static async start(dataDir: string, env: Record<string, string>): Promise<Service> {
    const [port, grpcPort] = [await freePort(), await freePort()];
    const child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, ...env, DATA_DIR: dataDir, PORT: String(port), GRPC_PORT: String(grpcPort), HOST: '127.0.0.1', LOG_LEVEL: 'warn', SAGA_TIMER_CHECK_INTERVAL: '100ms' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const service = new Service(child, `http://127.0.0.1:${port}`);
    await service.ready();
    return service;
  }

  async request(method: string, path: string, body?: unknown): Promise<Answer> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  /** A write that must succeed. */
  async post(path: string, body: unknown): Promise<void> {
    const answer = await this.request('POST', path, body);
    assert.ok(answer.status >= 200 && answer.status < 300, `POST ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  }

  async orderEvents(orderId: string): Promise<Array<{ type: string; data: any; metadata: any }>> {
    const answer = await this.request('GET', `/orders/${orderId}/events`);
    return answer.status === 200 ? answer.body.events : [];
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed, as in a crash. */
  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  async stop(): Promise<void> {
    this.child.kill('SIGTERM');
    await this.exited;
  }

  /** Within 60 s: two paths below start their services at the same time, on a machine that may be busy. */
  private async ready(): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`the service exited with ${this.child.exitCode}: ${this.stderr}`);
      const ok = await fetch(`${this.base}/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await sleep(50);
    }
    throw new Error(`the service did not become ready within 60 s: ${this.stderr}`);
  }
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Polls until `check` holds (the service works in the background); fails naming `what` after 60 s. */
async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let tries = 0; tries < 1200; tries++) {
    if (await check()) return;
    await sleep(50);
  }
  assert.fail(`never happened: ${what}`);
}

const ids = (prefix: string) => Array.from({ length: ORDERS }, (_, i) => `${prefix}-${i + 1}`);

async function all(service: Service, orderIds: string[], has: (types: string[]) => boolean): Promise<boolean> {
  const histories = await Promise.all(orderIds.map((id) => service.orderEvents(id)));
  return histories.every((events) => has(events.map((event) => event.type)));
}

async function any(service: Service, orderIds: string[], has: (types: string[]) => boolean): Promise<boolean> {
  const histories = await Promise.all(orderIds.map((id) => service.orderEvents(id)));
  return histories.some((events) => has(events.map((event) => event.type)));
}

/** How many instances of a saga are in a state, as the ops view lists them. */
async function inState(service: Service, state: string, saga = 'fulfillment'): Promise<number> {
  const answer = await service.request('GET', `/ops/sagas/${saga}/instances?state=${state}&limit=500`);
  return answer.status === 200 ? answer.body.instances.length : 0;
}

const completed = (service: Service) => inState(service, 'completed');

const SAVE10 = {
  promotionId: 'promo-save10',
  code: 'SAVE10',
  name: '10.00 off your order',
  window: { from: '2026-11-27T00:00:00Z', to: '2026-12-01T00:00:00Z' },
  allSkus: true,
  benefit: { type: 'fixed', amount: { amountMinor: 1000, currency: 'USD' } },
  allocation: 'across',
  funding: { source: 'retailer' },
  reducesTaxBase: true,
  accounting: { costCenter: 'MKT-BF26', glHint: 'discount.retailer' },
  definedAt: '2026-11-20T09:00:00Z',
};

/** SAVE10 defined and active, so the sagas' releases and clawbacks land on a real promotion stream. */
async function definePromotion(service: Service): Promise<void> {
  await service.post('/promotions', SAVE10);
  await service.post('/promotions/promo-save10/activation', { at: '2026-11-26T00:00:00Z' });
}

const applyPromotion = (service: Service, orderId: string) =>
  service.post('/promotions/promo-save10/applications', { orderId, amount: { amountMinor: 1000, currency: 'USD' }, at: '2026-11-27T10:00:00Z' });

/** What the stopped service left on disk. */
async function stored(dataDir: string): Promise<{ stream(id: string): Promise<RecordedEvent[]>; close(): Promise<void> }> {
  const store = new SqliteEventStore({ file: resolve(dataDir, 'events.sqlite'), durability: 'normal' });
  return { stream: (id) => store.readStream(id).catch(() => []), close: () => store.close() };
}

/**
 * The effects of the saga's commands on one stream: the event types in order. Also checks that
 * no command id's events were recorded twice (the same type twice under one command id).
 */
function sagaEffects(events: RecordedEvent[], stream: string, saga = 'fulfillment'): string[] {
  const seen = new Set<string>();
  const effects: string[] = [];
  for (const event of events) {
    if (event.metadata.channel !== `saga:${saga}`) continue;
    const key = `${String(event.metadata.commandId)}/${event.type}`;
    assert.ok(!seen.has(key), `${stream}: command ${String(event.metadata.commandId)} recorded ${event.type} twice`);
    seen.add(key);
    effects.push(event.type);
  }
  return effects;
}

/** Every instance completed exactly once, and issued each of its command ids once. */
function completedOnce(events: RecordedEvent[], instanceId: string): void {
  assert.equal(events.filter((event) => event.type === 'SagaCompleted').length, 1, `${instanceId} completed exactly once`);
  commandsOnce(events, instanceId);
}

function commandsOnce(events: RecordedEvent[], instanceId: string): void {
  const commandIds = sagaRecords(events)
    .filter((event) => event.type === 'CommandIssued')
    .map((event) => (event.data as { commandId: string }).commandId);
  assert.equal(new Set(commandIds).size, commandIds.length, `${instanceId} recorded each command once`);
}

/**
 * A deadline path across two crashes: `setUp` places orders that capture but will time out;
 * the service is killed with the deadline pending, then after the first compensation, and the
 * third start must finish every instance and refund every order.
 */
async function compensatedAcrossKills(dir: string, env: Record<string, string>, orders: string[], setUp: (service: Service) => Promise<void>): Promise<void> {
  let service = await Service.start(dir, env);
  await setUp(service);
  await until('every capture', () => all(service, orders, (types) => types.includes('PaymentCaptured')));
  await service.kill();

  service = await Service.start(dir, env);
  await until('a first compensation', () => any(service, orders, (types) => types.includes('InventoryReleased')));
  await service.kill();

  service = await Service.start(dir, env);
  await until('every instance completed', async () => (await completed(service)) === ORDERS);
  await until('every refund issued', () => all(service, orders, (types) => types.includes('RefundIssued')));
  await service.stop();
}

/** Reserved, captured, then released, cancelled and refunded `refundMinor`, each once; the instance completed once. Returns the order's events. */
async function compensatedOnce(store: Awaited<ReturnType<typeof stored>>, id: string, refundMinor: number): Promise<RecordedEvent[]> {
  const events = await store.stream(`order-${id}`);
  assert.deepEqual(sagaEffects(events, `order-${id}`), ['InventoryReserved', 'PaymentCaptured', 'InventoryReleased', 'OrderCancelled', 'RefundIssued'], `${id}: each step once`);
  assert.deepEqual(
    events.filter((event) => event.type === 'RefundIssued').map((event) => (event.data as { amountMinor: number }).amountMinor),
    [refundMinor],
  );
  completedOnce(await store.stream(`saga-fulfillment-${id}`), id);
  return events;
}

// Two paths at a time, each on its own DATA_DIR and ports: most of each is a service starting
// (loading its code), which keeps about one core busy, so two side by side use both cores of the
// machine without slowing each other much (more at once would only queue for the cores, and each
// path must still finish within the per-test timeout).
describe('sagas survive SIGKILL of the service in the middle of each path (new process, same DATA_DIR)', { concurrency: 2 }, () => {
  const dirs: Array<{ remove(): void }> = [];
  after(() => dirs.forEach((dir) => dir.remove()));
  const dataDir = (label: string) => {
    const dir = tempDir(label);
    dirs.push(dir);
    return dir.path;
  };

  it('happy path with split shipments: killed while reserving, while capturing and between shipments', async () => {
    const dir = dataDir('restart-happy');
    const env = { FULFILLMENT_PAYMENT_TIMEOUT: '1h' };
    const orders = ids('happy');

    let service = await Service.start(dir, env);
    await Promise.all(orders.map((id) => service.post('/orders', workedExampleOrder(id))));
    await until('a first reservation', () => any(service, orders, (types) => types.includes('InventoryReserved')));
    await service.kill();

    service = await Service.start(dir, env);
    await until('every order reserved', () => all(service, orders, (types) => types.includes('InventoryReserved')));
    await Promise.all(orders.map((id) => service.post(`/orders/${id}/authorizations`, { authorizationId: 'auth-1', amountMinor: 10519, currency: 'USD', at: AT })));
    await service.kill();

    service = await Service.start(dir, env);
    await until('every order captured', () => all(service, orders, (types) => types.includes('PaymentCaptured')));
    await Promise.all(orders.map((id) => service.post(`/orders/${id}/shipments`, { shipmentId: 's-1', lines: [{ lineId: 'L1', quantity: 2 }], shippedAt: AT })));
    await service.kill();

    service = await Service.start(dir, env);
    await Promise.all(orders.map((id) => service.post(`/orders/${id}/shipments`, { shipmentId: 's-2', lines: [{ lineId: 'L2', quantity: 1 }], shippedAt: AT })));
    await until('every instance completed', async () => (await completed(service)) === ORDERS);
    await service.stop();

    const store = await stored(dir);
    for (const id of orders) {
      assert.deepEqual(sagaEffects(await store.stream(`order-${id}`), `order-${id}`), ['InventoryReserved', 'PaymentCaptured'], `${id}: reserved once, captured once`);
      const captured = (await store.stream(`order-${id}`)).filter((event) => event.type === 'PaymentCaptured');
      assert.deepEqual(
        captured.map((event) => (event.data as { amountMinor: number }).amountMinor),
        [10519],
      );
      completedOnce(await store.stream(`saga-fulfillment-${id}`), id);
    }
    await store.close();
  });

  it('payment timeout: killed with the deadline pending, then in the middle of compensating; each compensation once', async () => {
    const dir = dataDir('restart-payment');
    const orders = ids('unpaid');
    await compensatedAcrossKills(dir, { FULFILLMENT_PAYMENT_TIMEOUT: '5s' }, orders, async (service) => {
      await definePromotion(service);
      for (const id of orders) {
        await service.post('/orders', workedExampleOrder(id));
        await applyPromotion(service, id);
        // Authorized for less than the total: the capture never covers the order, the deadline will pass.
        await service.post(`/orders/${id}/authorizations`, { authorizationId: 'auth-1', amountMinor: 5000, currency: 'USD', at: AT });
      }
    });

    const store = await stored(dir);
    const promotion = await store.stream('promotion-promo-save10');
    for (const id of orders) {
      await compensatedOnce(store, id, 5000);
      const released = promotion.filter((event) => event.type === 'PromotionApplicationReleased' && (event.data as { orderId: string }).orderId === id);
      assert.equal(released.length, 1, `${id}: promotion usage released once`);
    }
    sagaEffects(promotion, 'promotion-promo-save10');
    await store.close();
  });

  it('pickup not collected: killed with the pickup deadline pending, then in the middle of cancelling and refunding', async () => {
    const dir = dataDir('restart-pickup');
    const orders = ids('pickup');
    await compensatedAcrossKills(dir, { FULFILLMENT_PICKUP_TIMEOUT: '5s' }, orders, async (service) => {
      for (const id of orders) {
        await service.post('/orders', { ...workedExampleOrder(id), fulfillment: { type: 'pickup', locationId: 'store-7' } });
        await service.post(`/orders/${id}/authorizations`, { authorizationId: 'auth-1', amountMinor: 10519, currency: 'USD', at: AT });
      }
    });

    const store = await stored(dir);
    for (const id of orders) {
      const events = await compensatedOnce(store, id, 10519);
      assert.equal((events.find((event) => event.type === 'InventoryReserved')!.data as { locationId: string }).locationId, 'store-7');
    }
    await store.close();
  });

  it('customer return refund: killed while returns open and in the middle of refunding; provider, clawback and refund once each', async () => {
    const dir = dataDir('restart-refund');
    const env = { PAYMENT_PROVIDER: 'simulated' };
    const orders = ids('returned');

    let service = await Service.start(dir, env);
    await definePromotion(service);
    for (const id of orders) {
      await service.post('/orders', workedExampleOrder(id));
      await applyPromotion(service, id);
      await service.post(`/orders/${id}/authorizations`, { authorizationId: 'auth-1', amountMinor: 10519, currency: 'USD', at: AT });
    }
    await until('every order captured', () => all(service, orders, (types) => types.includes('PaymentCaptured')));
    for (const id of orders)
      await service.post(`/orders/${id}/shipments`, {
        shipmentId: 's-1',
        lines: [
          { lineId: 'L1', quantity: 2 },
          { lineId: 'L2', quantity: 1 },
        ],
        shippedAt: AT,
      });
    await until('every fulfillment completed', async () => (await completed(service)) === ORDERS);
    await Promise.all(orders.map((id) => service.post(`/orders/${id}/returns`, { returnId: 'r-1', lines: [{ lineId: 'L1', quantity: 1 }], at: AT })));
    await service.kill();

    service = await Service.start(dir, env);
    await Promise.all(orders.map((id) => service.post(`/orders/${id}/returns/r-1/receipt`, { at: AT })));
    await until('a first refund', () => any(service, orders, (types) => types.includes('RefundIssued')));
    await service.kill();

    service = await Service.start(dir, env);
    await until('every return refunded', async () => (await inState(service, 'refunded', 'refund')) === ORDERS);
    await service.stop();

    const store = await stored(dir);
    const promotion = await store.stream('promotion-promo-save10');
    for (const id of orders) {
      const events = await store.stream(`order-${id}`);
      assert.deepEqual(sagaEffects(events, `order-${id}`, 'refund'), ['RefundIssued'], `${id}: refunded once`);
      assert.deepEqual(
        events.filter((event) => event.type === 'RefundIssued').map((event) => (event.data as { amountMinor: number }).amountMinor),
        [2931],
      );
      const clawedBack = promotion.filter((event) => event.type === 'PromotionClawedBack' && (event.data as { orderId: string }).orderId === id);
      assert.equal(clawedBack.length, 1, `${id}: SAVE10's share clawed back once`);
      const saga = sagaRecords(await store.stream(`saga-refund-${id}`));
      commandsOnce(saga, `refund ${id}`);
      const payments = saga.filter((event) => event.type === 'CommandIssued' && (event.data as { kind: string }).kind === 'RefundPayment');
      assert.equal(payments.length, 1, `${id}: the payment provider was asked once (one idempotency key)`);
      assert.equal(saga.filter((event) => event.type === 'RefundRecorded').length, 1, `${id}: the refund was recorded once`);
      completedOnce(await store.stream(`saga-fulfillment-${id}`), id);
    }
    sagaEffects(promotion, 'promotion-promo-save10', 'refund');
    await store.close();
  });
});

describe('saga settings', () => {
  it('a bad saga setting stops the service at start with one message naming each bad value', () => {
    const dir = tempDir('saga-settings');
    try {
      const run = spawnSync(process.execPath, [MAIN], {
        env: {
          ...process.env,
          DATA_DIR: dir.path,
          SAGAS_ENABLED: 'yes',
          FULFILLMENT_PAYMENT_TIMEOUT: '30 minutes',
          FULFILLMENT_PICKUP_TIMEOUT: '0h',
          SAGA_TIMER_CHECK_INTERVAL: '1.5s',
        },
        encoding: 'utf8',
      });
      assert.equal(run.status, 1);
      assert.match(run.stderr, /SAGAS_ENABLED="yes": SAGAS_ENABLED must be true or false/);
      assert.match(run.stderr, /FULFILLMENT_PAYMENT_TIMEOUT="30 minutes": .*a positive integer and a unit, such as 500ms, 30s, 15m, 2h or 3d/);
      assert.match(run.stderr, /FULFILLMENT_PICKUP_TIMEOUT="0h"/);
      assert.match(run.stderr, /SAGA_TIMER_CHECK_INTERVAL="1.5s"/);
    } finally {
      dir.remove();
    }
  });
});
