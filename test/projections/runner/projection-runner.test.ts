import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { EventStore, RecordedEvent } from '../../../src/event-store/event-store.port';
import { canonicalHash } from '../../../src/hashing/canonical-json';
import { journalProjection } from '../../../projections/journal/journal.projection';
import { journalLines } from '../../../projections/journal/journal.queries';
import type { Projection } from '../../../projections/runner/projection';
import { ProjectionDatabase } from '../../../projections/runner/projection-database';
import { rebuildProjection } from '../../../projections/runner/projection-rebuild';
import { ProjectionRunner } from '../../../projections/runner/projection-runner';
import { authorize, capture, receiveReturn, refund, requestReturn, ship, workedExample } from '../../order/order.fixtures';
import { journalHarness } from '../journal/journal-harness';

/** Seven events per order: place, authorize, capture, ship, request and receive a return, refund. */
const orderLife = (orderId: string) => [
  workedExample({ orderId }),
  authorize(10519),
  capture(10519),
  ship('s1', [
    ['L1', 2],
    ['L2', 1],
  ]),
  requestReturn('r1', [['L1', 1]]),
  receiveReturn('r1'),
  refund(2931, 'ref-1', 'r1'),
];

/** The journal projection with a fault at one event: what a crash in the middle of a batch looks like. */
const failingAt = (position: bigint): Projection => ({
  ...journalProjection,
  handle(event, writer) {
    if (event.globalPosition === position) throw new Error(`power cut at ${position}`);
    journalProjection.handle(event, writer);
  },
});

/** The same store without its `countAll`: what lag sees on an adapter that cannot count (EventStoreDB). */
function withoutCounting(store: EventStore): EventStore {
  return {
    appendToStream: store.appendToStream.bind(store),
    readStream: store.readStream.bind(store),
    readAll: store.readAll.bind(store),
    subscribeToAll: store.subscribeToAll.bind(store),
    ping: store.ping.bind(store),
    close: store.close.bind(store),
  };
}

