import type { StreamId, StreamRevision } from '../event-store/event-store.port';

/**
 * How a wait for a stream to move ended: this process appended past the revision, the time ran
 * out, the waiter went away (its client closed), the process is shutting down, or there were
 * already as many waiters as allowed (the wait did not start).
 */
export type ChangeWaitEnd = 'appended' | 'timed-out' | 'aborted' | 'closing' | 'full';

/** One waiter per open connection in practice; this many at once is far past what one node serves. */
export const MAX_CHANGE_WAITERS = 10_000;

interface Waiter {
  past: StreamRevision;
  end: (how: ChangeWaitEnd) => void;
}

/**
 * Who is waiting for which stream to be appended to, keyed by stream id so that an actor let go
 * from memory strands nobody. Only appends made in this process are seen: a waiter learns of
 * another node's append when its wait runs out and it reads again.
 */
export class StreamChanges {
  private readonly waiters = new Map<StreamId, Set<Waiter>>();
  private count = 0;
  private closed = false;

  constructor(private readonly maxWaiters = MAX_CHANGE_WAITERS) {}

  /** Waiters now. */
  get size(): number {
    return this.count;
  }

  /**
   * Resolves when `streamId` is appended past `revision`, after `ms`, when `signal` aborts or
   * when the process begins to stop, whichever comes first; the waiter is gone then.
   */
  waitPast(streamId: StreamId, revision: StreamRevision, ms: number, signal?: AbortSignal): Promise<ChangeWaitEnd> {
    if (this.closed) return Promise.resolve('closing');
    if (signal?.aborted) return Promise.resolve('aborted');
    if (this.count >= this.maxWaiters) return Promise.resolve('full');
    return new Promise((resolve) => {
      const onAbort = () => waiter.end('aborted');
      const timer = setTimeout(() => waiter.end('timed-out'), ms);
      const waiter: Waiter = {
        past: revision,
        end: (how) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          this.remove(streamId, waiter);
          resolve(how);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const waiting = this.waiters.get(streamId) ?? new Set<Waiter>();
      waiting.add(waiter);
      this.waiters.set(streamId, waiting);
      this.count += 1;
    });
  }

  /** `streamId` now stands at `revision`: its waiters for an earlier one are answered. */
  appended(streamId: StreamId, revision: StreamRevision): void {
    const waiting = this.waiters.get(streamId);
    if (!waiting) return;
    for (const waiter of [...waiting]) if (revision > waiter.past) waiter.end('appended');
  }

  /** Answers every waiter at once, and every later wait without waiting: the process is stopping. */
  close(): void {
    this.closed = true;
    for (const waiting of [...this.waiters.values()]) for (const waiter of [...waiting]) waiter.end('closing');
  }

  private remove(streamId: StreamId, waiter: Waiter): void {
    const waiting = this.waiters.get(streamId);
    if (!waiting?.delete(waiter)) return;
    this.count -= 1;
    if (waiting.size === 0) this.waiters.delete(streamId);
  }
}
