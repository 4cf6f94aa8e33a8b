import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { journalProjection } from '../../../projections/journal/journal.projection';
import type { JournalLineRow, PostingErrorRow } from '../../../projections/journal/journal.queries';
import { journalLines, postingErrors } from '../../../projections/journal/journal.queries';
import type { Posting } from '../../../src/ledger/posting/journal-entry';
import { postOrderEvent } from '../../../src/ledger/posting/order-posting.rules';
import { type OrderContext, orderContextOf, type RecordedOrderEvent } from '../../../src/ledger/posting/posting-source';
import { ProjectionDatabase } from '../../../projections/runner/projection-database';
import { rebuildProjection } from '../../../projections/runner/projection-rebuild';
import { SqliteEventStore } from '../../../src/event-store/embedded/sqlite-event-store';
import type { RecordedEvent } from '../../../src/event-store/event-store.port';
import { tempDir } from '../../support/temp-dir';
import { recordBacklog } from './projection-kill-backlog';
import { OrderLoad } from './projection-kill-load';
import { ServiceProcess } from './projection-kill-service';

const KILLS = 4;
const CONCURRENT_ORDERS = 8;
/** Commands stored in a life before its kill may come: the journal is applying live events by then. */
const STORED_BEFORE_KILL = 40;
const KILL_DELAY_MS = { min: 0, max: 1500 };
/** Orders (8 commands each) recorded while the service is down before even lives: a catch-up of several 2000-event transactions. */
const BACKLOG_ORDERS = 1000;
/** After the journal's first catch-up transaction commits: three more of 2000 events remain. */
const BACKLOG_KILL_DELAY_MS = { min: 0, max: 150 };

const randomDelay = ({ min, max }: { min: number; max: number }) => min + Math.floor(Math.random() * (max - min));

/** The posting rules run over the log in the test process: what the journal must hold, derived independently of the service. */
function expectedPostings(events: readonly RecordedEvent[]): Posting[] {
  const orders = new Map<string, OrderContext>();
  return events.flatMap((event) => {
    const orderEvent = event as RecordedOrderEvent;
    if (orderEvent.type === 'OrderPlaced') orders.set(event.streamId, orderContextOf(orderEvent.data));
    return postOrderEvent(orderEvent, orders.get(event.streamId));
  });
}

const lineText = (l: Pick<JournalLineRow, 'line_id' | 'role' | 'side' | 'amount_minor' | 'currency' | 'event_id'>) =>
  `${l.line_id} ${l.event_id} ${l.side} ${l.role} ${l.amount_minor} ${l.currency}`;

/** Every id that occurs more than once. */
function duplicates(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  return ids.filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
}

/** Waits until the journal has applied everything the log holds for it, as GET /projections reports it. */
async function journalCaughtUp(service: ServiceProcess): Promise<string> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const journal = await service.projection('journal');
    assert.notEqual(journal.state, 'failed', `the journal projection failed after the restart: ${journal.error}`);
    if (journal.state === 'live' && journal.eventsBehind === 0 && journal.checkpoint === journal.headPosition) return String(journal.checkpoint);
    assert.ok(Date.now() < deadline, `the journal did not catch up within 60 s: ${JSON.stringify(journal)}`);
    await sleep(100);
  }
}

/** The journal's committed checkpoint, read from the projections file while the service writes it (WAL lets a reader in). */
function committedCheckpoint(file: string): bigint | null {
  if (!existsSync(file)) return null;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'projection_generations'").get()) return null;
    const row = db.prepare<[], { checkpoint: string | null }>("SELECT checkpoint FROM projection_generations WHERE projection = 'journal' AND live = 1").get();
    return row?.checkpoint != null ? BigInt(row.checkpoint) : null;
  } finally {
    db.close();
  }
}

/** Polls until the service has committed a journal transaction past `from`: it is catching up from then on. */
async function checkpointPast(file: string, from: bigint | null, service: ServiceProcess): Promise<bigint> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const checkpoint = committedCheckpoint(file);
    if (checkpoint !== null && (from === null || checkpoint > from)) return checkpoint;
    if (!service.running) assert.fail(`the service exited before the journal committed past ${from}:\n${(await service.exited).stderr}`);
    assert.ok(Date.now() < deadline, `the journal did not commit past ${from} within 60 s`);
    await sleep(5);
  }
}

async function storedSince(load: OrderLoad, before: number, count: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (load.counts.stored < before + count) {
    assert.ok(Date.now() < deadline, `only ${load.counts.stored - before} commands stored in 60 s: ${JSON.stringify(load.counts)}`);
    await sleep(20);
  }
}

