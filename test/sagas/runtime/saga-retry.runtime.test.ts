import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { VirtualClock } from '../../../sagas/runtime/saga-clock';
import type { SagaEffect } from '../../../sagas/runtime/saga-effect';
import { SagaRuntime } from '../../../sagas/runtime/saga-runtime';
import { SqliteEventStore } from '../../../src/event-store/embedded/sqlite-event-store';
import { BusinessRuleRefusal } from '../../../src/runtime/business-rule-refusal';
import { CommandDispatcher } from '../../../src/runtime/command-dispatcher';
import { tempDir } from '../../support/temp-dir';
import { billing } from './billing-saga';

/** The provider refuses while it is down (the instance parks at once) and records what it charged. */
class CardProvider implements SagaEffect {
  readonly target = 'card-provider';
  down = true;
  readonly charged: unknown[] = [];

  async execute(_commandId: string, command: { kind: string } & Record<string, unknown>): Promise<void> {
    if (this.down) throw new BusinessRuleRefusal('PROVIDER_DOWN', 'the card provider refuses every charge');
    this.charged.push(command.charge);
  }
}

describe('operator retry of a parked saga instance', () => {
  const dir = tempDir('saga-retry');
  after(() => dir.remove());

  it('takes the waiting inputs in order and ignores those after one completes the instance, as they would have been live', async () => {
    const store = new SqliteEventStore({ file: join(dir.path, 'events.sqlite'), durability: 'normal' });
    const dispatcher = new CommandDispatcher(store, { mailboxCapacity: 100, maxWarmActors: 100, idleEvictionMs: 60_000, maxConflictRetries: 5 });
    const provider = new CardProvider();
    const runtime = new SagaRuntime(billing, { store, dispatcher, aggregates: [], effects: [provider], clock: new VirtualClock(Date.parse('2026-11-27T10:00:00Z')) });
    await runtime.start();
    const facts = [
      { type: 'ChargeRequested', data: { charge: 1 } },
      { type: 'BillClosed', data: {} },
      { type: 'ChargeRequested', data: { charge: 2 } },
    ];
    for (const [revision, fact] of facts.entries()) {
      await store.appendToStream('bill-b1', [{ eventId: randomUUID(), ...fact }], { expectedRevision: revision === 0 ? 'no_stream' : revision - 1 });
    }
    await runtime.settled();
    assert.deepEqual(
      runtime.parked().map((parked) => [parked.instanceId, parked.reason]),
      [['b1', 'PROVIDER_DOWN: the card provider refuses every charge']],
    );

    provider.down = false;
    assert.equal(await runtime.retry('b1'), 'resumed');
    await runtime.settled();
    assert.deepEqual(provider.charged, [1], 'the charge requested after the bill closed is not made');
    assert.deepEqual(runtime.counts(), { completed: 1 }, 'the instance completed and is nowhere else');
    const recorded = (await store.readStream('saga-billing-b1')).map((event) => event.type);
    assert.equal(recorded[recorded.length - 1], 'SagaCompleted', 'nothing is recorded after the instance completed');

    await runtime.stop();
    dispatcher.stop();
    await store.close();
  });
});
