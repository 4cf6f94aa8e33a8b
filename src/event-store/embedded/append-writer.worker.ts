/**
 * The writer thread: owns the connection that commits appends, so the fsync of one group
 * overlaps with the main thread preparing (validating, serialising) the next one.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { AppendBatchWriter, type AppendOutcome, type GroupWrite } from './append-batch';
import { configureConnection, type Durability } from '../../sqlite/open-sqlite';
import { StreamReader } from './stream-reader';
import { WRITER_CHECKPOINT_PAGES } from './wal-checkpointer';
import { commitSignal } from './commit-signal';

export interface WriterThreadInit {
  file: string;
  durability: Durability;
}

export type WriterRequest = { kind: 'write'; group: GroupWrite[] } | { kind: 'close' };

export type WriterReply = { kind: 'written'; outcomes: AppendOutcome[] } | { kind: 'failed'; message: string };

function serve(port: MessagePort, { file, durability }: WriterThreadInit): void {
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
    try {
      reply = { kind: 'written', outcomes: writer.write(request.group, Date.now()) };
    } catch (error) {
      reply = { kind: 'failed', message: (error as Error).message };
    }
    port.postMessage(reply);
    if (reply.kind === 'written') commits.postMessage(null);
  });
}

if (parentPort) serve(parentPort, workerData as WriterThreadInit);