test('SIGKILL while the service projects under order load: after restarts the journal holds every entry once and equals a clean rebuild', { timeout: 300_000 }, async (t) => {
  const dir = tempDir('projection-kill');
  const runId = randomUUID().slice(0, 8);
  const load = new OrderLoad(CONCURRENT_ORDERS, runId);
  let service: ServiceProcess | undefined;
  try {
    const projectionsFile = join(dir.path, 'projections.sqlite');
    for (let kill = 1; kill <= KILLS; kill++) {
      // Odd lives are killed while the journal follows the load live, even ones while it catches up a backlog.
      if (kill % 2 === 0) {
        const from = committedCheckpoint(projectionsFile);
        const head = await recordBacklog(dir.path, `backlog-${runId}-${kill}`, BACKLOG_ORDERS);
        service = await ServiceProcess.launch(dir.path);
        await checkpointPast(projectionsFile, from, service);
        await sleep(randomDelay(BACKLOG_KILL_DELAY_MS));
        const exit = await service.kill();
        assert.equal(exit.signal, 'SIGKILL', `life ${kill}: the service must die by our SIGKILL, but exited with code ${exit.code}:\n${exit.stderr}`);
        const at = committedCheckpoint(projectionsFile);
        t.diagnostic(`kill ${kill} catching up a backlog: journal committed ${from} -> ${at} of a log up to ${head}${at !== null && at < head ? ' (mid catch-up)' : ''}`);
        continue;
      }
      service = await ServiceProcess.start(dir.path);
      const before = load.counts.stored;
      load.serve(service.base);
      await storedSince(load, before, STORED_BEFORE_KILL);
      await sleep(randomDelay(KILL_DELAY_MS));
      const journal = await service.projection('journal');
      load.pause();
      const exit = await service.kill();
      assert.equal(exit.signal, 'SIGKILL', `life ${kill}: the service must die by our SIGKILL, but exited with code ${exit.code}:\n${exit.stderr}`);
      t.diagnostic(
        `kill ${kill} under load: journal ${journal.state} at ${journal.checkpoint}, head ${journal.headPosition}, ${journal.eventsBehind} behind; load ${JSON.stringify(load.counts)}`,
      );
    }

    // The last life: catches up what the kills left behind while the load goes on, then the load stops.
    service = await ServiceProcess.start(dir.path);
    load.serve(service.base);
    await storedSince(load, load.counts.stored, STORED_BEFORE_KILL);
    await load.stop();
    const caughtUpTo = await journalCaughtUp(service);
    const exit = await service.stop();
    // Nest's shutdown hooks close everything, then re-raise the signal.
    assert.ok(exit.code === 0 || exit.signal === 'SIGTERM', `the service did not stop cleanly (code ${exit.code}, signal ${exit.signal}):\n${exit.stderr}`);
    t.diagnostic(`final: journal caught up to ${caughtUpTo}; load ${JSON.stringify(load.counts)}`);

    const store = new SqliteEventStore({ file: join(dir.path, 'events.sqlite') });
    const db = new ProjectionDatabase(join(dir.path, 'projections.sqlite'));
    try {
      const checkpoint = db.liveGeneration('journal')?.checkpoint;
      assert.ok(checkpoint !== undefined && checkpoint !== null && checkpoint >= BigInt(caughtUpTo), `journal checkpoint ${checkpoint} is behind ${caughtUpTo}`);
      const events = (await store.readAll({ filter: journalProjection.filter })).filter((e) => e.globalPosition <= checkpoint);
      const foreign = events.filter((e) => !e.streamId.startsWith('order-'));
      assert.deepEqual(
        foreign.map((e) => e.streamId),
        [],
        'this log should hold only order streams among what the journal reads',
      );

      const postings = expectedPostings(events);
      const expectedLines = postings.flatMap((p) =>
        p.ok
          ? p.entry.lines.map((l) => lineText({ line_id: l.lineId, event_id: l.lineage.eventId, side: l.side, role: l.role, amount_minor: l.amountMinor, currency: l.currency }))
          : [],
      );
      const expectedErrors = postings.flatMap((p) => (p.ok ? [] : [p.error.entryId]));
      const lines = journalLines(db);
      const errors = postingErrors(db).map((e: PostingErrorRow) => e.entry_id);

      assert.ok(expectedLines.length > 0, 'the load produced journal lines');
      assert.deepEqual(duplicates(lines.map((l) => l.line_id)), [], 'no journal line twice');
      assert.deepEqual(
        lines.map(lineText).sort(),
        [...expectedLines].sort(),
        'the journal holds exactly the lines the posting rules derive from the log: none missing, none extra',
      );
      assert.deepEqual(errors.sort(), [...expectedErrors].sort(), 'posting errors are exactly the refused entries');

      const rebuild = await rebuildProjection(store, db, journalProjection, { switchOver: 'when-equal' });
      assert.deepEqual([rebuild.equal, rebuild.differingTables], [true, []], 'the journal after the kills hash-equals a clean rebuild from position 0');
      t.diagnostic(`${events.length} order events, ${lines.length} journal lines, ${errors.length} posting errors, rebuild hash ${rebuild.rebuiltHash.slice(0, 12)}`);
    } finally {
      db.close();
      await store.close();
    }
  } finally {
    await load.stop();
    await service?.kill();
    dir.remove();
  }
});
