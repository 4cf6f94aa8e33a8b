import { journalProjection } from '../../../projections/journal/journal.projection';
import { postingBatchesProjection } from '../../../projections/posting-batches/posting-batches.projection';
import { PostingBatchQueries } from '../../../projections/posting-batches/posting-batches.queries';
import { ProjectionRunner } from '../../../projections/runner/projection-runner';
import type { OrderCommand } from '../../../src/order/order.commands';
import { BatchCloser } from '../../../projections/posting-batches/batch-closer';
import { CommandDispatcher } from '../../../src/runtime/command-dispatcher';
import { journalHarness } from '../journal/journal-harness';

const dispatcherOptions = { mailboxCapacity: 100, maxWarmActors: 10, idleEvictionMs: 60_000, maxConflictRetries: 3 };

/**
 * A temp embedded store with the real order command path, the journal and posting-batches
 * read models running on a real projections file, and a BatchCloser over them. Each closer
 * has actors of its own, as a closer on another node would.
 */
export async function batchHarness(label: string, maxEntries = 500) {
  const journal = journalHarness(label);
  const db = journal.openProjections();
  const journalRunner = new ProjectionRunner(journal.store, db, journalProjection);
  const batchesRunner = new ProjectionRunner(journal.store, db, postingBatchesProjection);
  await journalRunner.start();
  await batchesRunner.start();
  const queries = new PostingBatchQueries(db);
  const dispatchers: CommandDispatcher[] = [];
  const newDispatcher = () => {
    const dispatcher = new CommandDispatcher(journal.store, dispatcherOptions);
    dispatchers.push(dispatcher);
    return dispatcher;
  };
  /** A closer with actors of its own, or those of `dispatcher` (one a test stands between). */
  const newCloser = (dispatcher = newDispatcher()) => new BatchCloser(dispatcher, queries, { maxEntries, batchesReached: (position) => batchesRunner.waitFor(position) });
  return {
    store: journal.store,
    db,
    queries,
    closer: newCloser(),
    newCloser,
    newDispatcher,
    /** Sends commands to one order and waits until the journal holds their entries. */
    async send(orderId: string, ...commands: OrderCommand[]): Promise<bigint> {
      const position = await journal.send(orderId, ...commands);
      await journalRunner.waitFor(position);
      return position;
    },
    journalReached: (position: bigint) => journalRunner.waitFor(position),
    async close() {
      for (const dispatcher of dispatchers) dispatcher.stop();
      await journalRunner.stop();
      await batchesRunner.stop();
      db.close();
      await journal.close();
    },
  };
}
