import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { journalProjection } from '../../../projections/journal/journal.projection';
import { journalLines } from '../../../projections/journal/journal.queries';
import { ProjectionDatabase } from '../../../projections/runner/projection-database';
import { type Endpoint, startEndpoint } from '../../esdb-protocol/endpoint-fixture';
import { type FinanceViewsApp, KEYS, startFinanceViewsApp } from '../finance/finance-views-app';
import { workedExampleOrder } from '../../order/api/order-requests';
import { tempDir } from '../../support/temp-dir';

/** Paid by gift card, so OrderPlaced itself posts (liability.gift-card / customer deposits). */
const giftCardOrder = (orderId: string) => ({ ...workedExampleOrder(orderId), tenders: [{ kind: 'gift_card', amountMinor: 10519, reference: `gc-${orderId}` }] });

describe('projections in the running service on the EventStoreDB adapter', () => {
  const dir = tempDir('projections-host-esdb');
  let endpoint: Endpoint;
  let edge: FinanceViewsApp;
  const start = () => startFinanceViewsApp(dir.path, { EVENTSTORE_URL: endpoint.url });
  const lineIds = () => journalLines(edge.app.get(ProjectionDatabase)).map((line) => line.line_id);
  before(async () => {
    endpoint = await startEndpoint();
    edge = await start();
  });
  after(async () => {
    await edge.close();
    await endpoint.close();
    dir.remove();
  });

  it('projects orders appended through EventStoreDB into DATA_DIR/projections.sqlite', async () => {
    await edge.send(KEYS.web, '/orders', giftCardOrder('esdb-1'));
    await edge.caughtUp();
    const status = await edge.get('/projections');
    const journal = status.body.projections.find((p: { projection: string }) => p.projection === 'journal');
    assert.equal(journal.state, 'live', JSON.stringify(journal));
    assert.equal(journal.eventsBehind, 0);
    assert.equal(lineIds().length, 2, 'gift card tender: one debit, one credit');
  });

  it('resumes from its checkpoint after a restart: only the new order is added, and the journal equals a clean rebuild', async () => {
    const before = lineIds();
    await edge.close();
    edge = await start();
    await edge.send(KEYS.web, '/orders', giftCardOrder('esdb-2'));
    await edge.caughtUp();
    const afterRestart = lineIds();
    assert.deepEqual(
      afterRestart.filter((id) => before.includes(id)),
      before,
    );
    assert.equal(afterRestart.length, before.length + 2);
    const report = await edge.rebuild(journalProjection);
    assert.equal(report.equal, true, `differing tables: ${report.differingTables.join(', ')}`);
  });
});
