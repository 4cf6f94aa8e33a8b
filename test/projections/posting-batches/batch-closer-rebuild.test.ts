import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { journalProjection } from '../../../projections/journal/journal.projection';
import { postingBatchesProjection } from '../../../projections/posting-batches/posting-batches.projection';
import { PostingBatchQueries } from '../../../projections/posting-batches/posting-batches.queries';
import type { Projection } from '../../../projections/runner/projection';
import { ProjectionRunner } from '../../../projections/runner/projection-runner';
import type { EventStore } from '../../../src/event-store/event-store.port';
import { CommandDispatcher } from '../../../src/runtime/command-dispatcher';
import { serviceBatchCloser } from '../../../projections/posting-batches/posting-batches.module';
import { ProjectionHost } from '../../../projections/host/projection-host';
import { ProjectionRunners } from '../../../projections/host/projection-runners';
import { journalHarness } from '../journal/journal-harness';
import { EXAMPLE_DATE, workedExampleCommands } from './worked-example';

/** The journal as its previous version built it: posting errors without company code or posting date. */
const previousJournal: Projection = {
  ...journalProjection,
  version: journalProjection.version - 1,
  tables: journalProjection.tables.map((table) => {
    if (table.name !== 'posting_errors') return table;
    const { company_code: _company, posting_date: _date, ...columns } = table.columns;
    return { ...table, columns };
  }),
};

describe('closing a batch while the journal rebuilds for a new version', () => {
  it("waits for the rebuilt journal instead of composing from the previous version's tables", async () => {
    const h = journalHarness('close-during-rebuild');
    const position = await h.send('o-1', ...workedExampleCommands('o-1'));
    const db = h.openProjections();
    const old = new ProjectionRunner(h.store, db, previousJournal);
    await old.start();
    await old.waitFor(position);
    await old.stop();

    // The service's journal rebuild (reading the log forwards) is held until someone asks where
    // the log's head is, as a closer waiting for the journal does: one that does not wait finds
    // the previous version's tables still live.
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const store: EventStore = {
      appendToStream: (streamId, events, options) => h.store.appendToStream(streamId, events, options),
      readStream: (streamId, options) => h.store.readStream(streamId, options),
      readAll: async (options) => {
        if (options?.direction === 'backwards') openGate();
        else await gate;
        return h.store.readAll(options);
      },
      subscribeToAll: (options) => h.store.subscribeToAll(options),
      ping: () => h.store.ping(),
      close: () => h.store.close(),
    };
    // The runners on this thread, reading the gated store: the service runs the same ProjectionRunners on its projection thread.
    const host = new ProjectionHost(store, db, new ProjectionRunners(store, db, [journalProjection, postingBatchesProjection]));
    await host.onApplicationBootstrap();
    const dispatcher = new CommandDispatcher(store, { mailboxCapacity: 100, maxWarmActors: 10, idleEvictionMs: 60_000, maxConflictRetries: 3 });
    try {
      const batch = await serviceBatchCloser(dispatcher, new PostingBatchQueries(db), host, 500).close('US01', EXAMPLE_DATE);
      assert.deepEqual([batch.batchId, batch.entries.length], ['US01-2026-11-28-1', 5]);
      assert.equal(db.liveGeneration(journalProjection.name)!.version, journalProjection.version, 'composed from the rebuilt journal');
    } finally {
      dispatcher.stop();
      openGate();
      await host.onModuleDestroy();
      host.onApplicationShutdown();
      await h.close();
    }
  });
});
