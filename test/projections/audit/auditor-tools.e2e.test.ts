import assert from 'node:assert/strict';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { JournalTables } from '../../../projections/journal/journal-rows';
import { journalTables } from '../../../projections/journal/journal.queries';
import { ProjectionDatabase } from '../../../projections/runner/projection-database';
import { tempDir } from '../../support/temp-dir';
import { entryKeyOf } from '../journal/entry-key';
import { audit, type AuditApp, callAudit, sendPayout, sendWorkedExample, startAuditApp } from './audit-app';

/**
 * Changes the live rows of one journal entry in DATA_DIR/projections.sqlite on a connection of its
 * own, as someone with the file could: `sql` gets the journal's tables and a subquery for the entry's key.
 */
function tamperEntry(dataDir: string, entryId: string, sql: (journal: JournalTables, entryKey: string) => string): void {
  const db = new ProjectionDatabase(join(dataDir, 'projections.sqlite'));
  try {
    const journal = journalTables(db);
    const entry = entryKeyOf(journal, entryId);
    db.db.prepare(sql(journal, entry.sql)).run(...entry.params);
  } finally {
    db.close();
  }
}

describe('auditor tools: replay a stream, rebuild an entry from history and compare it with the record', () => {
  const dir = tempDir('audit-tools');
  let app: AuditApp;
  let entryIds: string[];

  before(async () => {
    app = await startAuditApp(dir.path);
    await sendWorkedExample(app, 'o-1001');
    await sendPayout(app, 'o-1001', 'po_1001');
    const lines = (await audit(app, '/orders/o-1001/lines')).body.lines;
    entryIds = [...new Set<string>(lines.map((l: any) => l.entryId))];
  });
  after(async () => {
    await app.close();
    dir.remove();
  });

  it('replays a stream page by page, forwards from a revision, exactly as stored', async () => {
    const stored = await app.store.readStream('order-o-1001');
    const pages = [];
    let from: number | null = 0;
    while (from !== null) {
      const answer = await audit(app, `/streams/order-o-1001/events?fromRevision=${from}&maxCount=3`);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      pages.push(answer.body.events.map((e: any) => e.revision));
      from = answer.body.nextRevision;
    }
    assert.deepEqual(pages, [[0, 1, 2], [3, 4, 5], [6]]);
    const all = (await audit(app, '/streams/order-o-1001/events')).body.events;
    assert.deepEqual(
      all.map((e: any) => [e.eventId, e.type, e.globalPosition, e.data]),
      stored.map((e) => [e.eventId, e.type, e.globalPosition.toString(), e.data]),
    );
  });

  it('refuses a bad page and answers 404 for a stream that does not exist', async () => {
    const zero = await audit(app, '/streams/order-o-1001/events?maxCount=0');
    assert.equal(zero.status, 400);
    assert.deepEqual(
      zero.body.error.fields.map((f: any) => f.path),
      ['maxCount'],
    );
    assert.equal((await audit(app, '/streams/order-o-1001/events?from=2')).status, 400, 'unknown query parameters are refused');
    assert.equal((await audit(app, '/streams/order-nobody/events')).status, 404);
    const payout = await audit(app, `/streams/${encodeURIComponent('settlement-stripe/po_1001')}/events`);
    assert.deepEqual(
      payout.body.events.map((e: any) => e.type),
      ['SettlementReported', 'SettlementReconciled'],
      'a stream id with a slash, sent encoded',
    );
    const grpcPage = await callAudit(app, 'ReplayStream', { streamId: 'order-o-1001', fromRevision: 5, maxCount: 0 });
    assert.deepEqual(
      grpcPage.response.events.map((e: any) => e.type),
      ['ReturnReceived', 'RefundIssued'],
    );
    assert.equal(grpcPage.response.nextRevision, undefined, 'the end of the stream');
    assert.equal((await callAudit(app, 'ReplayStream', { streamId: 'order-nobody' })).error?.code, GrpcStatus.NOT_FOUND);
  });

  it('rebuilds every posted entry of the order from history, matching field by field and by hash', async () => {
    assert.deepEqual(
      entryIds.map((id) => id.split('/')[1]),
      ['payment-captured', 'revenue-recognized', 'vendor-claim', 'return-received', 'refund-paid'],
    );
    for (const entryId of entryIds) {
      const answer = await audit(app, `/entries/${encodeURIComponent(entryId)}/rebuild`);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(answer.body.match, true, `${entryId}: ${JSON.stringify(answer.body.differences)} ${answer.body.problem ?? ''}`);
      assert.equal(answer.body.rebuiltHash, answer.body.recordedHash);
      assert.match(answer.body.recordedHash, /^[0-9a-f]{64}$/);
      assert.deepEqual(answer.body.differences, []);
    }
  });

  it("rebuilds a payout's entries from its SettlementReported alone", async () => {
    const lines = (await audit(app, '/settlements/stripe/po_1001/lines')).body.lines;
    for (const entryId of new Set<string>(lines.map((l: any) => l.entryId))) {
      const answer = await audit(app, `/entries/${encodeURIComponent(entryId)}/rebuild`);
      assert.equal(answer.body.match, true, `${entryId}: ${JSON.stringify(answer.body.differences)} ${answer.body.problem ?? ''}`);
      assert.deepEqual(
        answer.body.events.map((e: any) => e.type),
        ['SettlementReported'],
      );
    }
  });

  it('names the tampered field when a recorded line no longer matches what history implies', async () => {
    const revenue = entryIds.find((id) => id.endsWith('/revenue-recognized'))!;
    tamperEntry(dir.path, revenue, (journal, entryKey) => `UPDATE ${journal.lines} SET amount_minor = 1100 WHERE entry_key = ${entryKey} AND role = 'discount.retailer'`);

    const answer = await audit(app, `/entries/${encodeURIComponent(revenue)}/rebuild`);
    assert.equal(answer.status, 200);
    assert.equal(answer.body.match, false);
    assert.notEqual(answer.body.rebuiltHash, answer.body.recordedHash);
    assert.deepEqual(answer.body.differences, [{ path: 'lines[1].amountMinor', recorded: 1100, rebuilt: 1000 }]);

    const overGrpc = await callAudit(app, 'RebuildEntry', { entryId: revenue });
    assert.equal(overGrpc.response.match, false);
    assert.deepEqual(overGrpc.response.differences, [{ path: 'lines[1].amountMinor', recordedJson: '1100', rebuiltJson: '1000' }]);
  });

  it('still traces a line whose entry row was deleted from the journal, to the event that posted it', async () => {
    const refund = entryIds.find((id) => id.endsWith('/refund-paid'))!;
    tamperEntry(dir.path, refund, (journal, entryKey) => `DELETE FROM ${journal.entries} WHERE entry_key = ${entryKey}`);

    const lineage = await audit(app, `/lines/${encodeURIComponent(`${refund}/1`)}`);
    assert.equal(lineage.status, 200, JSON.stringify(lineage.body));
    assert.deepEqual([lineage.body.line.sourceType, lineage.body.line.amountMinor], [null, 2931]);
    assert.deepEqual(
      lineage.body.events.map((e: any) => [e.role, e.type, e.event?.data.refundId]),
      [['source', 'RefundIssued', 'ref-1']],
    );
    assert.equal((await audit(app, `/entries/${encodeURIComponent(refund)}/rebuild`)).status, 404, 'the entry itself is no longer recorded');
  });

  it('answers 404 for an entry the journal never recorded', async () => {
    const answer = await audit(app, `/entries/${encodeURIComponent('no-such-event/payment-captured')}/rebuild`);
    assert.equal(answer.status, 404);
    assert.equal((await callAudit(app, 'RebuildEntry', { entryId: 'no-such-event/payment-captured' })).error?.code, GrpcStatus.NOT_FOUND);
  });
});
