import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { InstanceIndex } from '../../../sagas/runtime/instance-index';
import type { RecordedEvent } from '../../../src/event-store/event-store.port';

const at = (iso: string) => Date.parse(iso);

/** Saga-stream events as the runtime folds them from the log (not stored: the index reads only these fields). */
function sagaLog() {
  let position = 0n;
  const revisions = new Map<string, number>();
  return (instanceId: string, type: string, data: Record<string, unknown> = {}): RecordedEvent => {
    const streamId = `saga-fulfillment-${instanceId}`;
    const revision = (revisions.get(streamId) ?? -1) + 1;
    revisions.set(streamId, revision);
    position += 1n;
    return { eventId: randomUUID(), type, schemaVersion: 1, streamId, revision, globalPosition: position, recordedAt: new Date(0), data, metadata: {} };
  };
}

const ids = (timers: Array<{ instanceId: string; timerId: string }>) => timers.map((t) => `${t.instanceId}/${t.timerId}`);

describe('the saga instance index: timers due', () => {
  it('answers timers once due, earliest first, again at each tick until they fire, and never once cancelled or their instance finished', () => {
    const index = new InstanceIndex('fulfillment');
    const event = sagaLog();
    index.fold(event('a', 'TimerScheduled', { timerId: 'pickup', dueAt: '2026-11-27T12:00:00.000Z' }));
    index.fold(event('b', 'TimerScheduled', { timerId: 'payment', dueAt: '2026-11-27T11:00:00.000Z' }));
    index.fold(event('c', 'TimerScheduled', { timerId: 'payment', dueAt: '2026-11-27T11:30:00.000Z' }));
    index.fold(event('d', 'TimerScheduled', { timerId: 'payment', dueAt: '2026-11-27T11:15:00.000Z' }));

    assert.deepEqual(index.due(at('2026-11-27T10:59:59.999Z')), []);
    assert.deepEqual(ids(index.due(at('2026-11-27T11:30:00.000Z'))), ['b/payment', 'd/payment', 'c/payment']);
    assert.deepEqual(ids(index.due(at('2026-11-27T11:31:00.000Z'))), ['b/payment', 'd/payment', 'c/payment'], 'not fired yet: due again');

    index.fold(event('b', 'TimerFired', { timerId: 'payment', dueAt: '2026-11-27T11:00:00.000Z' }));
    index.fold(event('c', 'TimerCancelled', { timerId: 'payment' }));
    index.fold(event('d', 'SagaCompleted'));
    assert.deepEqual(index.due(at('2026-11-27T11:45:00.000Z')), []);

    // Rescheduled under the same id for a later time: due then, not at the old time.
    index.fold(event('a', 'TimerScheduled', { timerId: 'pickup', dueAt: '2026-11-28T12:00:00.000Z' }));
    assert.deepEqual(index.due(at('2026-11-27T13:00:00.000Z')), []);
    assert.deepEqual(ids(index.due(at('2026-11-28T12:00:00.000Z'))), ['a/pickup']);
  });

  it("holds a parked instance's timers until it is retried, then answers them; reports ahead of the log count too", () => {
    const index = new InstanceIndex('fulfillment');
    const event = sagaLog();
    index.fold(event('p', 'TimerScheduled', { timerId: 'payment', dueAt: '2026-11-27T11:00:00.000Z' }));
    index.fold(event('p', 'SagaParked', { reason: 'CAPTURE_FAILED', attempts: 3, input: { kind: 'timer', inputId: 'x', timerId: 'payment', dueAt: '2026-11-27T11:00:00.000Z' } }));
    assert.deepEqual(index.due(at('2026-11-27T12:00:00.000Z')), [], 'parked: its timers wait');
    // The instance reports its retry right after its append, before the log brings it.
    index.update('p', { timers: new Map([['payment', '2026-11-27T11:00:00.000Z']]), completed: false }, 2, 3n);
    assert.deepEqual(ids(index.due(at('2026-11-27T12:00:00.000Z'))), ['p/payment']);
    // A timer scheduled by a step reported ahead of the log is due without waiting for the fold.
    index.update('q', { timers: new Map([['pickup', '2026-11-27T11:30:00.000Z']]), completed: false }, 0, 4n);
    assert.deepEqual(ids(index.due(at('2026-11-27T12:00:00.000Z'))), ['p/payment', 'q/pickup']);
  });

  it('restores the timers of a snapshot as due at their time', () => {
    const index = new InstanceIndex('fulfillment');
    index.restore({
      position: '10',
      completed: 3,
      instances: [
        { instanceId: 'r1', revision: 4, timers: [['payment', '2026-11-27T11:00:00.000Z']] },
        {
          instanceId: 'r2',
          revision: 2,
          timers: [['payment', '2026-11-27T10:00:00.000Z']],
          parked: { reason: 'X', attempts: 1, input: { kind: 'timer', inputId: 'y', timerId: 'payment', dueAt: '2026-11-27T10:00:00.000Z' } },
        },
      ],
    });
    assert.deepEqual(ids(index.due(at('2026-11-27T11:00:00.000Z'))), ['r1/payment'], 'the parked one waits');
  });

  it('a tick looks only at timers that are due, not at every unfinished instance', () => {
    const index = new InstanceIndex('fulfillment');
    const event = sagaLog();
    for (let i = 0; i < 20_000; i++) index.fold(event(`w-${i}`, 'TimerScheduled', { timerId: 'pickup', dueAt: '2026-12-04T10:00:00.000Z' }));
    index.fold(event('soon', 'TimerScheduled', { timerId: 'payment', dueAt: '2026-11-27T11:00:00.000Z' }));
    const ticks = Array.from({ length: 10 }, (_, tick) => at('2026-11-27T10:00:00.000Z') + tick * 1000);
    const paymentDue = at('2026-11-27T11:00:00.000Z');
    // Reading a due time is what walking the instances costs: count how many are read during the ticks.
    const parse = Date.parse;
    let read = 0;
    Date.parse = (text: string) => {
      read += 1;
      return parse(text);
    };
    try {
      for (const now of ticks) index.due(now);
      assert.deepEqual(ids(index.due(paymentDue)), ['soon/payment']);
    } finally {
      Date.parse = parse;
    }
    assert.equal(read, 0, `11 ticks read ${read} due times of 20,001 pending timers`);
  });
});

describe('the saga instance index: finished instances', () => {
  it('keeps nothing of a finished instance, whether the log or the instance itself told of its completion first', () => {
    const index = new InstanceIndex('fulfillment');
    const event = sagaLog();
    const payment = { timerId: 'payment', dueAt: '2026-11-27T11:00:00.000Z' };
    for (let i = 0; i < 2000; i++) {
      const instanceId = `o-${i}`;
      index.fold(event(instanceId, 'TimerScheduled', payment));
      const completed = event(instanceId, 'SagaCompleted');
      const report = () => index.update(instanceId, { timers: new Map(), completed: true }, completed.revision, completed.globalPosition);
      // Under load the log's subscription often reads an append before the append's own answer arrives.
      if (i % 2 === 0) {
        index.fold(completed);
        report();
      } else {
        report();
        index.fold(completed);
      }
    }
    assert.deepEqual(index.counts(), { completed: 2000 }, 'each finished instance counted once');
    assert.equal(index.view('o-0'), undefined);
    assert.deepEqual(index.list('completed', { limit: 10 }).instances, []);
    assert.deepEqual(index.due(at('2026-11-27T12:00:00.000Z')), []);
  });
});
