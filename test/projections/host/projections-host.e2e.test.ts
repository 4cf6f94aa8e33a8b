import * as grpc from '@grpc/grpc-js';
import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LINE_COLUMNS, linesFrom } from '../../../projections/journal/journal-rows';
import { journalProjection } from '../../../projections/journal/journal.projection';
import { ProjectionDatabase } from '../../../projections/runner/projection-database';
import { ProjectionHost } from '../../../projections/host/projection-host';
import { call } from '../../support/edge-app';
import { callOnce, type GrpcAnswer, GRPC_SERVICES } from '../../support/grpc-client';
import { ORDER_KEYS as KEYS, type OrderApp, startOrderApp } from '../../support/order-app';
import { tempDir } from '../../support/temp-dir';
import { workedExampleOrder } from '../../order/api/order-requests';

interface LineRow {
  line_id: string;
  role: string;
  side: string;
  amount_minor: number;
  event_type: string;
  global_position: string;
}

/** The journal's live lines read straight from DATA_DIR/projections.sqlite, as an operator with sqlite3 would (with the journal's joins). */
function journalFileLines(dataDir: string): LineRow[] {
  const db = new Database(join(dataDir, 'projections.sqlite'), { readonly: true });
  try {
    const { generation } = db.prepare("SELECT generation FROM projection_generations WHERE projection = 'journal' AND live = 1").get() as { generation: number };
    const table = (name: string) => ProjectionDatabase.tableName(journalProjection.name, name, generation);
    const lines = db
      .prepare(`SELECT ${LINE_COLUMNS} FROM ${linesFrom({ events: table('events'), entries: table('entries'), lines: table('lines') })} ORDER BY line_id`)
      .all() as LineRow[];
    return lines.map(({ line_id, role, side, amount_minor, event_type, global_position }) => ({ line_id, role, side, amount_minor, event_type, global_position }));
  } finally {
    db.close();
  }
}

async function listProjectionsOverGrpc(port: number, key: string): Promise<GrpcAnswer> {
  return callProjections(port, 'ListProjections', {}, key);
}

function callProjections(port: number, method: string, request: object, key: string): Promise<GrpcAnswer> {
  return callOnce(port, GRPC_SERVICES.projections, method, request, key);
}

