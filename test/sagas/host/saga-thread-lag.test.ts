import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, it } from 'node:test';
import { sagaServices, SagaThread } from '../../../sagas/host/saga-thread';
import { MAX_IN_FLIGHT } from '../../../sagas/runtime/saga-runtime';
import { SqliteEventStore } from '../../../src/event-store/embedded/sqlite-event-store';
import { CommandDispatcher } from '../../../src/runtime/command-dispatcher';
import { eventually } from '../../esdb-protocol/endpoint-fixture';
import { tempDir } from '../../support/temp-dir';
import { placeOrder, sagaThreadInit } from './saga-thread-fixture';

describe('saga lag across the saga thread', () => {
  const dir = tempDir('saga-thread-lag');
  after(() => dir.remove());

  it('shows the events and seconds a saga is behind while its commands wait on the main thread, and 0 once they are answered', async () => {
    const file = join(dir.path, 'events.sqlite');
    const store = new SqliteEventStore({ file, durability: 'normal' });
    const dispatcher = new CommandDispatcher(store, { mailboxCapacity: 1000, maxWarmActors: 1000, idleEvictionMs: 60_000, maxConflictRetries: 5 });
    // The main thread's actors answer the sagas' commands only once the test lets them: the saga's inputs stay in flight.
    let answerCommands!: () => void;
    const commandsAnswered = new Promise<void>((resolve) => (answerCommands = resolve));
    let waiting = 0;
    const services = sagaServices(store, dispatcher, []);
    const held = {
      ...services,
      dispatch: async (...args: Parameters<typeof services.dispatch>) => {
        waiting++;
        await commandsAnswered;
        return services.dispatch(...args);
      },
    };
    const sagas = new SagaThread(sagaThreadInit(file), held);
    const place = (orderId: string) => placeOrder(dispatcher, orderId);
    try {
      await sagas.start();
      const fulfillment = sagas.sagas.get('fulfillment')!;
      await Promise.all(Array.from({ length: MAX_IN_FLIGHT }, (_, i) => place(`held-${i}`)));
      await eventually(async () => waiting === MAX_IN_FLIGHT, `the fulfillment saga asking to reserve the stock of ${MAX_IN_FLIGHT} orders`);
      // Apart in time, so that the lag in seconds is plainly more than nothing.
      await sleep(300);
      for (const id of ['late-1', 'late-2', 'late-3']) await place(id);

      const lag = await fulfillment.lag();
      const head = (await store.readAll({ direction: 'backwards', maxCount: 1 }))[0];
      assert.equal(lag.headPosition, head.globalPosition);
      assert.ok(lag.eventsBehind >= 3, `the three late orders at least are behind: ${lag.eventsBehind}`);
      assert.ok(lag.secondsBehind >= 0.3, `behind by the time the saga has been held: ${lag.secondsBehind} s`);
      assert.equal(waiting, MAX_IN_FLIGHT, 'the saga reads no further while its bound of inputs waits');

      answerCommands();
      await fulfillment.settled();
      const caughtUp = await fulfillment.lag();
      assert.deepEqual([caughtUp.eventsBehind, caughtUp.secondsBehind], [0, 0]);
      assert.equal(waiting, MAX_IN_FLIGHT + 3, 'the late orders were taken once the saga caught up');
      const late = await store.readStream('order-late-3');
      assert.ok(
        late.some((event) => event.type === 'InventoryReserved'),
        late.map((event) => event.type).join(', '),
      );
    } finally {
      // A failed assertion must not leave the commands waiting: stopping waits for them.
      answerCommands();
      await sagas.stop();
      dispatcher.stop();
      await store.close();
    }
  });
});
