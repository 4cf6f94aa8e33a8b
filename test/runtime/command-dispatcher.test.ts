import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SqliteEventStore } from '../../src/event-store/embedded/sqlite-event-store';
import { ConcurrencyRetriesExhaustedError } from '../../src/runtime/aggregate-actor';
import { BusinessRuleRefusal } from '../../src/runtime/business-rule-refusal';
import { CommandDispatcher, type CommandDispatcherOptions } from '../../src/runtime/command-dispatcher';
import { eventIdFor } from '../../src/runtime/event-ids';
import { tabAggregate, type TabCommand } from '../support/tab.aggregate';
import { tempDir } from '../support/temp-dir';

const options: CommandDispatcherOptions = {
  mailboxCapacity: 1000,
  maxWarmActors: 100,
  idleEvictionMs: 60_000,
  maxConflictRetries: 5,
};

describe('command dispatcher (actors over the embedded store)', () => {
  const dir = tempDir('dispatcher');
  let store: SqliteEventStore;
  let dispatcher: CommandDispatcher;
  let n = 0;
  const newTab = () => `tab-${++n}`;
  const send = (d: CommandDispatcher, streamId: string, command: TabCommand, commandId = `cmd-${streamId}-${++n}`) =>
    d.dispatch(tabAggregate, { commandId, streamId, command, metadata: { correlationId: 'corr-test', channel: 'test' } });

  before(() => {
    store = new SqliteEventStore({ file: join(dir.path, 'events.sqlite') });
    dispatcher = new CommandDispatcher(store, options);
  });
  after(async () => {
    dispatcher.stop();
    await store.close();
    dir.remove();
  });

  it('given items on a tab, when it is closed, then TabClosed carries the total', async () => {
    const tab = newTab();
    await send(dispatcher, tab, { kind: 'AddItem', sku: 'A', amountMinor: 3000 });
    await send(dispatcher, tab, { kind: 'AddItem', sku: 'B', amountMinor: 4500 });
    const outcome = await send(dispatcher, tab, { kind: 'CloseTab', closedAt: '2026-11-27T10:00:00Z' });
    assert.deepEqual(
      outcome.events.map((e) => [e.type, e.data, e.revision]),
      [['TabClosed', { closedAt: '2026-11-27T10:00:00Z', totalMinor: 7500 }, 2]],
    );
    const stored = await store.readStream(tab);
    assert.deepEqual(
      stored.map((e) => e.type),
      ['ItemAdded', 'ItemAdded', 'TabClosed'],
    );
    assert.equal(stored[2].metadata.correlationId, 'corr-test', 'metadata travels with the event');
  });

  it('derives event ids from the command id, so the same command never yields new ids', async () => {
    const tab = newTab();
    const outcome = await send(dispatcher, tab, { kind: 'AddItem', sku: 'A', amountMinor: 100 }, 'cmd-fixed-1');
    assert.equal(outcome.events[0].eventId, eventIdFor('cmd-fixed-1', 0));
    assert.notEqual(eventIdFor('cmd-fixed-1', 0), eventIdFor('cmd-fixed-1', 1));
    assert.notEqual(eventIdFor('cmd-fixed-1', 0), eventIdFor('cmd-fixed-2', 0));
  });

  it('answers a retried command with its first outcome and records nothing twice, even after a restart', async () => {
    const tab = newTab();
    const first = await send(dispatcher, tab, { kind: 'AddItem', sku: 'A', amountMinor: 100 }, 'cmd-retry');
    const retry = await send(dispatcher, tab, { kind: 'AddItem', sku: 'A', amountMinor: 100 }, 'cmd-retry');
    assert.equal(retry.duplicate, true);
    assert.deepEqual(
      retry.events.map((e) => e.eventId),
      first.events.map((e) => e.eventId),
    );

    const afterRestart = new CommandDispatcher(store, options);
    const again = await send(afterRestart, tab, { kind: 'AddItem', sku: 'A', amountMinor: 100 }, 'cmd-retry');
    afterRestart.stop();
    assert.equal(again.duplicate, true);
    assert.equal(again.position, first.position);
    assert.equal((await store.readStream(tab)).length, 1);
  });

  it('appends nothing when the rules refuse, and says why', async () => {
    const tab = newTab();
    await send(dispatcher, tab, { kind: 'CloseTab', closedAt: '2026-11-27T10:00:00Z' });
    await assert.rejects(send(dispatcher, tab, { kind: 'AddItem', sku: 'A', amountMinor: 100 }), (error: unknown) => {
      assert.ok(error instanceof BusinessRuleRefusal);
      assert.equal(error.code, 'TAB_CLOSED');
      return true;
    });
    await assert.rejects(send(dispatcher, newTab(), { kind: 'AddItem', sku: 'A', amountMinor: -5 }), /positive amount/);
    assert.equal((await store.readStream(tab)).length, 1);
  });

  it('serialises concurrent commands on one stream: all succeed, revisions have no gap', async () => {
    const tab = newTab();
    const outcomes = await Promise.all(Array.from({ length: 50 }, (_, i) => send(dispatcher, tab, { kind: 'AddItem', sku: `S${i}`, amountMinor: 10 })));
    assert.deepEqual(
      outcomes.map((o) => o.revision).sort((a, b) => a - b),
      Array.from({ length: 50 }, (_, i) => i),
    );
    const closed = await send(dispatcher, tab, { kind: 'CloseTab', closedAt: '2026-11-27T10:00:00Z' });
    assert.equal((closed.events[0].data as { totalMinor: number }).totalMinor, 500);
  });

  it('reloads and retries when another node moved the stream, without losing either write', async () => {
    const tab = newTab();
    const otherNode = new CommandDispatcher(store, options);
    await send(dispatcher, tab, { kind: 'AddItem', sku: 'A', amountMinor: 100 });
    // The other node writes behind this node's warm state.
    await send(otherNode, tab, { kind: 'AddItem', sku: 'B', amountMinor: 200 });
    await send(otherNode, tab, { kind: 'AddItem', sku: 'C', amountMinor: 300 });
    const outcome = await send(dispatcher, tab, { kind: 'CloseTab', closedAt: '2026-11-27T10:00:00Z' });
    otherNode.stop();
    assert.equal(outcome.revision, 3);
    assert.equal((outcome.events[0].data as { totalMinor: number }).totalMinor, 600, 'decided on the reloaded state');
  });

  it('gives up with a typed error after the configured number of conflicting attempts', async () => {
    const tab = newTab();
    const impatient = new CommandDispatcher(store, { ...options, maxConflictRetries: 0 });
    await send(impatient, tab, { kind: 'AddItem', sku: 'A', amountMinor: 100 });
    await store.appendToStream(tab, [{ eventId: eventIdFor('outside', 0), type: 'ItemAdded', data: { sku: 'X', amountMinor: 1 } }], {
      expectedRevision: 0,
    });
    await assert.rejects(send(impatient, tab, { kind: 'AddItem', sku: 'B', amountMinor: 1 }), ConcurrencyRetriesExhaustedError);
    // The refused attempt left the actor cold, so the next command decides on fresh state.
    const next = await send(impatient, tab, { kind: 'CloseTab', closedAt: '2026-11-27T10:00:00Z' });
    impatient.stop();
    assert.equal((next.events[0].data as { totalMinor: number }).totalMinor, 101);
  });

  it('keeps at most the configured number of warm actors and rebuilds an evicted one from its stream', async () => {
    const small = new CommandDispatcher(store, { ...options, maxWarmActors: 2 });
    const [a, b, c] = [newTab(), newTab(), newTab()];
    await send(small, a, { kind: 'AddItem', sku: 'A', amountMinor: 111 });
    await send(small, b, { kind: 'AddItem', sku: 'B', amountMinor: 222 });
    await send(small, c, { kind: 'AddItem', sku: 'C', amountMinor: 333 });
    assert.equal(small.warmActors, 2);
    const closed = await send(small, a, { kind: 'CloseTab', closedAt: '2026-11-27T10:00:00Z' });
    small.stop();
    assert.equal((closed.events[0].data as { totalMinor: number }).totalMinor, 111);
  });

  it('reads an aggregate’s current state after the commands queued before the read', async () => {
    const tab = newTab();
    const added = send(dispatcher, tab, { kind: 'AddItem', sku: 'A', amountMinor: 250 });
    const read = dispatcher.current(tabAggregate, tab);
    const { position } = await added;
    assert.deepEqual(await read, { state: { totalMinor: 250, items: 1, closed: false }, revision: 0, position }, 'with the position a reader waits for a read model to reach');
    assert.deepEqual(await dispatcher.current(tabAggregate, newTab()), { state: { totalMinor: 0, items: 0, closed: false }, revision: -1 });
  });
});
