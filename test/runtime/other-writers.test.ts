import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SqliteEventStore } from '../../src/event-store/embedded/sqlite-event-store';
import { orderAggregate } from '../../src/order/order.aggregate';
import type { OrderCommand } from '../../src/order/order.commands';
import { BusinessRuleRefusal } from '../../src/runtime/business-rule-refusal';
import { CommandDispatcher, type CommandDispatcherOptions } from '../../src/runtime/command-dispatcher';
import { authorize, capture, workedExample } from '../order/order.fixtures';
import { tempDir } from '../support/temp-dir';

const options: CommandDispatcherOptions = { mailboxCapacity: 100, maxWarmActors: 100, idleEvictionMs: 60_000, maxConflictRetries: 5 };

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
  it("a reader waiting on one node for an order to change is woken by that node's commands; another node's append shows when its wait runs out", async () => {
    const [api, sagas] = [new CommandDispatcher(store, { ...options, followOtherWriters: true }), new CommandDispatcher(store, { ...options, followOtherWriters: true })];
    try {
      await send(api, 'order-fw-3', workedExample({ orderId: 'fw-3' }));
      const woken = api.waitForChange(orderAggregate, 'order-fw-3', 0, 60_000);
      await send(api, 'order-fw-3', authorize(10519));
      assert.equal(await woken, 'appended');

      const waiting = api.waitForChange(orderAggregate, 'order-fw-3', 1, 200);
      await send(sagas, 'order-fw-3', capture(10519));
      assert.equal(await waiting, 'timed-out', "the saga node's capture does not reach this node's waiters");
      assert.equal((await api.current(orderAggregate, 'order-fw-3')).revision, 2, 'the read after the wait shows it');
      assert.equal(await api.waitForChange(orderAggregate, 'order-fw-3', 1, 60_000), 'appended', 'a wait from a revision already passed ends at once');
    } finally {
      api.stop();
      sagas.stop();
    }
  });
});
