/**
 * The checkpoint thread: copies committed WAL frames into the database file on a connection of
 * its own, so the writer thread's commits never pay for it (SQLite would otherwise run the
 * checkpoint inside whichever commit crosses the threshold, holding every caller of that group).
 */
import Database from 'better-sqlite3';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { configureConnection, type Durability } from '../../sqlite/open-sqlite';

export interface CheckpointThreadInit {
  file: string;
  durability: Durability;
}

export type CheckpointRequest = { kind: 'checkpoint' } | { kind: 'close' };
export type CheckpointReply = { kind: 'checkpointed' } | { kind: 'failed'; message: string };

function serve(port: MessagePort, { file, durability }: CheckpointThreadInit): void {
  const db = new Database(file);
  configureConnection(db, durability);
  port.on('message', (request: CheckpointRequest) => {
    if (request.kind === 'close') {
      db.close();
      port.close();
      return;
    }
    let reply: CheckpointReply;
    try {
      // PASSIVE never waits for readers or the writer: what it cannot copy now, the next one will.
      db.pragma('wal_checkpoint(PASSIVE)');
      reply = { kind: 'checkpointed' };
    } catch (error) {
      reply = { kind: 'failed', message: (error as Error).message };
    }
    port.postMessage(reply);
  });
}

if (parentPort) serve(parentPort, workerData as CheckpointThreadInit);
