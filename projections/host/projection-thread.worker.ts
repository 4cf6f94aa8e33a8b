/**
 * The projection thread: every projection's runner (catch-up, live, rebuilds) with connections
 * of its own, the event store read-only (or its own EventStoreDB client) and projections.sqlite
 * for writing, so applying events never holds the service's request loop. The host's thread
 * calls it through ProjectionThread.
 */
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { openEventStoreReader } from '../../src/event-store/event-store-source';
import { ProjectionDatabase } from '../runner/projection-database';
import { ProjectionRunners } from './projection-runners';
import { carried, type ProjectionThreadInit, type RunnerCall, type ThreadMessage } from './projection-thread.messages';
import { projectionsNamed } from './registered-projections';

function serve(port: MessagePort, init: ProjectionThreadInit): void {
  const store = openEventStoreReader(init.store);
  const db = new ProjectionDatabase(init.projectionsFile);
  const send = (message: ThreadMessage) => port.postMessage(message);
  const runners = new ProjectionRunners(store, db, projectionsNamed(init.projections), { report: (message) => send({ kind: 'report', message }) });

  const answer = async ({ id, method, args }: RunnerCall): Promise<void> => {
    try {
      const value = await (runners[method] as (...parameters: unknown[]) => Promise<unknown>).apply(runners, args);
      if (method === 'stop') {
        db.close();
        await store.close();
      }
      send({ kind: 'answer', id, value });
    } catch (error) {
      send({ kind: 'failed', id, error: carried(error) });
    }
  };
  port.on('message', (call: RunnerCall) => void answer(call));
}

if (parentPort) serve(parentPort, workerData as ProjectionThreadInit);
