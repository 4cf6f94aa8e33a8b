import { Logger, type LoggerService } from '@nestjs/common';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { threadId as mainThreadId, Worker } from 'node:worker_threads';
import { ProjectionHost } from '../../../projections/host/projection-host';
import { RUNNER_CONTROL, type RunnerControl } from '../../../projections/host/projection-runners';
import { PROJECTION_THREAD_ENTRY, ProjectionThread } from '../../../projections/host/projection-thread';
import { journalLines } from '../../../projections/journal/journal.queries';
import { ProjectionDatabase } from '../../../projections/runner/projection-database';
import { SqliteEventStore } from '../../../src/event-store/embedded/sqlite-event-store';
import type { EventStore, GlobalPosition } from '../../../src/event-store/event-store.port';
import { ReadModelNotReadyError } from '../../../src/errors/read-model-not-ready.error';
import { eventually } from '../../esdb-protocol/endpoint-fixture';
import { call } from '../../support/edge-app';
import { GENEROUS_RATE_LIMIT, startTestApp, type TestApp } from '../../support/test-app';
import { TEST_CALLERS, TEST_KEYS as KEYS } from '../../support/test-keys';
import { tempDir } from '../../support/temp-dir';

const DAY = '2026-11-27';

/** A gift card sold at a register, as GiftCardSold records it: the journal posts it at once. */
const giftCardSale = (giftCardId: string, soldAt = `${DAY}T09:30:00Z`) => ({
  giftCardId,
  channel: 'pos',
  companyCode: 'US01',
  currency: 'USD',
  amountMinor: 5000,
  tender: { kind: 'card', reference: `pi_${giftCardId}` },
  soldAt,
  sourceRef: `payload://pos/${giftCardId}`,
});

const sell = async (store: EventStore, giftCardId: string, soldAt?: string): Promise<GlobalPosition> =>
  (
    await store.appendToStream(`gift-card-${giftCardId}`, [{ eventId: randomUUID(), type: 'GiftCardSold', data: giftCardSale(giftCardId, soldAt) }], {
      expectedRevision: 'no_stream',
    })
  ).position;

describe('projections on a thread of their own, in the running service', () => {
  const dir = tempDir('projection-thread');
  let app: TestApp;
  const statusOf = async (name: string) =>
    (await call(app.base, 'GET', '/projections', { key: KEYS.finance })).body.projections.find((p: { projection: string }) => p.projection === name);
  before(async () => {
    app = await startTestApp({ dataDir: dir.path, keys: TEST_CALLERS, env: { ...GENEROUS_RATE_LIMIT } });
  });
  after(async () => {
    await app.close();
    dir.remove();
  });

  it('applies events on the projection thread: the request thread reads projections.sqlite on a query-only connection, and the journal still follows the log', async () => {
    const runners = app.app.get<symbol, RunnerControl>(RUNNER_CONTROL, { strict: false });
    assert.ok(runners instanceof ProjectionThread, 'the service runs its projections through the projection thread');
    assert.ok(runners.threadId !== undefined && runners.threadId !== mainThreadId, `runners on thread ${runners.threadId}, requests on thread ${mainThreadId}`);

    const views = app.app.get(ProjectionDatabase);
    assert.equal(views.db.pragma('query_only', { simple: true }), 1);
    assert.throws(
      () => views.db.prepare("UPDATE projection_generations SET checkpoint = '0'").run(),
      /readonly|read-only/i,
      'nothing on the request thread can write a read model',
    );

    const position = await sell(app.store, 'thread-1');
    await app.app.get(ProjectionHost).waitFor('journal', position);
    assert.deepEqual(
      journalLines(views, 'gift-card-thread-1').map((line) => `${line.side} ${line.role} ${line.amount_minor}`),
      ['debit psp.clearing 5000', 'credit liability.gift-card 5000'],
      'written by the projection thread, read here',
    );
    assert.equal(app.app.get(ProjectionHost).checkpoint('journal'), position);
  });

  it("reports each projection's lag in events and in seconds of the log's own time, counted on the projection thread", async () => {
    const applied = await sell(app.store, 'thread-2');
    await app.app.get(ProjectionHost).waitFor('journal', applied);
    // A sale the journal cannot date halts it; what comes after waits behind it.
    const poison = await sell(app.store, 'thread-poison', `${DAY}T09:30:00+25:00`);
    await eventually(async () => (await statusOf('journal')).state === 'halted', 'the journal halts at the poison event');
    await sell(app.store, 'thread-3');
    const head = await sell(app.store, 'thread-4');

    const [checkpointEvent] = await app.store.readAll({ fromPosition: applied, maxCount: 1 });
    const [headEvent] = await app.store.readAll({ fromPosition: head, maxCount: 1 });
    const journal = await statusOf('journal');
    assert.deepEqual(
      { state: journal.state, checkpoint: journal.checkpoint, headPosition: journal.headPosition, eventsBehind: journal.eventsBehind, haltedAt: journal.halt.position },
      { state: 'halted', checkpoint: applied.toString(), headPosition: head.toString(), eventsBehind: 3, haltedAt: poison.toString() },
    );
    assert.equal(journal.secondsBehind, (headEvent.recordedAt.getTime() - checkpointEvent.recordedAt.getTime()) / 1000, 'from the last applied event to the newest, by recordedAt');
    const others = (await call(app.base, 'GET', '/projections', { key: KEYS.finance })).body.projections.filter((p: { projection: string }) => p.projection !== 'journal');
    assert.deepEqual(
      others.map((p: { state: string; eventsBehind: number }) => [p.state, p.eventsBehind]),
      others.map(() => ['live', 0]),
      "gift cards are the journal's alone",
    );
  });
});

