import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { InvalidAppendError, StreamNotFoundError, WrongExpectedRevisionError } from '../../src/event-store/event-store.errors';
import type { EventStore, NewEvent, RecordedEvent, SubscriptionMessage } from '../../src/event-store/event-store.port';

export interface StoreUnderTest {
  store: EventStore;
  dispose(): Promise<void>;
}

function newEvents(count: number, type = 'ThingHappened'): NewEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    eventId: randomUUID(),
    type,
    data: { index: i, note: 'ünïcødé ✓', nested: { amounts: [1, 2, 3] } },
    metadata: { correlationId: 'corr-1', commandId: 'cmd-1' },
  }));
}

async function expectConflict(promise: Promise<unknown>, expected: unknown, actual: unknown): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof WrongExpectedRevisionError, `expected WrongExpectedRevisionError, got ${String(error)}`);
    assert.equal(error.expected, expected);
    assert.equal(error.actual, actual);
    return true;
  });
}

/** Collects subscription messages until `done` says stop or the deadline passes. */
async function collect(iterable: AsyncIterable<SubscriptionMessage>, done: (messages: SubscriptionMessage[]) => boolean, timeoutMs = 20_000): Promise<SubscriptionMessage[]> {
  const messages: SubscriptionMessage[] = [];
  const deadline = Date.now() + timeoutMs;
  for await (const message of iterable) {
    messages.push(message);
    if (done(messages)) return messages;
    if (Date.now() > deadline) break;
  }
  throw new Error(`subscription ended or timed out after ${messages.length} messages`);
}

const eventsOf = (messages: SubscriptionMessage[]): RecordedEvent[] => messages.flatMap((m) => (m.kind === 'event' ? [m.event] : []));

/**
 * The event-store contract every adapter honours. Stream names are unique per run so the
 * suite can run against a shared EventStoreDB; `$all` checks filter on this run's prefix.
 */
