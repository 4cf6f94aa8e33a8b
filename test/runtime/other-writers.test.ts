import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SqliteEventStore } from '../../src/event-store/embedded/sqlite-event-store';
import { EventStoreUnavailableError } from '../../src/event-store/event-store.errors';
import { EsdbEventStore } from '../../src/event-store/esdb/esdb-event-store';
import type { AllSubscription, EventStore } from '../../src/event-store/event-store.port';
import { LogFollowMetrics } from '../../src/observability/metrics/log-follow-metrics';
import { MetricsRegistry } from '../../src/observability/metrics/metrics-registry';
import { orderAggregate } from '../../src/order/order.aggregate';
import type { OrderCommand } from '../../src/order/order.commands';
import { BusinessRuleRefusal } from '../../src/runtime/business-rule-refusal';
import { CommandDispatcher, type CommandDispatcherOptions } from '../../src/runtime/command-dispatcher';
import type { ChangeWaitEnd } from '../../src/runtime/stream-changes';
import { eventually, startEndpoint, type Endpoint } from '../esdb-protocol/endpoint-fixture';
import { authorize, capture, workedExample } from '../order/order.fixtures';
import { samplesOf, valueOf } from '../support/prometheus-text';
import { tempDir } from '../support/temp-dir';

const options: CommandDispatcherOptions = { mailboxCapacity: 100, maxWarmActors: 100, idleEvictionMs: 60_000, maxConflictRetries: 5 };
/** A wait that the tests expect to be cut short: one answered after half of it was not woken. */
const LONG_WAIT_MS = 25_000;

/**
 * Two nodes on one store, each with its own actors (an API node and the saga node on
 * EventStoreDB): what one appends, the other's warm aggregate must decide and answer with.
 */