describe('projection runner', () => {
  let harness: ReturnType<typeof journalHarness>;
  let db: ProjectionDatabase;
  const runners: ProjectionRunner[] = [];
  const run = async (projection: Projection, options = {}) => {
    const runner = new ProjectionRunner(harness.store, db, projection, options);
    runners.push(runner);
    await runner.start();
    return runner;
  };
  const all = (): Promise<RecordedEvent[]> => harness.store.readAll();

  beforeEach(() => {
    harness = journalHarness('runner');
    db = harness.openProjections();
  });
  afterEach(async () => {
    for (const runner of runners.splice(0)) await runner.stop();
    db.close();
    await harness.close();
  });

  it('catches up in batches, then follows live appends, and reports no lag once caught up', async () => {
    await harness.send('o-1', ...orderLife('o-1'));
    const runner = await run(journalProjection, { catchUpBatchSize: 2 });
    await runner.waitFor((await all()).at(-1)!.globalPosition);
    assert.equal(new Set(journalLines(db).map((l) => l.stream_id)).size, 1);

    const last = await harness.send('o-2', ...orderLife('o-2').slice(0, 3));
    await runner.waitFor(last);
    assert.deepEqual(
      journalLines(db, 'order-o-2').map((l) => `${l.role} ${l.amount_minor}`),
      ['psp.clearing 10519', 'liability.customer-deposits 10519'],
      'the live capture is posted',
    );
    const lag = await runner.lag();
    assert.deepEqual([lag.state, lag.checkpoint, lag.headPosition, lag.eventsBehind, lag.secondsBehind], ['live', last.toString(), last.toString(), 0, 0]);
  });

  it('once live, commits in one transaction what arrives together (one group commit), up to the batch size', async () => {
    const arrivals: Projection = {
      name: 'arrivals',
      version: 1,
      tables: [{ name: 'events', columns: { event_id: 'TEXT NOT NULL' }, primaryKey: ['event_id'] }],
      handle: (event, writer) => writer.insert('events', { event_id: event.eventId }),
    };
    const runner = await run(arrivals, { catchUpBatchSize: 4 });
    assert.equal((await runner.lag()).state, 'live', 'an empty log is caught up at once');
    const commits: bigint[] = [];
    const setCheckpoint = db.setCheckpoint.bind(db);
    db.setCheckpoint = (projection, generation, position, recordedAt) => {
      if (projection === arrivals.name) commits.push(position);
      setCheckpoint(projection, generation, position, recordedAt);
    };

    // Ten events in one append: one commit of the store, read by the subscription at once.
    const events = Array.from({ length: 10 }, (_, i) => ({ eventId: randomUUID(), type: 'Arrived', data: { i } }));
    const { position: last } = await harness.store.appendToStream('arrivals-1', events, { expectedRevision: 'no_stream' });
    await runner.waitFor(last);
    const positions = (await all()).map((e) => e.globalPosition);
    assert.deepEqual(commits, [positions[3], positions[7], positions[9]], 'three transactions (4 + 4 + 2 events), not ten');
    assert.equal(db.rows(arrivals, 'events', db.liveGeneration(arrivals.name)!.generation).length, 10);

    const { position: single } = await harness.store.appendToStream('arrivals-1', [{ eventId: randomUUID(), type: 'Arrived', data: {} }], { expectedRevision: 9 });
    await runner.waitFor(single);
    assert.deepEqual(commits.slice(3), [single], 'a lone event is committed as soon as it arrives');
  });

  it('reports how far behind a stopped projection is, in events and seconds', async () => {
    await harness.send('o-1', ...orderLife('o-1'));
    const runner = await run(journalProjection);
    const caughtUpTo = (await all()).at(-1)!.globalPosition;
    await runner.waitFor(caughtUpTo);
    await runner.stop();
    await harness.send('o-2', ...orderLife('o-2').slice(0, 3));
    const lag = await runner.lag();
    assert.deepEqual([lag.state, lag.checkpoint, lag.eventsBehind], ['stopped', caughtUpTo.toString(), 3]);
    assert.ok(lag.secondsBehind >= 0);
  });

  it('counts exactly the events behind that the projection reads, after the checkpoint and up to the cap, whether the store counts or lag reads', async () => {
    await harness.send('o-1', ...orderLife('o-1'));
    const runner = await run(journalProjection, { lagCountCap: 5 });
    const caughtUpTo = (await all()).at(-1)!.globalPosition;
    await runner.waitFor(caughtUpTo);
    await runner.stop();
    const unrelated = (n: number) => Array.from({ length: n }, () => ({ eventId: randomUUID(), type: 'Unrelated', data: {} }));
    await harness.store.appendToStream('unrelated-1', unrelated(2), { expectedRevision: 'no_stream' });
    const last = await harness.send('o-2', ...orderLife('o-2').slice(0, 3));
    await harness.store.appendToStream('unrelated-1', unrelated(4), { expectedRevision: 1 });
    const lags = async (cap: number) => ({
      counted: await new ProjectionRunner(harness.store, db, journalProjection, { lagCountCap: cap }).lag(),
      read: await new ProjectionRunner(withoutCounting(harness.store), db, journalProjection, { lagCountCap: cap }).lag(),
    });

    const under = await lags(5);
    for (const lag of [under.counted, under.read]) {
      assert.deepEqual(
        [lag.checkpoint, lag.headPosition, lag.eventsBehind, lag.countCap],
        [caughtUpTo.toString(), last.toString(), 3, 5],
        'three order events behind; the six unrelated ones are not counted',
      );
    }
    await harness.send('o-3', ...orderLife('o-3').slice(0, 3));
    const over = await lags(5);
    assert.deepEqual([over.counted.eventsBehind, over.read.eventsBehind], [5, 5], 'six behind, counted up to the cap');
    const uncapped = await lags(100);
    assert.deepEqual([uncapped.counted.eventsBehind, uncapped.read.eventsBehind], [6, 6]);

    const neverStarted = { ...journalProjection, name: 'journal_never_started' };
    const fromStart = [await new ProjectionRunner(harness.store, db, neverStarted).lag(), await new ProjectionRunner(withoutCounting(harness.store), db, neverStarted).lag()];
    assert.deepEqual(
      fromStart.map((lag) => [lag.checkpoint, lag.eventsBehind]),
      [
        [null, 13],
        [null, 13],
      ],
      'a projection with no checkpoint is behind by every order event',
    );
  });

  it('hashes a generation as the canonical JSON of its tables by name, rows in primary-key order, however many rows', async () => {
    // 35 orders: 560 lines, more than one chunk of the streamed hash.
    const orders = Array.from({ length: 35 }, (_, i) => `o-${i + 1}`);
    await Promise.all(orders.map((orderId) => harness.send(orderId, ...orderLife(orderId))));
    const runner = await run(journalProjection);
    await runner.waitFor((await all()).at(-1)!.globalPosition);
    const { generation } = db.liveGeneration('journal')!;
    const tables = (names: string[]) => names.map((table) => ({ table, rows: db.rows(journalProjection, table, generation) }));

    assert.equal(db.rows(journalProjection, 'lines', generation).length, 560);
    assert.equal(db.hash(journalProjection, generation), canonicalHash(tables(journalProjection.tables.map((t) => t.name).sort())));
    assert.equal(db.hash(journalProjection, generation, ['lines']), canonicalHash(tables(['lines'])));
  });

  it('halts at an event that fails midway through a batch: the events before it commit, nothing of it or after, and a restart resumes exactly at it', async () => {
    await harness.send('o-1', ...orderLife('o-1'));
    await harness.send('o-2', ...orderLife('o-2'));
    const events = await all();
    const failing = await run(failingAt(events[5].globalPosition), { catchUpBatchSize: 4 });
    await assert.rejects(failing.waitFor(events.at(-1)!.globalPosition), /halted at position \d+ .*power cut/);
    assert.equal(failing.checkpoint, events[4].globalPosition, 'the first batch (events 0-3) and event 4 of the second committed; event 5 did not');
    const positions = journalLines(db).map((l) => BigInt(l.global_position));
    assert.ok(positions.length > 0 && positions.every((p) => p <= events[4].globalPosition), 'no row of the failing event or after it was written');
    const lag = await failing.lag();
    assert.equal(lag.state, 'halted');
    assert.deepEqual([lag.halt?.position, lag.halt?.eventId, lag.halt?.type], [events[5].globalPosition.toString(), events[5].eventId, events[5].type]);
    assert.match(lag.halt!.error, /power cut/);
    assert.equal(db.halt('journal')?.eventId, events[5].eventId, 'the halt is kept beside the checkpoint, for every reader of the database');

    const restarted = await run(journalProjection, { catchUpBatchSize: 4 });
    await restarted.waitFor(events.at(-1)!.globalPosition);
    const lines = journalLines(db);
    assert.equal(lines.length, 32, '16 lines per order, none missing');
    assert.equal(new Set(lines.map((l) => l.line_id)).size, lines.length, 'no line twice');
    assert.equal(db.halt('journal'), undefined, 'the halt is over once its event is applied');
    const check = await rebuildProjection(harness.store, db, journalProjection, { switchOver: 'when-equal' });
    assert.equal(check.equal, true, 'the resumed journal equals a clean rebuild');
  });

  it('builds the secondary indexes of a first start once it has caught up or halted, and those of a rebuilt generation before it is compared', async () => {
    const missingIndexes = () => {
      const { generation } = db.liveGeneration('journal')!;
      const present = new Set(
        db.db
          .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'index'")
          .all()
          .map((row) => row.name),
      );
      const expected = journalProjection.tables.flatMap((table) =>
        (table.indexes ?? []).map((_, i) => `${ProjectionDatabase.tableName('journal', table.name, generation)}__i${i}`),
      );
      assert.ok(expected.length >= 5, 'the journal indexes events, entries and lines');
      return expected.filter((name) => !present.has(name));
    };
    await harness.send('o-1', ...orderLife('o-1'));
    await harness.send('o-2', ...orderLife('o-2'));
    const events = await all();
    const failing = await run(failingAt(events[9].globalPosition), { catchUpBatchSize: 2 });
    await assert.rejects(failing.waitFor(events.at(-1)!.globalPosition), /power cut/);
    assert.deepEqual(missingIndexes(), [], 'halted during its first catch-up, its views are read with their indexes');

    db.db.exec(`DROP INDEX ${ProjectionDatabase.tableName('journal', 'events', db.liveGeneration('journal')!.generation)}__i0`);
    const restarted = await run(journalProjection, { catchUpBatchSize: 2 });
    await restarted.waitFor(events.at(-1)!.globalPosition);
    assert.deepEqual(missingIndexes(), [], 'a generation left without an index (a first start stopped before it caught up) gets it at its next catch-up');

    const report = await rebuildProjection(harness.store, db, journalProjection, { switchOver: 'when-equal', pageSize: 3 });
    assert.deepEqual([report.equal, report.switched], [true, true]);
    assert.deepEqual(missingIndexes(), [], 'the rebuilt generation is indexed');
  });

  it('rebuilds from position 0 while live appends continue, finds it hash-equal, and switches without stopping', async () => {
    await harness.send('o-1', ...orderLife('o-1'));
    const runner = await run(journalProjection);
    await runner.waitFor((await all()).at(-1)!.globalPosition);
    const before = db.liveGeneration('journal')!;

    const [report, last] = await Promise.all([
      rebuildProjection(harness.store, db, journalProjection, { switchOver: 'when-equal', pageSize: 2 }),
      harness.send('o-2', ...orderLife('o-2')),
    ]);
    assert.deepEqual([report.equal, report.switched, report.differingTables], [true, true, []]);
    assert.equal(report.liveHash, report.rebuiltHash);
    assert.equal(db.liveGeneration('journal')!.generation, before.generation + 1);

    await runner.waitFor(last);
    assert.equal(journalLines(db).length, 32, 'live events after the switch land in the new generation');
    const again = await rebuildProjection(harness.store, db, journalProjection, { switchOver: 'when-equal' });
    assert.equal(again.equal, true);
  });

  it('reports a rebuild that does not reproduce the live rows, says which tables differ, and keeps the live ones', async () => {
    await harness.send('o-1', ...orderLife('o-1'));
    const runner = await run(journalProjection);
    await runner.waitFor((await all()).at(-1)!.globalPosition);
    const live = db.liveGeneration('journal')!;
    const forgetsRefunds: Projection = { ...journalProjection, handle: (e, w) => (e.type === 'RefundIssued' ? undefined : journalProjection.handle(e, w)) };

    const report = await rebuildProjection(harness.store, db, forgetsRefunds, { switchOver: 'when-equal' });
    assert.deepEqual([report.equal, report.switched, report.differingTables], [false, false, ['day_entries', 'entries', 'events', 'lines']]);
    assert.equal(db.liveGeneration('journal')!.generation, live.generation);
    assert.equal(db.generation('journal', report.rebuiltGeneration), undefined, 'the rejected generation is dropped');
    assert.equal(journalLines(db).length, 16);
  });

  it('rebuilds a projection whose version changed before following the log again', async () => {
    await harness.send('o-1', ...orderLife('o-1'));
    const first = await run(journalProjection);
    const last = (await all()).at(-1)!.globalPosition;
    await first.waitFor(last);
    const lines = journalLines(db);
    await first.stop();

    const upgraded = await run({ ...journalProjection, version: journalProjection.version + 1 });
    await upgraded.waitFor(last);
    assert.equal(db.liveGeneration('journal')!.version, journalProjection.version + 1);
    assert.deepEqual(journalLines(db), lines);
  });

  it('rebuilds a new version whose tables the previous version did not have', async () => {
    await harness.send('o-1', ...orderLife('o-1'));
    const first = await run(journalProjection);
    const last = (await all()).at(-1)!.globalPosition;
    await first.waitFor(last);
    await first.stop();

    const seen = { name: 'seen_streams', columns: { stream_id: 'TEXT NOT NULL' }, primaryKey: ['stream_id'] };
    const withSeen: Projection = {
      ...journalProjection,
      version: journalProjection.version + 1,
      tables: [...journalProjection.tables, seen],
      handle(event, writer) {
        journalProjection.handle(event, writer);
        if (!writer.find('seen_streams', { stream_id: event.streamId })) writer.insert('seen_streams', { stream_id: event.streamId });
      },
    };
    const upgraded = await run(withSeen);
    await upgraded.waitFor(last);
    assert.equal(db.liveGeneration('journal')!.version, journalProjection.version + 1);
    assert.deepEqual(db.rows(withSeen, 'seen_streams', db.liveGeneration('journal')!.generation), [{ stream_id: 'order-o-1' }]);
  });
});