export function describeEventStoreContract(adapter: string, open: () => Promise<StoreUnderTest>): void {
  describe(`event store contract: ${adapter}`, () => {
    let subject: StoreUnderTest;
    let store: EventStore;
    const run = `ct${randomUUID().slice(0, 8)}`;
    let counter = 0;
    const streamName = (category = 'order') => `${run}-${category}-${++counter}`;

    before(async () => {
      subject = await open();
      store = subject.store;
    });
    after(async () => subject.dispose());

    describe('append with an expected revision', () => {
      it('numbers a new stream from revision 0 and returns the next expected revision', async () => {
        const stream = streamName();
        const result = await store.appendToStream(stream, newEvents(3), { expectedRevision: 'no_stream' });
        assert.equal(result.nextExpectedRevision, 2);
        const read = await store.readStream(stream);
        assert.deepEqual(
          read.map((e) => e.revision),
          [0, 1, 2],
        );
        assert.equal(read[2].globalPosition, result.position);
      });

      it('refuses no_stream on an existing stream, naming the actual revision', async () => {
        const stream = streamName();
        await store.appendToStream(stream, newEvents(2), { expectedRevision: 'no_stream' });
        await expectConflict(store.appendToStream(stream, newEvents(1), { expectedRevision: 'no_stream' }), 'no_stream', 1);
        assert.equal((await store.readStream(stream)).length, 2, 'the refused append wrote nothing');
      });

      it('refuses stream_exists on a missing stream', async () => {
        const stream = streamName();
        await expectConflict(store.appendToStream(stream, newEvents(1), { expectedRevision: 'stream_exists' }), 'stream_exists', 'no_stream');
        await assert.rejects(store.readStream(stream), StreamNotFoundError);
      });

      it('accepts stream_exists on an existing stream', async () => {
        const stream = streamName();
        await store.appendToStream(stream, newEvents(1), { expectedRevision: 'no_stream' });
        const result = await store.appendToStream(stream, newEvents(1), { expectedRevision: 'stream_exists' });
        assert.equal(result.nextExpectedRevision, 1);
      });

      it('refuses a stale exact revision, carrying expected and actual', async () => {
        const stream = streamName();
        await store.appendToStream(stream, newEvents(3), { expectedRevision: 'no_stream' });
        await expectConflict(store.appendToStream(stream, newEvents(1), { expectedRevision: 1 }), 1, 2);
        await expectConflict(store.appendToStream(streamName(), newEvents(1), { expectedRevision: 0 }), 0, 'no_stream');
        const result = await store.appendToStream(stream, newEvents(1), { expectedRevision: 2 });
        assert.equal(result.nextExpectedRevision, 3);
      });

      it('lets exactly one of several racing writers with the same expected revision win', async () => {
        const stream = streamName();
        await store.appendToStream(stream, newEvents(1), { expectedRevision: 'no_stream' });
        const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => store.appendToStream(stream, newEvents(2), { expectedRevision: 0 })));
        assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 1);
        for (const o of outcomes) {
          if (o.status === 'rejected') assert.ok(o.reason instanceof WrongExpectedRevisionError);
        }
        assert.deepEqual(
          (await store.readStream(stream)).map((e) => e.revision),
          [0, 1, 2],
        );
      });

      it('accepts any on a missing and on an existing stream', async () => {
        const stream = streamName();
        await store.appendToStream(stream, newEvents(1), { expectedRevision: 'any' });
        const result = await store.appendToStream(stream, newEvents(1), { expectedRevision: 'any' });
        assert.equal(result.nextExpectedRevision, 1);
      });
    });

    describe('idempotent re-append', () => {
      it('answers a retried no_stream append with the original result and stores nothing twice', async () => {
        const stream = streamName();
        const events = newEvents(3);
        const first = await store.appendToStream(stream, events, { expectedRevision: 'no_stream' });
        const again = await store.appendToStream(stream, events, { expectedRevision: 'no_stream' });
        assert.equal(again.nextExpectedRevision, first.nextExpectedRevision);
        assert.deepEqual(
          (await store.readStream(stream)).map((e) => e.eventId),
          events.map((e) => e.eventId),
        );
      });

      it('answers a retried exact-revision append without duplicating', async () => {
        const stream = streamName();
        await store.appendToStream(stream, newEvents(1), { expectedRevision: 'no_stream' });
        const events = newEvents(2);
        await store.appendToStream(stream, events, { expectedRevision: 0 });
        const again = await store.appendToStream(stream, events, { expectedRevision: 0 });
        assert.equal(again.nextExpectedRevision, 2);
        assert.equal((await store.readStream(stream)).length, 3);
      });

      it('does not duplicate a retried append with expected revision any', async () => {
        const stream = streamName();
        const events = newEvents(2);
        await store.appendToStream(stream, events, { expectedRevision: 'any' });
        await store.appendToStream(stream, events, { expectedRevision: 'any' });
        assert.equal((await store.readStream(stream)).length, 2);
      });

      it('answers a retried any append after earlier events with the original result', async () => {
        const stream = streamName();
        const earlier = newEvents(1);
        await store.appendToStream(stream, earlier, { expectedRevision: 'no_stream' });
        const events = newEvents(2);
        const first = await store.appendToStream(stream, events, { expectedRevision: 'any' });
        const again = await store.appendToStream(stream, events, { expectedRevision: 'any' });
        assert.equal(first.nextExpectedRevision, 2);
        assert.equal(again.nextExpectedRevision, first.nextExpectedRevision);
        assert.deepEqual(
          (await store.readStream(stream)).map((e) => e.eventId),
          [...earlier, ...events].map((e) => e.eventId),
        );
      });

      it('treats different event ids at the same position as a conflict', async () => {
        const stream = streamName();
        await store.appendToStream(stream, newEvents(2), { expectedRevision: 'no_stream' });
        await expectConflict(store.appendToStream(stream, newEvents(2), { expectedRevision: 'no_stream' }), 'no_stream', 1);
      });
    });

    describe('invalid appends', () => {
      it('refuses an append without events or with a non-UUID event id and writes nothing', async () => {
        const stream = streamName();
        await assert.rejects(store.appendToStream(stream, [], { expectedRevision: 'any' }), InvalidAppendError);
        await assert.rejects(
          store.appendToStream(stream, [{ eventId: 'not-a-uuid', type: 'X', data: {} }], { expectedRevision: 'any' }),
          (error: unknown) => error instanceof InvalidAppendError && /events\[0\]\.eventId/.test(error.message),
        );
        await assert.rejects(store.readStream(stream), StreamNotFoundError);
      });

      it('refuses reserved names, reserved metadata and data that is not JSON, and writes nothing', async () => {
        const stream = streamName();
        const [event] = newEvents(1);
        const refusals: Array<[NewEvent, RegExp]> = [
          [{ ...event, type: '$metadata' }, /events\[0\]\.type/],
          [{ ...event, metadata: { $schemaVersion: 2 } }, /events\[0\]\.metadata/],
          [{ ...event, data: { amount: 10n } }, /events\[0\].*JSON/],
        ];
        for (const [bad, message] of refusals) {
          await assert.rejects(
            store.appendToStream(stream, [bad], { expectedRevision: 'any' }),
            (error: unknown) => error instanceof InvalidAppendError && message.test(error.message),
          );
        }
        await assert.rejects(store.appendToStream('$system', [event], { expectedRevision: 'any' }), InvalidAppendError);
        await assert.rejects(store.readStream(stream), StreamNotFoundError);
      });
    });

    describe('reading a stream', () => {
      it('keeps type, ids, data, metadata and the default schema version', async () => {
        const stream = streamName();
        const events = newEvents(1, 'OrderPlaced');
        await store.appendToStream(stream, events, { expectedRevision: 'no_stream' });
        const [read] = await store.readStream(stream);
        assert.equal(read.eventId, events[0].eventId);
        assert.equal(read.type, 'OrderPlaced');
        assert.equal(read.streamId, stream);
        assert.equal(read.schemaVersion, 1);
        assert.deepEqual(read.data, events[0].data);
        assert.equal(read.metadata.correlationId, 'corr-1');
        assert.ok(read.recordedAt instanceof Date && !Number.isNaN(read.recordedAt.getTime()));
      });

      it('reads forwards and backwards from a revision, inclusive, up to a count', async () => {
        const stream = streamName();
        await store.appendToStream(stream, newEvents(10), { expectedRevision: 'no_stream' });
        const forwards = await store.readStream(stream, { fromRevision: 4, maxCount: 3 });
        assert.deepEqual(
          forwards.map((e) => e.revision),
          [4, 5, 6],
        );
        const backwards = await store.readStream(stream, { direction: 'backwards', fromRevision: 4, maxCount: 3 });
        assert.deepEqual(
          backwards.map((e) => e.revision),
          [4, 3, 2],
        );
        const lastTwo = await store.readStream(stream, { direction: 'backwards', maxCount: 2 });
        assert.deepEqual(
          lastTwo.map((e) => e.revision),
          [9, 8],
        );
      });

      it('raises StreamNotFoundError for a stream that was never written', async () => {
        await assert.rejects(store.readStream(streamName('ghost')), StreamNotFoundError);
      });
    });

    describe('truncating a stream of derived data', () => {
      const revisions = (events: RecordedEvent[]) => events.map((e) => e.revision);
      const truncate = (streamId: string, before: number) => {
        assert.ok(store.truncateStream !== undefined, 'the adapter truncates streams');
        return store.truncateStream(streamId, before);
      };

      it('reads the stream from the first event kept, forwards and backwards, and goes on numbering after the last', async () => {
        const stream = streamName('snapshots');
        await store.appendToStream(stream, newEvents(6), { expectedRevision: 'no_stream' });
        await truncate(stream, 4);
        assert.deepEqual(revisions(await store.readStream(stream)), [4, 5]);
        assert.deepEqual(revisions(await store.readStream(stream, { maxCount: 1 })), [4], 'a read from the start begins at the first event kept');
        assert.deepEqual(revisions(await store.readStream(stream, { fromRevision: 1, maxCount: 2 })), [4, 5]);
        assert.deepEqual(revisions(await store.readStream(stream, { direction: 'backwards' })), [5, 4]);
        await expectConflict(store.appendToStream(stream, newEvents(1), { expectedRevision: 3 }), 3, 5);
        const appended = await store.appendToStream(stream, newEvents(1), { expectedRevision: 5 });
        assert.equal(appended.nextExpectedRevision, 6);
        assert.deepEqual(revisions(await store.readStream(stream)), [4, 5, 6]);
      });

      it('keeps the last event, only moves forward, and leaves a missing stream alone', async () => {
        const stream = streamName('checkpoints');
        await store.appendToStream(stream, newEvents(3), { expectedRevision: 'no_stream' });
        await truncate(stream, 99);
        assert.deepEqual(revisions(await store.readStream(stream)), [2], 'the last event stays, so the stream and its revision stay');
        await truncate(stream, 0);
        assert.deepEqual(revisions(await store.readStream(stream)), [2], 'an earlier revision brings nothing back');
        const ghost = streamName('ghost');
        await truncate(ghost, 5);
        await assert.rejects(store.readStream(ghost), StreamNotFoundError);
        await store.appendToStream(ghost, newEvents(1), { expectedRevision: 'no_stream' });
        assert.deepEqual(revisions(await store.readStream(ghost)), [0]);
      });

      it('leaves other streams whole', async () => {
        const [kept, truncated] = [streamName('kept'), streamName('truncated')];
        await store.appendToStream(kept, newEvents(3), { expectedRevision: 'no_stream' });
        await store.appendToStream(truncated, newEvents(3), { expectedRevision: 'no_stream' });
        await store.appendToStream(kept, newEvents(2), { expectedRevision: 2 });
        await truncate(truncated, 2);
        assert.deepEqual(revisions(await store.readStream(kept)), [0, 1, 2, 3, 4]);
        assert.deepEqual(revisions(await store.readStream(truncated)), [2]);
      });
    });

    describe('stream metadata', () => {
      const revisions = (events: RecordedEvent[]) => events.map((e) => e.revision);
      const metadata = () => {
        assert.ok(store.setStreamMetadata !== undefined && store.readStreamMetadata !== undefined && store.truncateStream !== undefined, 'the adapter keeps stream metadata');
        return { set: store.setStreamMetadata.bind(store), read: store.readStreamMetadata.bind(store), truncate: store.truncateStream.bind(store) };
      };

      it('keeps $maxAge beside a truncation, set before or after the stream exists; a stream without any has none', async () => {
        const { set, read, truncate } = metadata();
        const stream = streamName('keys');
        assert.deepEqual(await read(stream), {}, 'nothing for a stream never written');
        await set(stream, { maxAgeSeconds: 3600 });
        await store.appendToStream(stream, newEvents(3), { expectedRevision: 'no_stream' });
        assert.deepEqual(await read(stream), { maxAgeSeconds: 3600 });
        await truncate(stream, 2);
        assert.deepEqual(await read(stream), { maxAgeSeconds: 3600, truncateBefore: 2 }, 'a truncation keeps the max age');
        await set(stream, { maxAgeSeconds: 60 });
        assert.deepEqual(await read(stream), { maxAgeSeconds: 60, truncateBefore: 2 }, 'a max age keeps the truncation');
        await set(stream, {});
        assert.deepEqual(await read(stream), { truncateBefore: 2 }, 'a max age left out is removed');
        assert.deepEqual(revisions(await store.readStream(stream)), [2]);
        await assert.rejects(set(stream, { maxAgeSeconds: 0 }), RangeError);
      });

      it('leaves events older than $maxAge out of stream reads, and the stream keeps its revision', async () => {
        const { set } = metadata();
        const [partly, wholly] = [streamName('partly-expired'), streamName('expired')];
        await store.appendToStream(partly, newEvents(2), { expectedRevision: 'no_stream' });
        await store.appendToStream(wholly, newEvents(1), { expectedRevision: 'no_stream' });
        await set(partly, { maxAgeSeconds: 1 });
        await set(wholly, { maxAgeSeconds: 1 });
        await new Promise((resolve) => setTimeout(resolve, 1500));
        await store.appendToStream(partly, newEvents(1), { expectedRevision: 1 });
        assert.deepEqual(revisions(await store.readStream(partly)), [2], 'only the event recorded within the max age');
        assert.deepEqual(revisions(await store.readStream(partly, { maxCount: 1 })), [2]);
        assert.deepEqual(revisions(await store.readStream(partly, { direction: 'backwards' })), [2]);
        assert.deepEqual(await store.readStream(wholly), [], 'a stream whose every event expired reads as empty, not as missing');
        await expectConflict(store.appendToStream(wholly, newEvents(1), { expectedRevision: 'no_stream' }), 'no_stream', 0);
        const appended = await store.appendToStream(wholly, newEvents(1), { expectedRevision: 0 });
        assert.equal(appended.nextExpectedRevision, 1);
        assert.deepEqual(revisions(await store.readStream(wholly)), [1]);
      });
    });

    describe('reading all', () => {
      it('orders events from several streams by global position, forwards inclusive and backwards exclusive', async () => {
        const a = streamName('a');
        const b = streamName('b');
        await store.appendToStream(a, newEvents(2), { expectedRevision: 'no_stream' });
        await store.appendToStream(b, newEvents(2), { expectedRevision: 'no_stream' });
        await store.appendToStream(a, newEvents(1), { expectedRevision: 1 });
        const filter = { on: 'streamName' as const, prefixes: [a, b] };
        const mine = await store.readAll({ filter });
        assert.deepEqual(
          mine.map((e) => `${e.streamId === a ? 'a' : 'b'}${e.revision}`),
          ['a0', 'a1', 'b0', 'b1', 'a2'],
        );
        for (let i = 1; i < mine.length; i++) assert.ok(mine[i].globalPosition > mine[i - 1].globalPosition);

        const third = mine[2];
        const forwards = await store.readAll({ fromPosition: third.globalPosition, maxCount: 1 });
        assert.equal(forwards[0].eventId, third.eventId, 'forwards read includes the event at the position');
        const backwards = await store.readAll({ direction: 'backwards', fromPosition: third.globalPosition, maxCount: 1 });
        assert.notEqual(backwards[0].eventId, third.eventId, 'backwards read excludes the event at the position');
        assert.ok(backwards[0].globalPosition < third.globalPosition);
        const mineBackwards = await store.readAll({ direction: 'backwards', filter });
        assert.deepEqual(
          mineBackwards.map((e) => e.eventId),
          [...mine].reverse().map((e) => e.eventId),
        );
      });

      it('filters by event type prefix and by stream name prefix', async () => {
        const stream = streamName('filter');
        const typePrefix = `${run}Filtered`;
        await store.appendToStream(stream, [...newEvents(2, `${typePrefix}Kept`), ...newEvents(2, `${run}Other`), ...newEvents(1, `${typePrefix}Also`)], {
          expectedRevision: 'no_stream',
        });
        const byType = await store.readAll({ filter: { on: 'eventType', prefixes: [typePrefix] } });
        assert.deepEqual(
          byType.map((e) => e.revision),
          [0, 1, 4],
        );
        const byStream = await store.readAll({ filter: { on: 'streamName', prefixes: [stream] }, maxCount: 3 });
        assert.deepEqual(
          byStream.map((e) => e.revision),
          [0, 1, 2],
        );
      });
    });

    describe('subscribing to all', () => {
      it('catches up, says caughtUp once, then delivers live appends', async () => {
        const stream = streamName('sub');
        await store.appendToStream(stream, newEvents(3), { expectedRevision: 'no_stream' });
        const subscription = store.subscribeToAll({ filter: { on: 'streamName', prefixes: [stream] } });
        let caughtUp = false;
        const received = collect(subscription, (m) => {
          caughtUp ||= m.at(-1)?.kind === 'caughtUp';
          return eventsOf(m).length === 5;
        });
        // Append only once the subscription says it caught up, so these two can only arrive live.
        for (let waited = 0; !caughtUp; waited += 10) {
          assert.ok(waited < 10_000, 'the subscription never caught up');
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        await store.appendToStream(stream, newEvents(2), { expectedRevision: 2 });
        const messages = await received;
        await subscription.close();
        assert.deepEqual(
          eventsOf(messages).map((e) => e.revision),
          [0, 1, 2, 3, 4],
        );
        const caughtUpAt = messages.findIndex((m) => m.kind === 'caughtUp');
        assert.equal(messages.filter((m) => m.kind === 'caughtUp').length, 1, 'caughtUp exactly once');
        assert.equal(caughtUpAt, 3, 'caughtUp comes right after the existing events, before the live ones');
      });

      it('starts after the given position (exclusive)', async () => {
        const stream = streamName('sub');
        await store.appendToStream(stream, newEvents(4), { expectedRevision: 'no_stream' });
        const [, second] = await store.readStream(stream);
        const subscription = store.subscribeToAll({
          fromPosition: second.globalPosition,
          filter: { on: 'streamName', prefixes: [stream] },
        });
        const messages = await collect(subscription, (m) => eventsOf(m).length === 2);
        await subscription.close();
        assert.deepEqual(
          eventsOf(messages).map((e) => e.revision),
          [2, 3],
        );
      });

      it('delivers every event exactly once while appends continue during catch-up', async () => {
        const prefix = streamName('race');
        const writers = 4;
        const perWriter = 150;
        await Promise.all(Array.from({ length: writers }, (_, w) => store.appendToStream(`${prefix}-${w}`, newEvents(10), { expectedRevision: 'no_stream' })));
        const subscription = store.subscribeToAll({ filter: { on: 'streamName', prefixes: [prefix] } });
        const total = writers * (10 + perWriter);
        const received = collect(subscription, (m) => eventsOf(m).length >= total, 60_000);
        await Promise.all(
          Array.from({ length: writers }, async (_, w) => {
            for (let i = 0; i < perWriter; i++) {
              await store.appendToStream(`${prefix}-${w}`, newEvents(1), { expectedRevision: 9 + i });
            }
          }),
        );
        const messages = await received;
        await subscription.close();
        const delivered = eventsOf(messages);
        const stored = await store.readAll({ filter: { on: 'streamName', prefixes: [prefix] } });
        assert.equal(delivered.length, total);
        assert.deepEqual(
          delivered.map((e) => e.eventId),
          stored.map((e) => e.eventId),
          'same events, same order',
        );
        assert.equal(new Set(delivered.map((e) => e.eventId)).size, total, 'no duplicates');
      });

      it('filters live events by event type prefix', async () => {
        const stream = streamName('typed');
        const wanted = `${run}Wanted`;
        const subscription = store.subscribeToAll({ filter: { on: 'eventType', prefixes: [wanted] } });
        const received = collect(subscription, (m) => eventsOf(m).length === 2);
        await store.appendToStream(stream, [...newEvents(1, wanted), ...newEvents(3, `${run}Unwanted`), ...newEvents(1, wanted)], {
          expectedRevision: 'no_stream',
        });
        const messages = await received;
        await subscription.close();
        assert.deepEqual(
          eventsOf(messages).map((e) => e.revision),
          [0, 4],
        );
      });

      it('ends iteration when closed', async () => {
        const subscription = store.subscribeToAll({ filter: { on: 'streamName', prefixes: [streamName('none')] } });
        const ended = (async () => {
          let count = 0;
          for await (const message of subscription) if (message.kind === 'event') count++;
          return count;
        })();
        await new Promise((resolve) => setTimeout(resolve, 100));
        await subscription.close();
        assert.equal(await ended, 0);
      });
    });
  });
}
