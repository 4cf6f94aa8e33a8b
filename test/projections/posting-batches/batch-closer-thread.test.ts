import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { ProjectionHost } from '../../../projections/host/projection-host';
import { ProjectionThread } from '../../../projections/host/projection-thread';
import { journalProjection } from '../../../projections/journal/journal.projection';
import { serviceBatchCloser } from '../../../projections/posting-batches/posting-batches.module';
import { postingBatchesProjection } from '../../../projections/posting-batches/posting-batches.projection';
import { PostingBatchQueries } from '../../../projections/posting-batches/posting-batches.queries';
import { ProjectionDatabase } from '../../../projections/runner/projection-database';
import type { PostingBatchClosedData } from '../../../src/ledger/posting-batch/posting-batch';
import { verifyChain } from '../../../src/ledger/posting-batch/verify-chain';
import { CommandDispatcher } from '../../../src/runtime/command-dispatcher';
import { refusalOf } from '../../support/refusal';
import { journalHarness } from '../journal/journal-harness';
import { EXAMPLE_DATE, workedExampleCommands } from './worked-example';

const dispatcherOptions = { mailboxCapacity: 100, maxWarmActors: 10, idleEvictionMs: 60_000, maxConflictRetries: 3 };

describe('the service closer, reading on the projection thread', () => {
  it('re-reads once another closer moved the chain, refuses as on this thread, and counts full days there', async () => {
    const h = journalHarness('close-on-projection-thread');
    const thread = new ProjectionThread({
      projectionsFile: h.projectionsFile,
      store: { kind: 'embedded', file: join(dirname(h.projectionsFile), 'events.sqlite') },
      projections: [journalProjection.name, postingBatchesProjection.name],
      niceness: 0,
    });
    const views = new ProjectionDatabase(h.projectionsFile, { access: 'read' });
    const host = new ProjectionHost(h.store, views, thread);
    await host.onApplicationBootstrap();
    const dispatchers: CommandDispatcher[] = [];
    // As the service builds it, with actors of its own; it has no read connection here: every read is the projection thread's.
    const closer = (dispatcher = new CommandDispatcher(h.store, dispatcherOptions)) => {
      dispatchers.push(dispatcher);
      return serviceBatchCloser(dispatcher, host.closeReads, host, 3);
    };
    try {
      await h.send('o-1', ...workedExampleCommands('o-1'));
      const dispatcher = new CommandDispatcher(h.store, dispatcherOptions);
      const other = closer();
      // The other closer closes a batch right after this one learned the head, before it reads what is open.
      const current = dispatcher.current.bind(dispatcher);
      let overtaken = 0;
      dispatcher.current = async (...args) => {
        const answer = await current(...args);
        if (overtaken++ === 0) await other.close('US01', EXAMPLE_DATE);
        return answer;
      };
      const batch = await closer(dispatcher).close('US01', EXAMPLE_DATE);
      assert.equal(overtaken, 2, 'read once against the old head, once against the new');
      const chain = (await h.store.readStream('posting-batches-US01')).map((e) => e.data as PostingBatchClosedData);
      assert.deepEqual(
        chain.map((b) => [b.batchId, b.entries.length]),
        [
          ['US01-2026-11-28-1', 3],
          ['US01-2026-11-28-2', 2],
        ],
      );
      assert.deepEqual([batch.batchId, batch.previousHash], ['US01-2026-11-28-2', chain[0].hash]);
      const journal = new PostingBatchQueries(views);
      assert.deepEqual(
        verifyChain(chain, (entryId) => journal.entriesOf({ entries: [{ entryId }] } as PostingBatchClosedData)[0]),
        [],
        'each entry batched once, as the journal holds it',
      );

      const again = await refusalOf(closer().close('US01', EXAMPLE_DATE));
      assert.equal(again.code, 'BATCH_ALREADY_CLOSED');
      assert.deepEqual(again.details.batchIds, ['US01-2026-11-28-1', 'US01-2026-11-28-2'], 'the batches holding the day, read there too');

      // A capture on an order stream that never saw OrderPlaced: refused by the rules, it holds back every company's day.
      const orphan = await h.store.appendToStream(
        'order-orphan',
        [{ eventId: '0b0e7a52-5555-4c1e-9a3e-000000000001', type: 'PaymentCaptured', data: { captureId: 'cap-x', amountMinor: 500, currency: 'USD', at: '2026-11-28T09:00:00Z' } }],
        { expectedRevision: 'no_stream' },
      );
      await host.waitFor(journalProjection.name, orphan.position);
      const position = await h.send('o-2', ...workedExampleCommands('o-2'));
      await host.waitFor(journalProjection.name, position);
      const { closed, skipped } = await closer().closeFullBatches([{ companyCode: 'US01', postingDate: EXAMPLE_DATE }]);
      assert.deepEqual(closed, []);
      assert.deepEqual(
        skipped.map((s) => s.code),
        ['POSTING_ERRORS_OPEN'],
        'the day is full (5 open of 3), and its posting error keeps it open',
      );
      assert.match(skipped[0].message, /company code is unknown, so it holds back every company's 2026-11-28/);
      assert.equal((await h.store.readStream('posting-batches-US01')).length, 2, 'refusals append nothing');
    } finally {
      for (const dispatcher of dispatchers) dispatcher.stop();
      await host.onModuleDestroy();
      host.onApplicationShutdown();
      await h.close();
    }
  });
});
