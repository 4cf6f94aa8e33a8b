import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { VirtualClock } from '../../../sagas/runtime/saga-clock';
import type { SagaDefinition } from '../../../sagas/runtime/saga-definition';
import type { RetryPolicy } from '../../../sagas/runtime/retry-policy';
import { SagaRuntime } from '../../../sagas/runtime/saga-runtime';
import { SqliteEventStore } from '../../../src/event-store/embedded/sqlite-event-store';
import type { EventStore } from '../../../src/event-store/event-store.port';
import { CommandDispatcher } from '../../../src/runtime/command-dispatcher';
import { tempDir } from '../../support/temp-dir';
import { sagaRecords } from '../../support/saga-records';

/** A tab: each ItemAdded is noted by the saga, TabClosed completes it. */
const tabs: SagaDefinition<{ items: number }> = {
  name: 'tabs',
  follows: ['tab-'],
  initialState: () => ({ items: 0 }),
  evolve: (state, event) => (event.type === 'ItemNoted' ? { items: state.items + 1 } : state),
  correlate: (event) => (event.streamId.startsWith('tab-') ? event.streamId.slice('tab-'.length) : undefined),
  decide(_state, input) {
    if (input.kind !== 'event') return {};
    if (input.type === 'ItemAdded') return { events: [{ type: 'ItemNoted', data: {} }] };
    return input.type === 'TabClosed' ? { complete: true } : {};
  },
};

/** A tab noted only once opened: items added to a tab never opened start nothing. */
const openedTabs: SagaDefinition<{ open: boolean }> = {
  name: 'opened-tabs',
  follows: ['tab-'],
  initialState: () => ({ open: false }),
  evolve: (state, event) => (event.type === 'TabNoted' ? { open: true } : state),
  correlate: (event) => (event.streamId.startsWith('tab-') ? event.streamId.slice('tab-'.length) : undefined),
  decide(state, input) {
    if (input.kind !== 'event') return {};
    if (input.type === 'Garbled') throw new TypeError('cannot read the tab');
    if (input.type === 'TabOpened') return { events: [{ type: 'TabNoted', data: {} }] };
    return state.open && input.type === 'ItemAdded' ? { events: [{ type: 'ItemNoted', data: {} }] } : {};
  },
};

/** A runtime of `definition` on a real store, noting which saga streams it reads: an instance loads its stream when it is not warm. */
async function runtimeNotingLoads<State>(path: string, definition: SagaDefinition<State>, retry?: RetryPolicy) {
  const store = new SqliteEventStore({ file: join(path, `${definition.name}.sqlite`), durability: 'normal' });
  const loads: string[] = [];
  const noted: EventStore = Object.create(store, {
    readStream: { value: (streamId: string, options?: object) => (streamId.startsWith('saga-') && loads.push(streamId), store.readStream(streamId, options)) },
  });
  const dispatcher = new CommandDispatcher(store, { mailboxCapacity: 100, maxWarmActors: 100, idleEvictionMs: 60_000, maxConflictRetries: 5 });
  const runtime = new SagaRuntime(definition, { store: noted, dispatcher, aggregates: [], clock: new VirtualClock(Date.parse('2026-11-27T10:00:00Z')), retry });
  await runtime.start();
  return {
    store,
    runtime,
    loads,
    add: async (streamId: string, type: string, revision: number) => {
      await store.appendToStream(streamId, [{ eventId: randomUUID(), type, data: {} }], { expectedRevision: revision === 0 ? 'no_stream' : revision - 1 });
      await runtime.settled();
    },
    close: async () => {
      await runtime.stop();
      dispatcher.stop();
      await store.close();
    },
  };
}

describe('saga instances in memory', () => {
  const dir = tempDir('saga-finished');
  after(() => dir.remove());

  it('lets a completed instance go: an input after it completed loads it from its stream again, and changes nothing', async () => {
    const { runtime, loads, add, close } = await runtimeNotingLoads(dir.path, tabs);
    await add('tab-open', 'ItemAdded', 0);
    await add('tab-open', 'ItemAdded', 1);
    await add('tab-done', 'ItemAdded', 0);
    await add('tab-done', 'TabClosed', 1);
    assert.deepEqual(loads, ['saga-tabs-open', 'saga-tabs-done'], 'each instance is loaded once while it runs');

    await add('tab-open', 'ItemAdded', 2);
    await add('tab-done', 'ItemAdded', 2);
    assert.deepEqual(loads.slice(2), ['saga-tabs-done'], 'the unfinished instance stays warm; the completed one was let go and is loaded again');
    assert.equal((await runtime.instance('done')).state.items, 1, 'the late input changed nothing');
    assert.equal((await runtime.instance('open')).state.items, 3);
    assert.deepEqual(runtime.counts(), { active: 1, completed: 1 });
    await close();
  });

  it('neither loads nor keeps an instance for inputs that start none (every order reaches the refund saga): then starts it as before', async () => {
    const { store, runtime, loads, add, close } = await runtimeNotingLoads(dir.path, openedTabs);
    await add('tab-never', 'ItemAdded', 0);
    await add('tab-never', 'ItemAdded', 1);
    assert.deepEqual(loads, [], 'no instance loaded for a tab never opened');
    await assert.rejects(store.readStream('saga-opened-tabs-never'), /not found/i, 'and none recorded');

    await add('tab-later', 'ItemAdded', 0);
    await add('tab-later', 'TabOpened', 1);
    await add('tab-later', 'ItemAdded', 2);
    assert.deepEqual(loads, ['saga-opened-tabs-later'], 'the input that starts it loads it, once');
    assert.deepEqual(
      sagaRecords(await store.readStream('saga-opened-tabs-later'))
        .filter((e) => e.type !== 'InputHandled')
        .map((e) => e.type),
      ['TabNoted', 'ItemNoted'],
      'the item added before it opened changed nothing, the one after it was noted',
    );
    assert.deepEqual(runtime.counts(), { active: 1, completed: 0 });
    await close();
  });

  it('hands an input its decide throws on to the instance, which parks it for an operator, as for any failing step', { timeout: 20_000 }, async () => {
    const { store, runtime, add, close } = await runtimeNotingLoads(dir.path, { ...openedTabs, name: 'garbled-tabs' }, { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 });
    await add('tab-garbled', 'Garbled', 0);
    assert.deepEqual(
      runtime.parked().map((p) => [p.instanceId, p.reason]),
      [['garbled', 'TypeError: cannot read the tab']],
    );
    assert.deepEqual(
      (await store.readStream('saga-garbled-tabs-garbled')).map((e) => e.type),
      ['SagaParked'],
    );
    await close();
  });
});
