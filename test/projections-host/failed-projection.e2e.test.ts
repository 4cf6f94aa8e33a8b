import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { journalProjection } from '../../projections/journal/journal.projection';
import { ProjectionDatabase } from '../../projections/runner/projection-database';
import { type FinanceViewsApp, KEYS, startFinanceViewsApp } from '../finance/finance-views-app';
import { workedExampleOrder } from '../order/api/order-requests';
import { call } from '../support/edge-app';
import { tempDir } from '../support/temp-dir';

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

  it('is reported failed with its error while the others stay live, the service stays ready and keeps taking orders', async () => {
    await edge.send(KEYS.web, '/orders', giftCardOrder('fail-1'));
    await assert.rejects(edge.caughtUp(), /lines/, 'waiting on a failed projection says why instead of hanging');

    const status = await edge.get('/projections');
    const byName = Object.fromEntries(status.body.projections.map((p: { projection: string }) => [p.projection, p]));
    assert.equal(byName.journal.state, 'failed');
    assert.match(byName.journal.error, /no such table/);
    assert.equal(byName.journal.checkpoint, null, 'the failed batch was rolled back: nothing half-applied');
    assert.equal(byName.journal.eventsBehind, 1);
    assert.equal(byName.finance_open_items.state, 'live', 'one broken read model does not stop the others');

    const ready = await call(edge.base, 'GET', '/ready');
    assert.equal(ready.status, 200, 'orders must still be taken: the events are safe in the log');
    const placed = await call(edge.base, 'POST', '/orders', { key: KEYS.web, body: giftCardOrder('fail-2') });
    assert.equal(placed.status, 201);
  });
});