describe('aggregates written by several processes', () => {
  const dir = tempDir('other-writers');
  let store: SqliteEventStore;
  let n = 0;
  const send = (node: CommandDispatcher, streamId: string, command: OrderCommand) => node.dispatch(orderAggregate, { commandId: `cmd-${++n}`, streamId, command, metadata: {} });

  before(() => {
    store = new SqliteEventStore({ file: join(dir.path, 'events.sqlite') });
  });
  after(async () => {
    await store.close();
    dir.remove();
  });

  it('following other writers, a warm order takes the authorization another node recorded: the capture goes through and reads show it', async () => {
    const [api, sagas] = [new CommandDispatcher(store, { ...options, followOtherWriters: true }), new CommandDispatcher(store, { ...options, followOtherWriters: true })];
    try {
      await send(sagas, 'order-fw-1', workedExample({ orderId: 'fw-1' }));
      await send(api, 'order-fw-1', authorize(10519));
      const captured = await send(sagas, 'order-fw-1', capture(10519));
      assert.deepEqual(
        captured.events.map((e) => e.type),
        ['PaymentCaptured'],
      );
      const seenByApi = await api.current(orderAggregate, 'order-fw-1');
      assert.equal(seenByApi.revision, 2, 'the API node reads the capture the saga node recorded');
      assert.deepEqual(
        (await store.readStream('order-fw-1')).map((e) => e.type),
        ['OrderPlaced', 'PaymentAuthorized', 'PaymentCaptured'],
      );
    } finally {
      api.stop();
      sagas.stop();
    }
  });

  it('without following (one writing process, the embedded store), the same warm order refuses from its stale state: why nodes on EventStoreDB follow', async () => {
    const [api, sagas] = [new CommandDispatcher(store, options), new CommandDispatcher(store, options)];
    try {
      await send(sagas, 'order-fw-2', workedExample({ orderId: 'fw-2' }));
      await send(api, 'order-fw-2', authorize(10519));
      await assert.rejects(send(sagas, 'order-fw-2', capture(10519)), BusinessRuleRefusal);
      assert.equal((await sagas.current(orderAggregate, 'order-fw-2')).revision, 0, 'an answer from the past');
    } finally {
      api.stop();
      sagas.stop();
    }
  });
  it("a reader waiting on one node for an order to change is woken by that node's commands and by another node's, long before its wait runs out", async () => {
    const [api, sagas] = [new CommandDispatcher(store, { ...options, followOtherWriters: true }), new CommandDispatcher(store, { ...options, followOtherWriters: true })];
    try {
      await send(api, 'order-fw-3', workedExample({ orderId: 'fw-3' }));
      const woken = api.waitForChange(orderAggregate, 'order-fw-3', 0, 60_000);
      await send(api, 'order-fw-3', authorize(10519));
      assert.equal(await woken, 'appended');

      const started = Date.now();
      const waiting = api.waitForChange(orderAggregate, 'order-fw-3', 1, LONG_WAIT_MS);
      await eventually(() => api.changeWaiters === 1, 'the reader waits');
      await send(sagas, 'order-fw-3', capture(10519));
      assert.equal(await waiting, 'appended', "the saga node's capture wakes this node's waiter");
      const tookMs = Date.now() - started;
      assert.ok(tookMs < LONG_WAIT_MS / 2, `answered after ${tookMs} ms of a ${LONG_WAIT_MS} ms wait`);
      assert.equal((await api.current(orderAggregate, 'order-fw-3')).revision, 2, 'the read after the wait shows it');
      assert.equal(await api.waitForChange(orderAggregate, 'order-fw-3', 1, 60_000), 'appended', 'a wait from a revision already passed ends at once');
      assert.equal(api.logSubscriptions, 1, 'one subscription for every order');
    } finally {
      api.stop();
      sagas.stop();
    }
    assert.equal(api.logSubscriptions, 0, 'stopping the node closes its subscription');
  });

  it("another node's append that this node's log shows between a reader's read and its wait ends that wait at once", async () => {
    const seen = new EventTarget();
    let betweenReadAndWait: (() => Promise<void>) | undefined;
    // The API node's store: its reads and its subscription are the real store's; one read is followed by the saga node's capture.
    const apiStore = storeWith(store, {
      async readStream(...args) {
        const read = await store.readStream(...args);
        const step = betweenReadAndWait;
        betweenReadAndWait = undefined;
        await step?.();
        return read;
      },
      subscribeToAll: (...args) => telling(store.subscribeToAll(...args), seen),
    });
    const [api, sagas] = [new CommandDispatcher(apiStore, { ...options, followOtherWriters: true }), new CommandDispatcher(store, { ...options, followOtherWriters: true })];
    try {
      await send(sagas, 'order-fw-4', workedExample({ orderId: 'fw-4' }));
      await send(sagas, 'order-fw-4', authorize(10519));
      assert.equal(await api.waitForChange(orderAggregate, 'order-fw-4', 0, LONG_WAIT_MS), 'appended', 'the API node reads revision 1');
      betweenReadAndWait = async () => {
        const delivered = new Promise((resolve) => seen.addEventListener('order-fw-4@2', resolve, { once: true }));
        await send(sagas, 'order-fw-4', capture(10519));
        await delivered;
      };
      const started = Date.now();
      assert.equal(await api.waitForChange(orderAggregate, 'order-fw-4', 1, LONG_WAIT_MS), 'appended', 'the capture came through the log before the wait began');
      assert.equal(betweenReadAndWait, undefined, 'the capture landed between the read and the wait');
      const tookMs = Date.now() - started;
      assert.ok(tookMs < LONG_WAIT_MS / 2, `answered after ${tookMs} ms of a ${LONG_WAIT_MS} ms wait`);
    } finally {
      api.stop();
      sagas.stop();
    }
  });

  it('a subscription that fails is reported and opened again after the last event it delivered: a capture made meanwhile still wakes the waiter', async () => {
    const failures: Error[] = [];
    let subscriptions = 0;
    const apiStore = storeWith(store, {
      subscribeToAll(...args) {
        const subscription = store.subscribeToAll(...args);
        // The first one breaks at once, as a connection to EventStoreDB may.
        if (++subscriptions === 1) void subscription.close();
        return subscription;
      },
    });
    const api = new CommandDispatcher(apiStore, { ...options, followOtherWriters: true, reportFollowFailure: (error) => failures.push(error) });
    const sagas = new CommandDispatcher(store, { ...options, followOtherWriters: true });
    try {
      await send(sagas, 'order-fw-5', workedExample({ orderId: 'fw-5' }));
      const waiting = api.waitForChange(orderAggregate, 'order-fw-5', 0, LONG_WAIT_MS);
      await eventually(() => api.changeWaiters === 1, 'the reader waits');
      await send(sagas, 'order-fw-5', authorize(10519));
      assert.equal(await waiting, 'appended');
      assert.equal(failures.length, 1, 'the broken subscription is reported');
      assert.equal(subscriptions, 2, 'and opened again');
    } finally {
      api.stop();
      sagas.stop();
    }
  });

  it('a log that cannot be followed yet holds no wait up: the wait ends when its time runs out, and following starts on a later try', async () => {
    const failures: Error[] = [];
    let available = false;
    const apiStore = storeWith(store, {
      async readAll(...args) {
        if (!available) throw new Error('EventStoreDB unavailable');
        return store.readAll(...args);
      },
    });
    const api = new CommandDispatcher(apiStore, { ...options, followOtherWriters: true, reportFollowFailure: (error) => failures.push(error) });
    try {
      await send(api, 'order-fw-7', workedExample({ orderId: 'fw-7' }));
      assert.equal(await api.waitForChange(orderAggregate, 'order-fw-7', 0, 50), 'timed-out', 'the wait went on without the log');
      assert.equal(failures[0]?.message, 'EventStoreDB unavailable');
      assert.equal(api.logSubscriptions, 0);
      available = true;
      await eventually(() => api.logSubscriptions === 1, 'the subscription opens on a later try');
    } finally {
      api.stop();
    }
  });

  it('without following other writers, waiting opens no subscription', async () => {
    const api = new CommandDispatcher(store, options);
    try {
      await send(api, 'order-fw-6', workedExample({ orderId: 'fw-6' }));
      assert.equal(await api.waitForChange(orderAggregate, 'order-fw-6', 0, 1), 'timed-out');
      assert.equal(api.logSubscriptions, 0);
    } finally {
      api.stop();
    }
  });
});

