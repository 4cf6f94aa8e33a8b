import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CheckpointReply, CheckpointRequest, CheckpointThreadInit } from './wal-checkpointer.worker';

/** WAL pages committed before this thread starts a checkpoint. */
export const CHECKPOINT_AFTER_PAGES = 500;
/**
 * The writer connection's own automatic checkpoint. SQLite can only start the WAL file over from
 * its beginning when a write transaction finds every frame already copied, which a checkpoint on
 * another thread never sees while appends keep coming; so the writer still checkpoints, but
 * rarely, and finds all but the last few hundred pages already copied by this thread.
 */
export const WRITER_CHECKPOINT_PAGES = 8 * CHECKPOINT_AFTER_PAGES;
const PAGE_BYTES = 4096;

/**
 * Starts a checkpoint on its own thread whenever about CHECKPOINT_AFTER_PAGES have been committed
 * since the last one started; one at a time. A failed or skipped one is left to the writer's own
 * checkpoint: a checkpoint only copies committed data between files, so skipping one loses nothing.
 */
export class WalCheckpointer {
  private readonly worker: Worker;
  private pages = 0;
  private running = false;
  private exited = false;
  private closed: Promise<void> | undefined;

  constructor(init: CheckpointThreadInit) {
    this.worker = new Worker(join(__dirname, 'wal-checkpointer.worker.js'), { workerData: init });
    this.worker.on('message', (_reply: CheckpointReply) => {
      this.running = false;
      // Once closing, the thread stays referenced until it exits: close() is waiting for that.
      if (!this.closed) this.worker.unref();
    });
    // A dead checkpoint thread leaves checkpoints to the writer's own.
    this.worker.on('exit', () => {
      this.exited = true;
    });
    this.worker.on('error', () => undefined);
    // After the 'message' listener: adding one references the worker's port again.
    this.worker.unref();
  }

  /** Told after each commit, with the bytes of event data and metadata it wrote. */
  committed(bytes: number, appends: number): void {
    // Each append also rewrites its stream's head row and the log's last page.
    this.pages += Math.ceil(bytes / PAGE_BYTES) + appends;
    if (this.running || this.exited || this.closed || this.pages < CHECKPOINT_AFTER_PAGES) return;
    this.pages = 0;
    this.running = true;
    this.worker.ref();
    this.post({ kind: 'checkpoint' });
  }

  close(): Promise<void> {
    if (this.exited) return Promise.resolve();
    this.closed ??= new Promise<void>((resolve) => {
      this.worker.once('exit', () => resolve());
      this.worker.ref();
      this.post({ kind: 'close' });
    });
    return this.closed;
  }

  private post(request: CheckpointRequest): void {
    this.worker.postMessage(request);
  }
}
