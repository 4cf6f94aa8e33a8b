import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { journalProjection } from '../projections/journal/journal.projection';
import { ProjectionDatabase } from '../projections/runner/projection-database';
import { rebuildProjection } from '../projections/runner/projection-rebuild';
import { ProjectionRunner } from '../projections/runner/projection-runner';
import { SqliteEventStore } from '../src/event-store/embedded/sqlite-event-store';
import type { GlobalPosition } from '../src/event-store/event-store.port';
import { tempDir } from '../test/support/temp-dir';
import { seedOrders } from './projections/seed-orders';
import { readAllInPages } from './store/reads';
import { peakRssMb, report, timeSeconds } from './support/timing';

const TARGET_EVENTS = 200_000;
const WARM_UP_EVENTS = 10_000;
const READ_PAGE = 1000;

interface Measured {
  orders: number;
  events: number;
  readSeconds: number;
  catchUpSeconds: number;
  rebuildSeconds: number;
}

async function withStore<T>(file: string, use: (store: SqliteEventStore) => Promise<T>): Promise<T> {
  const store = new SqliteEventStore({ file, durability: 'full' });
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/**
 * Journal catch-up from position 0 on a fresh projections file, as a first start of the service
 * does it: until the runner is live, so the indexes it builds once caught up are counted too.
 */
async function timeCatchUp(store: SqliteEventStore, db: ProjectionDatabase, head: GlobalPosition): Promise<number> {
  const runner = new ProjectionRunner(store, db, journalProjection);
  try {
    return await timeSeconds(async () => {
      await runner.start();
      await runner.waitFor(head);
      while (runner.currentState === 'catching-up') await nextTurn();
      if (runner.currentState !== 'live') throw new Error(`the journal runner is ${runner.currentState} after catching up`);
    });
  } finally {
    await runner.stop();
  }
}

/** Seeds one log of order histories, then reads it raw, projects it from 0 and rebuilds it, each on a freshly opened store. */
async function measure(targetEvents: number): Promise<Measured> {
  const dir = tempDir('bench-projections');
  try {
    const eventsFile = join(dir.path, 'events.sqlite');
    const seeded = await withStore(eventsFile, (store) => seedOrders(store, targetEvents));

    let read = 0;
    const readSeconds = await withStore(eventsFile, (store) => timeSeconds(async () => void (read = await readAllInPages(store, READ_PAGE))));
    if (read !== seeded.events) throw new Error(`readAll saw ${read} events, expected ${seeded.events}`);

    const db = new ProjectionDatabase(join(dir.path, 'projections.sqlite'));
    try {
      return await withStore(eventsFile, async (store) => {
        const [head] = await store.readAll({ direction: 'backwards', maxCount: 1 });
        const catchUpSeconds = await timeCatchUp(store, db, head.globalPosition);
        let equal = false;
        const rebuildSeconds = await timeSeconds(async () => {
          equal = (await rebuildProjection(store, db, journalProjection, { switchOver: 'when-equal' })).equal;
        });
        if (!equal) throw new Error('the rebuilt journal does not hash-equal the caught-up one');
        return { orders: seeded.orders, events: read, readSeconds, catchUpSeconds, rebuildSeconds };
      });
    } finally {
      db.close();
    }
  } finally {
    dir.remove();
  }
}

/** `--events N`: a smaller log for quick runs on a busy machine (the ratio is what compares). */
function targetEvents(args: string[]): number {
  const { values } = parseArgs({ args, options: { events: { type: 'string', default: String(TARGET_EVENTS) } } });
  const events = Number(values.events);
  if (!Number.isInteger(events) || events < WARM_UP_EVENTS) throw new Error(`--events must be an integer >= ${WARM_UP_EVENTS}, got "${values.events}"`);
  return events;
}

export async function projectionsBench(args: string[]): Promise<void> {
  const target = targetEvents(args);
  // A small run first, so the measured one starts with optimised code.
  await measure(WARM_UP_EVENTS);
  const m = await measure(target);
  console.log(`seeded ${m.events} events of ${m.orders} order histories`);
  const rawReadPerSec = report(`store readAll, ${READ_PAGE}-event pages`, m.events, 'events', m.readSeconds);
  const catchUpPerSec = report('journal projection catch-up from 0', m.events, 'events', m.catchUpSeconds);
  console.log(`journal rebuild into a fresh generation, hash-compared and switched: ${m.rebuildSeconds.toFixed(2)} s`);
  console.log(`peak RSS: ${peakRssMb().toFixed(1)} MB`);
  console.log(
    JSON.stringify({
      bench: 'projections',
      events: m.events,
      rebuildSeconds: Number(m.rebuildSeconds.toFixed(2)),
      catchUpEventsPerSec: Math.round(catchUpPerSec),
      rawReadPerSec: Math.round(rawReadPerSec),
      ratio: Number((catchUpPerSec / rawReadPerSec).toFixed(3)),
    }),
  );
}
