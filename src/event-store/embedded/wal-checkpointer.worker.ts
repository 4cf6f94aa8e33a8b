/**
 * The checkpoint thread: copies committed WAL frames into the database file on a connection of
 * its own, so the writer thread's commits never pay for it (SQLite would otherwise run the
 * checkpoint inside whichever commit crosses the threshold, holding every caller of that group).
 */
import Database from 'better-sqlite3';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { configureConnection, type Durability } from '../../sqlite/open-sqlite';
import { nameThisThread } from '../../runtime/back-office-thread';

export interface CheckpointThreadInit {
  file: string;
  durability: Durability;
}

export type CheckpointRequest = { kind: 'checkpoint' } | { kind: 'close' };
/** Sent when a checkpoint has ended, copied or not: a failed one is left to the writer's own checkpoint. */
export type CheckpointReply = { kind: 'ended' };

function serve(port: MessagePort, { file, durability }: CheckpointThreadInit): void {
  // A name for `top -H`; a refused name changes nothing else.
  nameThisThread('lb-checkpoints');
  const db = new Database(file);
  configureConnection(db, durability);
  port.on('message', (request: CheckpointRequest) => {
    if (request.kind === 'close') {
      db.close();
      port.close();
      return;
    }
    try {
      // PASSIVE never waits for readers or the writer: what it cannot copy now, the next one will.
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // A busy or failed checkpoint copies nothing and loses nothing; the thread stays for the next one.
    }
    const reply: CheckpointReply = { kind: 'ended' };
    port.postMessage(reply);
  });
}

if (parentPort) serve(parentPort, workerData as CheckpointThreadInit);
