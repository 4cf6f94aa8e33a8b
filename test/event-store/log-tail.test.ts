import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { LogTail } from '../../src/event-store/embedded/log-tail';
import { SqliteEventStore } from '../../src/event-store/embedded/sqlite-event-store';
import type { AllSubscription, EventFilter, RecordedEvent } from '../../src/event-store/event-store.port';
import { tempDir } from '../support/temp-dir';

const event = (type: string, n: number) => ({ eventId: randomUUID(), type, data: { n, lines: [{ sku: `SKU-${n}` }] } });

/** Events a subscription receives until it holds `count` of them. */
async function receive(subscription: AllSubscription, count: number): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const message of subscription) {
    if (message.kind === 'event') events.push(message.event);
    if (events.length === count) break;
  }
  return events;
}

describe('the log tail: new events read and parsed once for every subscription of a store', () => {
  const dir = tempDir('log-tail');
  const file = join(dir.path, 'events.sqlite');
  let store: SqliteEventStore;
  let reader: Database.Database;
  before(() => {
    store = new SqliteEventStore({ file });
    reader = new Database(file, { readonly: true });
  });
  after(async () => {
    reader.close();
    await store.close();
    dir.remove();
  });

  it('gives each of several cursors exactly the log, filtered, in order, whatever the reads and appends interleave (property; a tail of 8 that keeps dropping what slow cursors need)', async () => {
    const head = () => (reader.prepare('SELECT MAX(global_position) AS head FROM events').get() as { head: number | null }).head ?? 0;
    let run = 0;
    const step = fc.oneof(
      fc.record({
        kind: fc.constant('append' as const),
        stream: fc.constantFrom('a', 'b', 'c'),
        types: fc.array(fc.constantFrom('Placed', 'Paid', 'Shipped'), { minLength: 1, maxLength: 12 }),
      }),
      fc.record({ kind: fc.constant('read' as const), cursor: fc.integer({ min: 0, max: 3 }), maxCount: fc.integer({ min: 1, max: 6 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 40 }), async (steps) => {
        run += 1;
        const prefix = `r${run}-`;
        const filters: Array<EventFilter | undefined> = [undefined, undefined, { on: 'eventType', prefixes: ['Paid'] }, { on: 'streamName', prefixes: [`${prefix}b`] }];
        const start = head();
        const tail = new LogTail(reader, 8);
        const cursors = filters.map(() => start);
        const got: RecordedEvent[][] = filters.map(() => []);
        const read = async (i: number, maxCount: number) => {
          const upTo = head();
          if (upTo <= cursors[i]) return;
          // What the store does when the tail cannot serve the cursor: read SQLite.
          const page = tail.page(cursors[i], upTo, maxCount, filters[i]) ?? (await sqlPage(cursors[i], upTo, maxCount, filters[i]));
          for (const e of page.events) assert.ok(Number(e.globalPosition) > cursors[i] && Number(e.globalPosition) <= upTo);
          got[i].push(...page.events);
          cursors[i] = Number(page.through);
        };
        const sqlPage = async (from: number, upTo: number, maxCount: number, filter: EventFilter | undefined) => {
          const events = (await store.readAll({ fromPosition: BigInt(from + 1), maxCount, ...(filter ? { filter } : {}) })).filter((e) => Number(e.globalPosition) <= upTo);
          return { events, through: BigInt(events.length === maxCount ? Number(events[events.length - 1].globalPosition) : upTo) };
        };
        let n = 0;
        for (const s of steps) {
          if (s.kind === 'append')
            await store.appendToStream(
              `${prefix}${s.stream}`,
              s.types.map((type) => event(type, n++)),
              { expectedRevision: 'any' },
            );
          else await read(s.cursor, s.maxCount);
        }
        for (let i = 0; i < filters.length; i += 1) while (cursors[i] < head()) await read(i, 6);
        for (let i = 0; i < filters.length; i += 1) {
          const expected = await store.readAll({ fromPosition: BigInt(start + 1), ...(filters[i] ? { filter: filters[i] } : {}) });
          assert.deepEqual(
            got[i].map((e) => e.eventId),
            expected.map((e) => e.eventId),
            `cursor ${i}`,
          );
          assert.deepEqual(got[i], expected, `cursor ${i}: the same events, field for field`);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('hands every live subscription of the store the same frozen event: one that tries to change it fails instead of changing it for the others', async () => {
    const stream = `shared-${randomUUID()}`;
    const [first] = await store.readAll({ direction: 'backwards', maxCount: 1 });
    const from = first?.globalPosition ?? 0n;
    const whole = [store.subscribeToAll({ fromPosition: from }), store.subscribeToAll({ fromPosition: from })];
    const paid = store.subscribeToAll({ fromPosition: from, filter: { on: 'eventType', prefixes: ['Paid'] } });
    const received = Promise.all([...whole.map((s) => receive(s, 6)), receive(paid, 2)]);
    await store.appendToStream(
      stream,
      ['Placed', 'Paid', 'Shipped'].map((type, i) => event(type, i)),
      { expectedRevision: 'no_stream' },
    );
    await store.appendToStream(
      stream,
      ['Placed', 'Paid', 'Shipped'].map((type, i) => event(type, 3 + i)),
      { expectedRevision: 2 },
    );
    const [one, two, paidOnly] = await received;
    await Promise.all([...whole, paid].map((s) => s.close()));
    assert.deepEqual(
      one.map((e) => e.type),
      ['Placed', 'Paid', 'Shipped', 'Placed', 'Paid', 'Shipped'],
    );
    assert.deepEqual(
      paidOnly.map((e) => e.revision),
      [1, 4],
    );
    one.forEach((e, i) => assert.equal(two[i], e, `event ${i}: one object for both subscriptions`));
    assert.equal(paidOnly[0], one[1]);
    const data = one[0].data as { n: number; lines: Array<{ sku: string }> };
    assert.throws(() => {
      data.lines[0].sku = 'changed';
    }, TypeError);
    assert.equal((two[0].data as typeof data).lines[0].sku, 'SKU-0');
  });
});
