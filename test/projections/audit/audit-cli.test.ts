import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { journalTables } from '../../../projections/journal/journal.queries';
import { SqliteEventStore } from '../../../src/event-store/embedded/sqlite-event-store';
import { EsdbProtocolServer } from '../../../src/esdb-protocol/esdb-protocol-server';
import { ProjectionDatabase } from '../../../projections/runner/projection-database';
import { runAudit, runAuditWith } from './audit-cli-run';
import { tempDir } from '../../support/temp-dir';
import { entryKeyOf } from '../journal/entry-key';
import { audit, closeBatches, sendPayout, sendWorkedExample, startAuditApp, tamperEventData, WORKED_EXAMPLE_DATES } from './audit-app';

function tamperLiveLine(dataDir: string, entryId: string, role: string, amountMinor: number): void {
  const db = new ProjectionDatabase(join(dataDir, 'projections.sqlite'));
  try {
    const journal = journalTables(db);
    const entry = entryKeyOf(journal, entryId);
    const changed = db.db.prepare(`UPDATE ${journal.lines} SET amount_minor = ? WHERE role = ? AND entry_key = ${entry.sql}`).run(amountMinor, role, ...entry.params).changes;
    assert.equal(changed, 1, 'one row tampered');
  } finally {
    db.close();
  }
}

