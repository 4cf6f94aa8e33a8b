import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, it } from 'node:test';
import { VirtualClock } from '../../../sagas/runtime/saga-clock';
import type { SagaDefinition } from '../../../sagas/runtime/saga-definition';
import { SagaRuntime } from '../../../sagas/runtime/saga-runtime';
import { SqliteEventStore } from '../../../src/event-store/embedded/sqlite-event-store';
import { CommandDispatcher } from '../../../src/runtime/command-dispatcher';
import { tempDir } from '../../support/temp-dir';

/** Every parcel handed over is announced to the courier: a call outside the store, which this test holds. */
const handovers: SagaDefinition<Record<string, never>> = {
  name: 'handovers',
  follows: ['parcel-'],
  initialState: () => ({}),
  evolve: (state) => state,
  correlate: (event) => (event.streamId.startsWith('parcel-') ? event.streamId.slice('parcel-'.length) : undefined),
  decide: (_state, input) =>
    input.kind === 'event' && input.type === 'ParcelHandedOver'
      ? { commands: [{ aggregate: 'courier', streamId: input.streamId, command: { kind: 'Announce' } }], complete: true }
      : {},
};

describe('saga lag', () => {
  const dir = tempDir('saga-lag');
  after(() => dir.remove());

  it('shows how far behind the streams it follows a saga is while its work waits, in events and seconds, and 0 once it caught up', async () => {
    const store = new SqliteEventStore({ file: join(dir.path, 'lag.sqlite'), durability: 'normal' });
    let courierCalls = 0;
    let called!: () => void;
    const firstCall = new Promise<void>((resolve) => (called = resolve));
    let answerCourier!: () => void;
    const courierAnswers = new Promise<void>((resolve) => (answerCourier = resolve));
    const courier = { target: 'courier', execute: async () => (courierCalls++, called(), courierAnswers) };
    const dispatcher = new CommandDispatcher(store, { mailboxCapacity: 100, maxWarmActors: 100, idleEvictionMs: 60_000, maxConflictRetries: 5 });
    // One input at a time: while the courier keeps the first waiting, the saga reads no further.
    const runtime = new SagaRuntime(handovers, {
      store,
      dispatcher,
      aggregates: [],
      effects: [courier],
      clock: new VirtualClock(Date.parse('2026-12-07T10:00:00Z')),
      maxInFlight: 1,
    });
    await runtime.start();
    try {
      const handOver = (parcel: string) =>
        store.appendToStream(`parcel-${parcel}`, [{ eventId: randomUUID(), type: 'ParcelHandedOver', data: {} }], { expectedRevision: 'no_stream' });
      // Events of streams the saga does not follow: it neither reads them nor counts them as lag.
      const restock = (shelf: string) =>
        store.appendToStream(
          `shelf-${shelf}`,
          [1, 2, 3].map(() => ({ eventId: randomUUID(), type: 'ShelfRestocked', data: {} })),
          { expectedRevision: 'any' },
        );
      assert.deepEqual(await runtime.lag(), { headPosition: null, eventsBehind: 0, secondsBehind: 0 }, 'an empty log');

      await handOver('p1');
      await firstCall;
      // Apart in time, so that the lag in seconds is plainly more than nothing.
      await sleep(250);
      await handOver('p2');
      await handOver('p3');
      await restock('s1');

      const log = (await store.readAll()).filter((event) => event.streamId.startsWith('parcel-'));
      const taken = log[0];
      const head = log[log.length - 1];
      const lag = await runtime.lag();
      assert.deepEqual(lag, {
        headPosition: head.globalPosition,
        eventsBehind: 2,
        secondsBehind: (head.recordedAt.getTime() - taken.recordedAt.getTime()) / 1000,
      });
      assert.ok(lag.secondsBehind >= 0.25, `${lag.secondsBehind} s`);

      answerCourier();
      await runtime.settled();
      await restock('s2');
      const caughtUp = await runtime.lag();
      assert.equal(courierCalls, 3);
      assert.deepEqual([caughtUp.eventsBehind, caughtUp.secondsBehind], [0, 0]);
    } finally {
      // A failed assertion must not leave the step waiting on the courier: stopping waits for it.
      answerCourier();
      await runtime.stop();
      dispatcher.stop();
      await store.close();
    }
  });
});