/** Log lines as the service's logger receives them. */
class CapturedLog implements LoggerService {
  readonly errors: string[] = [];
  log(): void {}
  warn(): void {}
  error(message: unknown): void {
    this.errors.push(String(message));
  }
}

describe('a crash of the projection thread', () => {
  const dir = tempDir('projection-thread-crash');
  const file = join(dir.path, 'events.sqlite');
  const projectionsFile = join(dir.path, 'projections.sqlite');
  const log = new CapturedLog();
  const threads: Worker[] = [];
  let store: SqliteEventStore;
  let views: ProjectionDatabase;
  let host: ProjectionHost;
  const journal = async () => (await host.status()).find((status) => status.projection === 'journal')!;
  /** What a thread dying on its own looks like to the host: an exit nobody asked for. */
  const crash = async () => {
    const thread = threads.at(-1)!;
    const exited = new Promise((resolve) => thread.once('exit', resolve));
    await thread.terminate();
    await exited;
  };

  before(async () => {
    Logger.overrideLogger(log);
    store = new SqliteEventStore({ file, durability: 'normal' });
    const runners = new ProjectionThread({ projectionsFile, store: { kind: 'embedded', file }, projections: ['journal'], niceness: 0 }, (init) => {
      const worker = new Worker(PROJECTION_THREAD_ENTRY, { workerData: init });
      threads.push(worker);
      return worker;
    });
    views = new ProjectionDatabase(projectionsFile, { access: 'read' });
    host = new ProjectionHost(store, views, runners);
    await host.onApplicationBootstrap();
  });
  after(async () => {
    await host.onModuleDestroy();
    host.onApplicationShutdown();
    await store.close();
    dir.remove();
  });

  it('fails what waits on it with READ_MODEL_NOT_READY, reports and logs it, and restarts it from the committed checkpoint', async () => {
    const first = await sell(store, 'crash-1');
    await host.waitFor('journal', first);
    const waiting = host.waitFor('journal', first + 1_000n);

    await crash();
    await assert.rejects(waiting, (error: Error) => error instanceof ReadModelNotReadyError && /projection thread exited with code 1/.test(error.message));
    const down = await journal();
    assert.deepEqual([down.state, down.checkpoint], ['failed', first.toString()], 'failed, with the checkpoint it committed');
    assert.match(down.error!, /exited with code 1; restarting it now from the committed checkpoints/);
    assert.ok(
      log.errors.some((line) => /projection thread exited with code 1/.test(line)),
      'the crash is logged',
    );

    const second = await sell(store, 'crash-2');
    await host.waitFor('journal', second);
    assert.equal(threads.length, 2, 'a new thread');
    assert.equal((await journal()).state, 'live');
    assert.deepEqual(
      journalLines(views).map((line) => line.stream_id),
      ['gift-card-crash-1', 'gift-card-crash-1', 'gift-card-crash-2', 'gift-card-crash-2'],
      'nothing lost, nothing twice',
    );
  });

  it("waits longer after each crash in a row, and an operator's restart brings it back at once", async () => {
    await crash();
    const down = await journal();
    assert.equal(down.state, 'failed');
    assert.match(down.error!, /restarting it in 1 s/, 'a second crash within a minute of the last start waits a second');

    const restarted = await host.restart('journal');
    assert.ok(restarted && restarted.state !== 'failed', JSON.stringify(restarted));
    assert.equal(threads.length, 3);
    const third = await sell(store, 'crash-3');
    await host.waitFor('journal', third);
  });
});
