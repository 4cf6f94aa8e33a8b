/**
 * The writer thread: owns the connection that commits appends, so the fsync of one group
 * overlaps with the main thread preparing (validating, serialising) the next one.
 */
import Database from 'better-sqlite3';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { AppendBatchWriter, type AppendOutcome, type GroupWrite } from './append-batch';
import { configureConnection, type Durability } from '../../sqlite/open-sqlite';
import { StreamReader } from './stream-reader';
import { WRITER_CHECKPOINT_PAGES } from './wal-checkpointer';
import { commitSignal } from './commit-signal';
import { nameThisThread } from '../../runtime/back-office-thread';

export interface WriterThreadInit {
  file: string;
  durability: Durability;
}

export type WriterRequest = { kind: 'write'; group: GroupWrite[] } | { kind: 'close' };

/** `seconds`: how long the group took on this thread, its commit (and fsync) included. */
export type WriterReply = { kind: 'written'; outcomes: AppendOutcome[]; seconds: number } | { kind: 'failed'; message: string };

function serve(port: MessagePort, { file, durability }: WriterThreadInit): void {
  // A name for `top -H`; the writer commits at the service's priority, a refused name changes nothing else.
  nameThisThread('lb-store-writer');
  const db = new Database(file);
  configureConnection(db, durability);
  // Most of the copying is done by the checkpoint thread (wal-checkpointer.ts), off this thread's commits.
  db.pragma(`wal_autocheckpoint = ${WRITER_CHECKPOINT_PAGES}`);
  const writer = new AppendBatchWriter(db, new StreamReader(db));
  // Readers on other threads (the projection thread) follow the log from here, not from the main thread.
  const commits = commitSignal(file);
  port.on('message', (request: WriterRequest) => {
    if (request.kind === 'close') {
      commits.close();
      db.close();
      port.close();
      return;
    }
    let reply: WriterReply;
    const started = performance.now();
    try {
      reply = { kind: 'written', outcomes: writer.write(request.group, Date.now()), seconds: (performance.now() - started) / 1000 };
    } catch (error) {
      reply = { kind: 'failed', message: (error as Error).message };
    }
    port.postMessage(reply);
    if (reply.kind === 'written') commits.postMessage(null);
  });
}

if (parentPort) serve(parentPort, workerData as WriterThreadInit);
