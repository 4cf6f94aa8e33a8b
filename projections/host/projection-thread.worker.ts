/**
 * The projection thread: every projection's runner (catch-up, live, rebuilds) with connections
 * of its own, the event store read-only (or its own EventStoreDB client) and projections.sqlite
 * for writing, so applying events never holds the service's request loop. The host's thread
 * calls it through ProjectionThread. Size-triggered batch closing watches the journal here too,
 * and asks the host's thread to close the days it finds full; the closer's reads (what a close
 * is composed from) are done here as well, so only its actor's work is left to the host's thread.
 */
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { openEventStoreReader } from '../../src/event-store/event-store-source';
import { runAsBackOffice } from '../../src/runtime/back-office-thread';
import { MainThreadCalls } from '../../src/runtime/thread-calls';
import { BatchSizeWatcher, fullDaysOnly } from '../posting-batches/batch-size-watcher';
import { PostingBatchQueries } from '../posting-batches/posting-batches.queries';
import { journalProjection } from '../journal/journal.projection';
import { ProjectionDatabase } from '../runner/projection-database';
import { ProjectionHaltedError } from '../runner/projection-halt';
import { ProjectionRunners } from './projection-runners';
import {
  type CarriedError,
  PROJECTION_THREAD_ERRORS,
  type ProjectionThreadApi,
  type ProjectionThreadAsks,
  type ProjectionThreadInit,
  type ProjectionThreadReport,
} from './projection-thread.messages';
import { projectionsNamed } from './registered-projections';

function serve(port: MessagePort, init: ProjectionThreadInit): void {
  const send = (message: ProjectionThreadReport) => port.postMessage(message);
  const refused = runAsBackOffice('lb-projections', init.niceness);
  if (refused) send({ kind: 'report', level: 'warn', message: `the projection thread runs at the service's priority: ${refused}` });
  const store = openEventStoreReader(init.store);
  const db = new ProjectionDatabase(init.projectionsFile);
  const runners = new ProjectionRunners(store, db, projectionsNamed(init.projections), { report: (message) => send({ kind: 'report', message }) });
  const mainThread = new MainThreadCalls<ProjectionThreadApi, ProjectionThreadAsks, CarriedError>(port, PROJECTION_THREAD_ERRORS);
  let watcher: BatchSizeWatcher | undefined;
  let reads: ProjectionDatabase | undefined;
  let batchQueries: PostingBatchQueries | undefined;
  // A read connection of their own, as the views have: a sweep or a close reads one committed state while the runners write.
  const postingBatches = (): PostingBatchQueries => {
    reads ??= new ProjectionDatabase(init.projectionsFile, { access: 'read' });
    return (batchQueries ??= new PostingBatchQueries(reads));
  };
  const watchBatchSizes = async (maxEntries: number): Promise<void> => {
    if (watcher) return;
    const queries = postingBatches();
    watcher = new BatchSizeWatcher(
      store,
      fullDaysOnly(queries, maxEntries, (days) => mainThread.ask('closeFullDays', days)),
      {
        ...(journalProjection.filter ? { journalFilter: journalProjection.filter } : {}),
        // A halted journal holds all it will for now; each company's close then says whether the halt concerns it.
        journalReached: (position) =>
          runners.waitFor(journalProjection.name, position).catch((error) => {
            if (!(error instanceof ProjectionHaltedError)) throw error;
          }),
        daysOfStreams: (streamIds) => queries.daysOfStreams(streamIds),
        report: ({ skipped, error }) => {
          if (skipped)
            send({ kind: 'report', level: 'warn', message: `${skipped.companyCode} ${skipped.postingDate} is full but was not closed: ${skipped.code}: ${skipped.message}` });
          if (error) send({ kind: 'report', message: `size-triggered batch closing failed: ${error.message}` });
        },
      },
    );
    watcher.start();
  };

  const api: ProjectionThreadApi = {
    start: () => runners.start(),
    // The watcher waits on the journal: it stops first, while the runners still answer.
    stop: async () => {
      await watcher?.stop();
      await runners.stop();
      reads?.close();
      db.close();
      await store.close();
    },
    restart: (name) => runners.restart(name),
    rebuild: (name) => runners.rebuild(name),
    waitFor: (name, position) => runners.waitFor(name, position),
    caughtUp: (names) => runners.caughtUp(names),
    status: () => runners.status(),
    halt: (name) => runners.halt(name),
    cannotApply: (name, event) => runners.cannotApply(name, event),
    watchBatchSizes,
    openBatch: (companyCode, postingDate, limit) => postingBatches().openBatch(companyCode, postingDate, limit),
    openCount: (companyCode, postingDate) => postingBatches().openCount(companyCode, postingDate),
    batchIdsOf: (companyCode, postingDate) => postingBatches().batchIdsOf(companyCode, postingDate),
    days: () => postingBatches().days(),
  };
  mainThread.answerWith(api);
}

if (parentPort) serve(parentPort, workerData as ProjectionThreadInit);
