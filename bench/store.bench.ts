import { SqliteEventStore } from '../src/event-store/embedded/sqlite-event-store';
import { peakRssMb, report, timeSeconds } from './support/timing';
import { withTempFile } from './support/temp-file';
import { runWriters } from './store/append';
import { prepareRawInserts } from './store/raw-ceiling';
import { catchUp, readAllInPages } from './store/reads';
import { seedLog } from './store/seed';
import { eventCount, planWriters, type WriterPlan } from './store/writer-plan';

/** Groups of 100 streams x 10 events: fast to seed without inflating peak RSS with huge batches. */
const SEED_EVENTS_PER_APPEND = 10;
const READ_PAGE = 1000;

function openStore(file: string): SqliteEventStore {
  return new SqliteEventStore({ file, durability: 'full' });
}

async function withStore<T>(file: string, use: (store: SqliteEventStore) => Promise<T>): Promise<T> {
  const store = openStore(file);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

function appendSeconds(plan: WriterPlan[]): Promise<number> {
  return withTempFile('append', (file) => withStore(file, (store) => timeSeconds(() => runWriters(store, plan))));
}

function rawSeconds(plan: WriterPlan[]): Promise<{ rows: number; seconds: number }> {
  return withTempFile('raw', async (file) => {
    const raw = prepareRawInserts(file, plan);
    try {
      return { rows: raw.rows, seconds: await timeSeconds(raw.run) };
    } finally {
      raw.close();
    }
  });
}

/** Both read benchmarks run over one log, each through a store opened just for it. */
function readSeconds(plan: WriterPlan[]): Promise<{ readAll: number; catchUp: number }> {
  const expected = eventCount(plan);
  const check = (what: string, count: number) => {
    if (count !== expected) throw new Error(`${what} saw ${count} events, expected ${expected}`);
  };
  return withTempFile('reads', async (file) => {
    await withStore(file, (store) => seedLog(store, plan, SEED_EVENTS_PER_APPEND));
    const readAll = await withStore(file, (store) => timeSeconds(async () => check('readAll', await readAllInPages(store, READ_PAGE))));
    const caughtUp = await withStore(file, (store) => timeSeconds(async () => check('catch-up', await catchUp(store))));
    return { readAll, catchUp: caughtUp };
  });
}

/** Appends the plan on a fresh file and prints the rate. */
async function measureAppends(writers: number, eventsPerWriter: number): Promise<{ plan: WriterPlan[]; perSec: number }> {
  const plan = planWriters(writers, eventsPerWriter);
  const seconds = await appendSeconds(plan);
  return { plan, perSec: report(`store append, ${writers} writer(s), 1 event per call`, eventCount(plan), 'events', seconds) };
}

/** Runs every code path once at small scale so the measured runs start with optimised code. */
async function warmUp(): Promise<void> {
  const plan = planWriters(10, 100);
  await appendSeconds(plan);
  await rawSeconds(plan);
  await readSeconds(plan);
}

export async function storeBench(): Promise<void> {
  await warmUp();

  // Each scenario runs for seconds, long enough to swamp timer and disk noise. A lone writer
  // pays a full fsync per event, so it gets fewer events than the 100-writer headline.
  await measureAppends(1, 10_000);
  await measureAppends(10, 3_000);
  const headline = await measureAppends(100, 1_000);

  // The same rows the 100-writer run appended, on a fresh file.
  const raw = await rawSeconds(headline.plan);
  const rawCeilingPerSec = report('raw better-sqlite3 insert, 1000-row transactions', raw.rows, 'rows', raw.seconds);

  // The read log holds those same 100k events again, so no second fixture is built.
  const reads = await readSeconds(headline.plan);
  const total = eventCount(headline.plan);
  const readAllPerSec = report(`store readAll, ${READ_PAGE}-event pages`, total, 'events', reads.readAll);
  const catchUpPerSec = report('store subscribeToAll catch-up until caughtUp', total, 'events', reads.catchUp);

  console.log(`peak RSS: ${peakRssMb().toFixed(1)} MB`);
  console.log(
    JSON.stringify({
      bench: 'store',
      append100PerSec: Math.round(headline.perSec),
      rawCeilingPerSec: Math.round(rawCeilingPerSec),
      ratio: Number((headline.perSec / rawCeilingPerSec).toFixed(3)),
      readAllPerSec: Math.round(readAllPerSec),
      catchUpPerSec: Math.round(catchUpPerSec),
    }),
  );
}