/** The real store, with some of its methods seen through `overrides`. */
function storeWith(store: EventStore, overrides: Partial<EventStore>): EventStore {
  return new Proxy(store, {
    get(target, property) {
      const value: unknown = Reflect.get(property in overrides ? overrides : target, property);
      return typeof value === 'function' && !(property in overrides) ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Passes the subscription on, and dispatches `<stream>@<revision>` once its reader has taken that event and asked for the next. */
function telling(subscription: AllSubscription, seen: EventTarget): AllSubscription {
  return {
    close: () => subscription.close(),
    async *[Symbol.asyncIterator]() {
      for await (const message of subscription) {
        yield message;
        if (message.kind === 'event') seen.dispatchEvent(new Event(`${message.event.streamId}@${message.event.revision}`));
      }
    },
  };
}

/** The same over EventStoreDB's protocol, each node with its own client: the production path, the filter applied by the server. */
describe('several nodes on EventStoreDB: waiting readers', () => {
  let endpoint: Endpoint;
  let stores: EsdbEventStore[];
  let n = 0;
  const send = (node: CommandDispatcher, streamId: string, command: OrderCommand) =>
    node.dispatch(orderAggregate, { commandId: `esdb-cmd-${++n}`, streamId, command, metadata: {} });
  /** The order placed and authorized on the saga node, and the API node's reader waiting past the authorization: its wait, once it waits. */
  const waitingForCapture = async (api: CommandDispatcher, sagas: CommandDispatcher, orderId: string): Promise<{ waiting: Promise<ChangeWaitEnd> }> => {
    await send(sagas, `order-${orderId}`, workedExample({ orderId }));
    await send(sagas, `order-${orderId}`, authorize(10519));
    const waiting = api.waitForChange(orderAggregate, `order-${orderId}`, 1, LONG_WAIT_MS);
    await eventually(() => api.changeWaiters === 1, 'the reader waits');
    return { waiting };
  };

  before(async () => {
    endpoint = await startEndpoint();
    stores = [new EsdbEventStore(endpoint.url), new EsdbEventStore(endpoint.url)];
  });
  after(async () => {
    for (const store of stores) await store.close();
    await endpoint.close();
  });

  it("the saga node's capture wakes a reader waiting on the API node long before its wait runs out", async () => {
    const [api, sagas] = stores.map((store) => new CommandDispatcher(store, { ...options, followOtherWriters: true }));
    try {
      const started = Date.now();
      const { waiting } = await waitingForCapture(api, sagas, 'esdb-1');
      await send(sagas, 'order-esdb-1', capture(10519));
      assert.equal(await waiting, 'appended');
      const tookMs = Date.now() - started;
      assert.ok(tookMs < LONG_WAIT_MS / 2, `answered after ${tookMs} ms of a ${LONG_WAIT_MS} ms wait`);
      assert.equal((await api.current(orderAggregate, 'order-esdb-1')).revision, 2);
    } finally {
      api.stop();
      sagas.stop();
    }
  });

  it('a subscription that breaks is counted as a failure and shows retrying until it is open again; the capture made meanwhile wakes its reader, counted', async () => {
    const metrics = new MetricsRegistry();
    const followed = followMetricsOf(metrics);
    let subscription: AllSubscription | undefined;
    let unavailable = false;
    let refused = 0;
    const apiStore = storeWith(stores[0], {
      subscribeToAll(...args) {
        if (unavailable) {
          refused += 1;
          throw new EventStoreUnavailableError('EventStoreDB unavailable');
        }
        subscription = stores[0].subscribeToAll(...args);
        return subscription;
      },
    });
    const api = new CommandDispatcher(apiStore, { ...options, followOtherWriters: true, followObserver: new LogFollowMetrics(metrics) });
    const sagas = new CommandDispatcher(stores[1], { ...options, followOtherWriters: true });
    try {
      const { waiting } = await waitingForCapture(api, sagas, 'esdb-2');
      assert.deepEqual(await followed(), { open: 1, failures: undefined, woken: undefined }, 'following orders, nothing failed yet');

      unavailable = true;
      await subscription!.close();
      // Retries may come quickly (jittered backoff): at least the break and one refused retry.
      await eventually(async () => ((await followed()).failures ?? 0) >= 2, 'the break and a retry after it counted');
      assert.equal((await followed()).open, 0, 'retrying');
      await send(sagas, 'order-esdb-2', capture(10519));
      unavailable = false;
      assert.equal(await waiting, 'appended', 'the capture made while retrying wakes the reader once following again');
      assert.deepEqual(await followed(), { open: 1, failures: 1 + refused, woken: 1 }, 'the break and every refused retry counted');
    } finally {
      api.stop();
      sagas.stop();
    }
  });

  it('a log that cannot be followed yet shows retrying, counted, until its subscription opens', async () => {
    const metrics = new MetricsRegistry();
    const followed = followMetricsOf(metrics);
    let available = false;
    let refused = 0;
    const apiStore = storeWith(stores[0], {
      async readAll(...args) {
        if (!available) {
          refused += 1;
          throw new EventStoreUnavailableError('EventStoreDB unavailable');
        }
        return stores[0].readAll(...args);
      },
    });
    const api = new CommandDispatcher(apiStore, { ...options, followOtherWriters: true, followObserver: new LogFollowMetrics(metrics) });
    try {
      await send(api, 'order-esdb-3', workedExample({ orderId: 'esdb-3' }));
      assert.equal(await api.waitForChange(orderAggregate, 'order-esdb-3', 0, 50), 'timed-out');
      const retrying = await followed();
      assert.equal(retrying.open, 0, 'retrying');
      assert.ok((retrying.failures ?? 0) >= 1, 'the failed start counted');
      available = true;
      await eventually(async () => (await followed()).open === 1, 'the subscription opens on a later try');
      assert.equal((await followed()).failures, refused, 'every failed try counted');
    } finally {
      api.stop();
    }
  });
});

/** The log follower's series for orders, as a scrape of `metrics` shows them (undefined: no series). */
function followMetricsOf(metrics: MetricsRegistry): () => Promise<Record<'open' | 'failures' | 'woken', number | undefined>> {
  return async () => {
    const samples = samplesOf(await metrics.exposition());
    const of = (name: string) => valueOf(samples, name, { aggregate: 'order' });
    return {
      open: of('ledgerbridge_log_follower_subscription_open'),
      failures: of('ledgerbridge_log_follower_failures_total'),
      woken: of('ledgerbridge_log_follower_woken_waiters_total'),
    };
  };
}