describe('projections in the running service, on the embedded store', () => {
  const dir = tempDir('projections-host');
  let edge: OrderApp;
  before(async () => {
    edge = await startOrderApp(dir.path);
  });
  after(async () => {
    await edge.close();
    dir.remove();
  });

  const post = async (path: string, body: unknown) => {
    const answer = await call(edge.base, 'POST', path, { key: KEYS.web, body });
    assert.equal(answer.status, 201, `${path}: ${JSON.stringify(answer.body)}`);
  };
  /** Read-your-writes: waits until the journal has applied the order stream's newest event. */
  const journalCaughtUp = async (orderId: string) => {
    const events = await edge.store.readStream(`order-${orderId}`);
    await edge.app.get(ProjectionHost).waitFor('journal', events.at(-1)!.globalPosition);
    return events.at(-1)!.globalPosition;
  };

  it('turns an order placed over HTTP into journal lines in DATA_DIR/projections.sqlite', async () => {
    // Paid by gift card: the tender posts when the order is placed, whatever the fulfillment saga does next.
    await post('/orders', { ...workedExampleOrder('host-1'), tenders: [{ kind: 'gift_card', amountMinor: 10519, reference: 'gc-1' }] });
    await journalCaughtUp('host-1');

    const placed = journalFileLines(dir.path).filter((line) => line.event_type === 'OrderPlaced');
    assert.deepEqual(
      placed.map(({ role, side, amount_minor }) => [role, side, amount_minor]),
      [
        ['liability.gift-card', 'debit', 10519],
        ['liability.customer-deposits', 'credit', 10519],
      ],
    );
  });

  it('reports each projection live at the head of the log, over HTTP and gRPC, to finance and operators only', async () => {
    const head = await journalCaughtUp('host-1');
    for (const key of [KEYS.finance, KEYS.ops]) {
      const answer = await call(edge.base, 'GET', '/projections', { key });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      const journal = answer.body.projections.find((p: { projection: string }) => p.projection === 'journal');
      assert.deepEqual(
        { state: journal.state, checkpoint: journal.checkpoint, headPosition: journal.headPosition, eventsBehind: journal.eventsBehind, secondsBehind: journal.secondsBehind },
        { state: 'live', checkpoint: head.toString(), headPosition: head.toString(), eventsBehind: 0, secondsBehind: 0 },
      );
    }
    const denied = await call(edge.base, 'GET', '/projections', { key: KEYS.web });
    assert.equal(denied.status, 403, 'a channel key must not read projection status');

    const grpcAnswer = await listProjectionsOverGrpc(edge.grpcPort, KEYS.finance);
    assert.equal(grpcAnswer.error, undefined, grpcAnswer.error?.details);
    const journal = grpcAnswer.response.projections.find((p: { projection: string }) => p.projection === 'journal');
    assert.equal(journal.state, 'live');
    assert.equal(journal.checkpoint, head.toString());
    assert.equal(journal.eventsBehind, 0);
    await assert.rejects(edge.app.get(ProjectionHost).waitFor('ledger', head), /projection ledger is not registered/, 'a misspelt name fails instead of waiting forever');
    const grpcDenied = await listProjectionsOverGrpc(edge.grpcPort, KEYS.web);
    assert.equal(grpcDenied.error?.code, grpc.status.PERMISSION_DENIED);

    const restarted = await callProjections(edge.grpcPort, 'RestartProjection', { name: 'journal' }, KEYS.ops);
    assert.equal(restarted.error, undefined, restarted.error?.details);
    assert.equal(restarted.response.checkpoint, head.toString(), 'a restart resumes from the committed checkpoint');
    assert.equal((await callProjections(edge.grpcPort, 'RestartProjection', { name: 'ledger' }, KEYS.ops)).error?.code, grpc.status.NOT_FOUND);
    assert.equal((await callProjections(edge.grpcPort, 'RestartProjection', { name: 'Bad Name' }, KEYS.ops)).error?.code, grpc.status.INVALID_ARGUMENT);
    assert.equal((await callProjections(edge.grpcPort, 'RestartProjection', { name: 'journal' }, KEYS.finance)).error?.code, grpc.status.PERMISSION_DENIED);
  });

  it('resumes from its checkpoint after a restart on the same DATA_DIR: nothing lost, nothing twice', async () => {
    const before = journalFileLines(dir.path);
    const checkpointBefore = edge.app.get(ProjectionHost).checkpoint('journal')!;
    await edge.close();
    edge = await startOrderApp(dir.path);
    await post('/orders', { ...workedExampleOrder('host-2'), tenders: [{ kind: 'gift_card', amountMinor: 10519, reference: 'gc-2' }] });
    await journalCaughtUp('host-2');

    const afterRestart = journalFileLines(dir.path);
    const previous = new Set(before.map((line) => line.line_id));
    assert.deepEqual(
      afterRestart.filter((line) => previous.has(line.line_id)),
      before,
      'lines written before the restart are unchanged',
    );
    const added = afterRestart.filter((line) => !previous.has(line.line_id));
    assert.ok(
      added.some((line) => line.line_id.includes('tender-received')),
      'the order placed after the restart was posted',
    );
    assert.ok(
      added.every((line) => BigInt(line.global_position) > checkpointBefore),
      `only events after the checkpoint were applied after the restart: ${JSON.stringify(added)}`,
    );
    const report = (await edge.app.get(ProjectionHost).rebuild(journalProjection.name))!;
    assert.equal(report.equal, true, `the live journal equals a clean rebuild from position 0; differing: ${report.differingTables.join(', ')}`);
  });

  it('rebuilds a projection on an operator request while orders keep coming, and switches only to tables equal to the live ones', async () => {
    assert.equal((await call(edge.base, 'POST', '/projections/journal/rebuild', { key: KEYS.finance })).status, 403, 'rebuilding is for operators');
    assert.equal((await call(edge.base, 'POST', '/projections/ledger/rebuild', { key: KEYS.ops })).status, 404);

    const generationBefore = edge.app.get(ProjectionDatabase).liveGeneration('journal')!.generation;
    const [rebuilt] = await Promise.all([
      call(edge.base, 'POST', '/projections/journal/rebuild', { key: KEYS.ops }),
      post('/orders', { ...workedExampleOrder('host-3'), tenders: [{ kind: 'gift_card', amountMinor: 10519, reference: 'gc-3' }] }),
    ]);
    assert.equal(rebuilt.status, 200, JSON.stringify(rebuilt.body));
    assert.deepEqual(
      { equal: rebuilt.body.equal, switched: rebuilt.body.switched, differingTables: rebuilt.body.differingTables },
      { equal: true, switched: true, differingTables: [] },
    );
    assert.equal(edge.app.get(ProjectionDatabase).liveGeneration('journal')!.generation, rebuilt.body.rebuiltGeneration, 'readers moved to the rebuilt tables');
    assert.notEqual(rebuilt.body.rebuiltGeneration, generationBefore);
    await journalCaughtUp('host-3');
    assert.ok(
      journalFileLines(dir.path).some((line) => line.line_id.includes('tender-received') && line.amount_minor === 10519),
      'the live journal kept following after the switch',
    );

    // A live row that history does not imply: the rebuild reports it and readers stay where they are.
    const db = new Database(join(dir.path, 'projections.sqlite'));
    const live = edge.app.get(ProjectionDatabase).liveGeneration('journal')!.generation;
    db.prepare(`UPDATE journal__lines__g${live} SET amount_minor = amount_minor + 1 WHERE rowid = (SELECT MIN(rowid) FROM journal__lines__g${live})`).run();
    db.close();
    const mismatch = await call(edge.base, 'POST', '/projections/journal/rebuild', { key: KEYS.ops });
    assert.equal(mismatch.status, 200, JSON.stringify(mismatch.body));
    assert.deepEqual(
      { equal: mismatch.body.equal, switched: mismatch.body.switched, differingTables: mismatch.body.differingTables },
      { equal: false, switched: false, differingTables: ['lines'] },
    );
    assert.equal(edge.app.get(ProjectionDatabase).liveGeneration('journal')!.generation, live, 'a rebuild that differs is not switched to');
  });
});
