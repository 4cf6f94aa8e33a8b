import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { after, before, describe, it } from 'node:test';
import { journalProjection } from '../../../projections/journal/journal.projection';
import { LINES } from '../../../projections/journal/journal.tables';
import { ProjectionDatabase } from '../../../projections/runner/projection-database';
import { type FinanceViewsApp, KEYS, startFinanceViewsApp } from '../finance/finance-views-app';
import { workedExampleOrder } from '../../order/api/order-requests';
import { call } from '../../support/edge-app';
import { tempDir } from '../../support/temp-dir';

const giftCardOrder = (orderId: string) => ({ ...workedExampleOrder(orderId), tenders: [{ kind: 'gift_card', amountMinor: 10519, reference: `gc-${orderId}` }] });

describe('a projection that fails in the running service', () => {
  const dir = tempDir('failed-projection');
  let edge: FinanceViewsApp;
  before(async () => {
    // A journal whose lines table has gone missing (a damaged file): its next write fails.
    const db = new ProjectionDatabase(join(dir.path, 'projections.sqlite'));
    const { generation } = db.createGeneration(journalProjection, true);
    db.db.exec(`DROP TABLE ${ProjectionDatabase.tableName(journalProjection.name, 'lines', generation)}`);
    db.close();
    edge = await startFinanceViewsApp(dir.path);
  });
  after(async () => {
    await edge.close();
    dir.remove();
  });

  it('is reported halted at the event it could not write, with the error, while the others stay live, the service stays ready and keeps taking orders', async () => {
    await edge.send(KEYS.web, '/orders', giftCardOrder('fail-1'));
    await assert.rejects(edge.caughtUp(), /lines/, 'waiting on a halted projection says why instead of hanging');

    const status = await edge.get('/projections');
    const byName = Object.fromEntries(status.body.projections.map((p: { projection: string }) => [p.projection, p]));
    assert.equal(byName.journal.state, 'halted');
    assert.match(byName.journal.error, /no such table/);
    assert.deepEqual([byName.journal.halt.streamId, byName.journal.halt.type, byName.journal.halt.companyCode], ['order-fail-1', 'OrderPlaced', 'US01']);
    assert.equal(byName.journal.checkpoint, null, 'the failed batch was rolled back: nothing half-applied');
    assert.equal(byName.journal.eventsBehind, 1);
    assert.equal(byName.finance_open_items.state, 'live', 'one broken read model does not stop the others');

    const ready = await call(edge.base, 'GET', '/ready');
    assert.equal(ready.status, 200, 'orders must still be taken: the events are safe in the log');
    const placed = await call(edge.base, 'POST', '/orders', { key: KEYS.web, body: giftCardOrder('fail-2') });
    assert.equal(placed.status, 201);
  });

  it('catches up from its checkpoint when an operator restarts it once the cause is repaired', async () => {
    // The repair: the missing table is put back, as a restore from backup would.
    const db = new ProjectionDatabase(join(dir.path, 'projections.sqlite'));
    const lines = ProjectionDatabase.tableName(journalProjection.name, 'lines', db.liveGeneration(journalProjection.name)!.generation);
    const columns = Object.entries(LINES.columns).map(([name, type]) => `${name} ${type}`);
    db.db.exec(`CREATE TABLE ${lines} (${columns.join(', ')}, PRIMARY KEY (${LINES.primaryKey.join(', ')}))`);
    db.close();

    assert.equal((await call(edge.base, 'POST', '/projections/journal/restart', { key: KEYS.finance })).status, 403, 'restarting is for operators');
    assert.equal((await call(edge.base, 'POST', '/projections/ledger/restart', { key: KEYS.ops })).status, 404);
    const restarted = await call(edge.base, 'POST', '/projections/journal/restart', { key: KEYS.ops });
    assert.equal(restarted.status, 200, JSON.stringify(restarted.body));
    assert.notEqual(restarted.body.state, 'failed');
    await edge.caughtUp();

    const status = await edge.get('/projections');
    const journal = status.body.projections.find((p: { projection: string }) => p.projection === 'journal');
    assert.equal(journal.state, 'live');
    assert.equal(journal.eventsBehind, 0);
    const report = await edge.rebuild(journalProjection);
    assert.equal(report.equal, true, 'the restarted journal holds exactly what a clean rebuild does');
    assert.equal(report.eventsApplied, 2, 'both orders placed meanwhile are in it');
  });
});

describe('another connection writing projections.sqlite while the service projects', () => {
  const dir = tempDir('projections-locked');
  let edge: FinanceViewsApp;
  before(async () => {
    edge = await startFinanceViewsApp(dir.path);
  });
  after(async () => {
    await edge.close();
    dir.remove();
  });

  it('is waited for: the orders placed meanwhile are projected once it commits, and no projection halts', async () => {
    await edge.send(KEYS.web, '/orders', giftCardOrder('locked-0'));
    await edge.caughtUp();
    // An operator's connection (a repair in a SQLite shell) holding the write lock for a while.
    const other = new Database(join(dir.path, 'projections.sqlite'));
    other.exec('BEGIN IMMEDIATE');
    other.exec('CREATE TABLE operator_scratch (id INTEGER PRIMARY KEY)');
    try {
      await edge.send(KEYS.web, '/orders', giftCardOrder('locked-1'));
      await edge.send(KEYS.web, '/orders', giftCardOrder('locked-2'));
      // Live delivery takes a few milliseconds; this leaves every projection time to ask for the lock.
      await new Promise((done) => setTimeout(done, 500));
    } finally {
      other.exec('COMMIT');
      other.close();
    }
    await edge.caughtUp();

    const status = await edge.get('/projections');
    for (const projection of status.body.projections) {
      assert.equal(projection.state, 'live', `${projection.projection}: ${projection.error ?? ''}`);
      assert.equal(projection.eventsBehind, 0, projection.projection);
    }
    const report = await edge.rebuild(journalProjection);
    assert.equal(report.equal, true, 'the journal holds exactly what a clean rebuild does');
    assert.equal(report.eventsApplied, 3, 'the three orders are in it');
  });
});
