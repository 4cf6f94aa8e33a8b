import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { VirtualClock } from '../../../sagas/runtime/saga-clock';
import type { SagaEffect } from '../../../sagas/runtime/saga-effect';
import { SagaRuntime } from '../../../sagas/runtime/saga-runtime';
import { SqliteEventStore } from '../../../src/event-store/embedded/sqlite-event-store';
import { EventStoreUnavailableError } from '../../../src/event-store/event-store.errors';
import type { EventStore } from '../../../src/event-store/event-store.port';
import { CommandDispatcher } from '../../../src/runtime/command-dispatcher';
import { tempDir } from '../../support/temp-dir';
import { billing } from './billing-saga';
import { sagaRecords } from '../../support/saga-records';

/** Charges once per command id, as a provider taking the id as its idempotency key does. */
class CardProvider implements SagaEffect {
  readonly target = 'card-provider';
  readonly charges = new Map<string, unknown>();
  calls = 0;

  async execute(commandId: string, command: { kind: string } & Record<string, unknown>): Promise<void> {
    this.calls += 1;
    if (!this.charges.has(commandId)) this.charges.set(commandId, command.charge);
  }
}

describe('a saga step while the event store is away', () => {
  const dir = tempDir('saga-store-away');
  after(() => dir.remove());

  it('is taken again until the store is back, however long past the retry limit: recorded once, never parked', async () => {
    const raw = new SqliteEventStore({ file: join(dir.path, 'events.sqlite'), durability: 'normal' });
    let away = false;
    let refused = 0;
    // Appends fail as EventStoreDB's do while it restarts; reads and the subscription still work.
    const store = new Proxy(raw, {
      get(target, property) {
        if (property === 'appendToStream' && away) {
          return async () => {
            refused += 1;
            throw new EventStoreUnavailableError('EventStoreDB unavailable: 14 UNAVAILABLE');
          };
        }
        const value: unknown = Reflect.get(target, property);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    }) as EventStore;
    const dispatcher = new CommandDispatcher(raw, { mailboxCapacity: 100, maxWarmActors: 100, idleEvictionMs: 60_000, maxConflictRetries: 5 });
    const provider = new CardProvider();
    const retry = { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 10 };
    const runtime = new SagaRuntime(billing, { store, dispatcher, aggregates: [], effects: [provider], clock: new VirtualClock(Date.parse('2026-11-27T10:00:00Z')), retry });
    await runtime.start();

    away = true;
    await raw.appendToStream('bill-b1', [{ eventId: randomUUID(), type: 'ChargeRequested', data: { charge: 7 } }], { expectedRevision: 'no_stream' });
    for (let waited = 0; refused < 5 * retry.maxAttempts && waited < 10_000; waited += 10) await new Promise((done) => setTimeout(done, 10));
    assert.ok(refused >= 5 * retry.maxAttempts, `the step kept trying while the store was away (${refused} appends refused)`);
    away = false;
    await runtime.settled();

    assert.deepEqual(runtime.parked(), [], 'not parked: the input was never at fault');
    const recorded = sagaRecords(await raw.readStream('saga-billing-b1')).map((event) => event.type);
    assert.deepEqual(
      recorded.filter((type) => type === 'InputHandled'),
      ['InputHandled'],
      'the step recorded once',
    );
    assert.ok(!recorded.includes('SagaParked'));
    assert.deepEqual([...provider.charges.values()], [7], 'one charge: every try sent the same command id');
    assert.ok(provider.calls > 1, 'the provider was asked again after a step it had charged could not be recorded');

    await runtime.stop();
    dispatcher.stop();
    await raw.close();
  });
});