describe('npm run audit: the auditor CLI against a real data dir', () => {
  const data = tempDir('audit-cli');
  let revenueEntry: string;
  let captureEntry: string;

  before(async () => {
    // A data dir as the service leaves it: the worked example's history and its projected journal.
    const app = await startAuditApp(data.path);
    try {
      await sendWorkedExample(app, 'o-1001');
      await sendPayout(app, 'o-1001', 'po_1001');
      await closeBatches(app, WORKED_EXAMPLE_DATES);
      const lines = (await audit(app, '/orders/o-1001/lines')).body.lines;
      revenueEntry = lines.find((l: any) => l.role === 'revenue.merchandise').entryId;
      captureEntry = lines.find((l: any) => l.eventType === 'PaymentCaptured').entryId;
    } finally {
      await app.close();
    }
  });
  after(() => data.remove());

  it('replays a stream as one JSON event a line, from a revision', async () => {
    const run = await runAudit(data.path, 'replay', 'order-o-1001', '--from', '3');
    assert.equal(run.code, 0, run.stderr);
    const events = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    assert.deepEqual(
      events.map((e) => [e.revision, e.type]),
      [
        [3, 'ShipmentConfirmed'],
        [4, 'ReturnRequested'],
        [5, 'ReturnReceived'],
        [6, 'RefundIssued'],
      ],
    );
  });

  it('reads history from EventStoreDB when EVENTSTORE_URL is set, like the service', async () => {
    // The data dir's store served over EventStoreDB's protocol: what the CLI reads comes through @eventstore/db-client.
    const store = new SqliteEventStore({ file: join(data.path, 'events.sqlite') });
    const server = new EsdbProtocolServer(store, { readOnly: true });
    const port = await server.listen('127.0.0.1', 0);
    try {
      const settings = { DATA_DIR: data.path, EVENTSTORE_URL: `esdb://127.0.0.1:${port}?tls=false` };
      const elsewhere = tempDir('audit-cli-no-store');
      // A DATA_DIR without events.sqlite: only EventStoreDB can answer this replay.
      const replay = await runAuditWith({ ...settings, DATA_DIR: elsewhere.path }, 'replay', 'order-o-1001', '--max', '2');
      elsewhere.remove();
      assert.equal(replay.code, 0, replay.stderr);
      assert.deepEqual(
        replay.stdout
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line).type),
        ['OrderPlaced', 'PaymentAuthorized'],
      );
      const entry = await runAuditWith(settings, 'rebuild-entry', revenueEntry);
      assert.equal(entry.code, 0, entry.stdout + entry.stderr);
      assert.match(entry.stdout, /: match/);
    } finally {
      await server.close();
      await store.close();
    }
  });

  it('rebuilds an untouched entry from history: match, exit 0', async () => {
    const run = await runAudit(data.path, 'rebuild-entry', revenueEntry);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, new RegExp(`entry ${revenueEntry}: match`));
    assert.match(run.stdout, /from source ShipmentConfirmed order-o-1001@3/);
    assert.match(run.stdout, /from context OrderPlaced order-o-1001@0/);
  });

  it('rebuilds the journal projection with progress lines and switches to the equal rebuild, exit 0', async () => {
    const run = await runAudit(data.path, 'rebuild-projection', 'journal');
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stderr, /rebuild journal \[#+\] 100% position \d+ of \d+\n/, 'a plain progress line, not a redrawn bar, when stderr is a pipe');
    assert.match(run.stdout, /projection journal at position \d+: match/);
    assert.match(run.stdout, /switched: readers now see generation \d+/);
  });

  it('detects a tampered journal row: the entry and the projection rebuild both report a mismatch, exit 1, nothing switched', async () => {
    tamperLiveLine(data.path, captureEntry, 'psp.clearing', 10520);

    const entry = await runAudit(data.path, 'rebuild-entry', captureEntry);
    assert.equal(entry.code, 1, entry.stdout + entry.stderr);
    assert.match(entry.stdout, /MISMATCH/);
    assert.match(entry.stdout, /lines\[0\]\.amountMinor: recorded 10520, history implies 10519/);

    const projection = await runAudit(data.path, 'rebuild-projection', 'journal', '--json');
    assert.equal(projection.code, 1, projection.stdout + projection.stderr);
    const report = JSON.parse(projection.stdout);
    assert.deepEqual([report.equal, report.switched, report.differingTables], [false, false, ['lines']]);
    assert.notEqual(report.liveHash, report.rebuiltHash);

    const again = await runAudit(data.path, 'rebuild-entry', captureEntry);
    assert.equal(again.code, 1, 'the tampered generation is still the one readers see: a mismatch never switches');
  });

  it('rebuilds a closed batch and verifies the chain from history alone; a rewritten batch event breaks the chain, exit 1', async () => {
    // Read-only runs, side by side: before the tampering, then after it.
    const [batch, chain, deep] = await Promise.all([
      runAudit(data.path, 'rebuild-batch', 'US01-2026-11-30-1'),
      runAudit(data.path, 'verify-chain', 'US01'),
      runAudit(data.path, 'verify-chain', 'US01', '--entries'),
    ]);
    assert.equal(batch.code, 0, batch.stdout + batch.stderr);
    assert.match(batch.stdout, /batch US01-2026-11-30-1: match/);
    assert.equal(chain.code, 0, chain.stdout + chain.stderr);
    assert.match(chain.stdout, /chain US01: intact \(3 batches, head US01-2026-12-03-1 sha256 [0-9a-f]{64}\)/);
    assert.equal(deep.code, 0, deep.stdout + deep.stderr);
    assert.match(deep.stdout, /chain US01: intact \(3 batches, .*, every entry rebuilt from history\)/);

    tamperEventData(join(data.path, 'events.sqlite'), 'posting-batches-US01', 1, (recorded) => {
      recorded.entries.pop();
    });
    const [broken, rebuilt] = await Promise.all([runAudit(data.path, 'verify-chain', 'US01'), runAudit(data.path, 'rebuild-batch', 'US01-2026-11-30-1')]);
    assert.equal(broken.code, 1, broken.stdout + broken.stderr);
    assert.match(broken.stdout, /chain US01: BROKEN/);
    assert.match(broken.stdout, /first broken: US01-2026-11-30-1 \(batch-hash\)/);
    assert.equal(rebuilt.code, 1, rebuilt.stdout + rebuilt.stderr);
    assert.match(rebuilt.stdout, /batch US01-2026-11-30-1: MISMATCH/);
  });

  it('answers bad usage and unknown input with exit 2 and a clear message', async () => {
    // Each run only reads the data dir: they go side by side, each CLI process on a core of its own.
    const [none, unknownCommand, unknownEntry, malformed, unknownStream, unknownBatch, unknownProjection] = await Promise.all([
      runAudit(data.path),
      runAudit(data.path, 'rebuild-everything', 'x'),
      runAudit(data.path, 'rebuild-entry', 'no-such-event/payment-captured'),
      runAudit(data.path, 'rebuild-entry', 'bad id'),
      runAudit(data.path, 'replay', 'order-nobody'),
      runAudit(data.path, 'rebuild-batch', 'US01-1999-01-01-1'),
      runAudit(data.path, 'rebuild-projection', 'ledger'),
    ]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /a command is required/);
    assert.match(none.stderr, /usage: npm run audit/);
    assert.equal(unknownCommand.code, 2);
    assert.match(unknownCommand.stderr, /unknown command "rebuild-everything"/);
    assert.equal(unknownEntry.code, 2);
    assert.match(unknownEntry.stderr, /journal entry no-such-event\/payment-captured not found/);
    assert.equal(malformed.code, 2);
    assert.match(malformed.stderr, /entryId must be/);
    assert.equal(unknownStream.code, 2);
    assert.match(unknownStream.stderr, /stream order-nobody not found/);
    assert.equal(unknownBatch.code, 2);
    assert.match(unknownBatch.stderr, /posting batch US01-1999-01-01-1 not found/);
    assert.equal(unknownProjection.code, 2);
    assert.match(unknownProjection.stderr, /no projection "ledger"; known: journal/);

    const empty = tempDir('audit-cli-empty');
    try {
      const run = await runAudit(empty.path, 'rebuild-entry', revenueEntry);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /no event store at .*events\.sqlite \(set DATA_DIR\)/);
    } finally {
      empty.remove();
    }
  });
});
