/**
 * The projection thread: every projection's runner (catch-up, live, rebuilds) with connections
 * of its own, the event store read-only (or its own EventStoreDB client) and projections.sqlite
 * for writing, so applying events never holds the service's request loop. The host's thread
 * calls it through ProjectionThread. Size-triggered batch closing watches the journal here too,
 * and asks the host's thread to close the days it finds full.
 */
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { openEventStoreReader } from '../../src/event-store/event-store-source';
import type { SkippedClose } from '../posting-batches/batch-closer';
import { BatchSizeWatcher, type Day, fullDaysOnly } from '../posting-batches/batch-size-watcher';
import { PostingBatchQueries } from '../posting-batches/posting-batches.queries';
import { journalProjection } from '../journal/journal.projection';
import { ProjectionDatabase } from '../runner/projection-database';
import { ProjectionHaltedError } from '../runner/projection-halt';
import { ProjectionRunners } from './projection-runners';
import { carried, type ProjectionThreadInit, rethrown, type RunnerCall, type ThreadMessage, type ToProjectionThread } from './projection-thread.messages';
import { projectionsNamed } from './registered-projections';

function serve(port: MessagePort, init: ProjectionThreadInit): void {
  const store = openEventStoreReader(init.store);
  const db = new ProjectionDatabase(init.projectionsFile);
  const send = (message: ThreadMessage) => port.postMessage(message);
  const runners = new ProjectionRunners(store, db, projectionsNamed(init.projections), { report: (message) => send({ kind: 'report', message }) });

  const closing = new Map<number, { resolve(skipped: SkippedClose[]): void; reject(error: Error): void }>();
  let lastClose = 0;
  const close = (days: Day[]) =>
    new Promise<{ skipped: SkippedClose[] }>((resolve, reject) => {
      const id = ++lastClose;
      closing.set(id, { resolve: (skipped) => resolve({ skipped }), reject });
      send({ kind: 'close-full-days', id, days });
    });
  let watcher: BatchSizeWatcher | undefined;
  let reads: ProjectionDatabase | undefined;
  const watchBatchSizes = async (maxEntries: number): Promise<void> => {
    if (watcher) return;
    // Its own read connection, as the views have: a sweep reads one committed state while the runners write.
    reads = new ProjectionDatabase(init.projectionsFile, { access: 'read' });
    const queries = new PostingBatchQueries(reads);
    watcher = new BatchSizeWatcher(store, fullDaysOnly(queries, maxEntries, close), {
      ...(journalProjection.filter ? { journalFilter: journalProjection.filter } : {}),
      // A halted journal holds all it will for now; each company's close then says whether the halt concerns it.
      journalReached: (position) =>
        runners.waitFor(journalProjection.name, position).catch((error) => {
          if (!(error instanceof ProjectionHaltedError)) throw error;
        }),
      daysOfStream: (streamId) => queries.daysOfStream(streamId),
      report: ({ skipped, error }) => {
        if (skipped) send({ kind: 'report', level: 'warn', message: `${skipped.companyCode} ${skipped.postingDate} is full but was not closed: ${skipped.code}: ${skipped.message}` });
        if (error) send({ kind: 'report', message: `size-triggered batch closing failed: ${error.message}` });
      },
    });
    await watcher.start();
  };

  const answer = async ({ id, method, args }: RunnerCall): Promise<void> => {
    try {
      // The watcher waits on the journal: it stops first, while the runners still answer.
      if (method === 'stop') await watcher?.stop();
      const value = await (runners[method] as (...parameters: unknown[]) => Promise<unknown>).apply(runners, args);
      if (method === 'stop') {
        reads?.close();
        db.close();
        await store.close();
      }
      send({ kind: 'answer', id, value });
    } catch (error) {
      send({ kind: 'failed', id, error: carried(error) });
    }
  };
  port.on('message', (message: ToProjectionThread) => {
    switch (message.kind) {
      case undefined:
        return void answer(message);
      case 'watch-batch-sizes':
        return void watchBatchSizes(message.maxEntries).then(
          () => send({ kind: 'answer', id: message.id, value: undefined }),
          (error: unknown) => send({ kind: 'failed', id: message.id, error: carried(error) }),
        );
      default: {
        const waiting = closing.get(message.id);
        if (!waiting) return;
        closing.delete(message.id);
        if (message.kind === 'closed') waiting.resolve(message.skipped);
        else waiting.reject(rethrown(message.error));
      }
    }
  });
}

if (parentPort) serve(parentPort, workerData as ProjectionThreadInit);
