import type { StreamId, StreamRevision } from '../event-store/event-store.port';
import { trimOldest } from './trim-oldest';

/**
 * How a wait for a stream to move ended: the stream was appended past the revision, the time ran
 * out, the waiter went away (its client closed), the process is shutting down, or there were
 * already as many waiters as allowed (the wait did not start).
 */
export type ChangeWaitEnd = 'appended' | 'timed-out' | 'aborted' | 'closing' | 'full';

/** One waiter per open connection in practice; this many at once is far past what one node serves. */
export const MAX_CHANGE_WAITERS = 10_000;

/**
 * Streams whose last revision read from the log is kept, the most recently appended (down to
 * fifteen sixteenths of it when it is passed, trim-oldest.ts): a waiter reads its stream a few
 * milliseconds before it registers, so only appends that recent matter.
 */
export const REMEMBERED_LOG_STREAMS = 5_000;

interface Waiter {
  past: StreamRevision;
  end: (how: ChangeWaitEnd) => void;
}

/**
 * Who is waiting for which stream to be appended to, keyed by stream id so that an actor let go
 * from memory strands nobody. This process's appends are told by its actors; other processes'
 * (other nodes on EventStoreDB) by the log they are read from (`seenInLog`), whose latest
 * revisions are kept for a while so that one read between a waiter's read and its registration
 * still ends that wait.
 */
export class StreamChanges {
  private readonly waiters = new Map<StreamId, Set<Waiter>>();
  /** Insertion order is append order: the first key is the stream appended longest ago. */
  private readonly lastInLog = new Map<StreamId, StreamRevision>();
  private count = 0;
  private closed = false;

  constructor(
    private readonly maxWaiters = MAX_CHANGE_WAITERS,
    private readonly rememberedStreams = REMEMBERED_LOG_STREAMS,
  ) {}

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
    if ((this.lastInLog.get(streamId) ?? revision) > revision) return Promise.resolve('appended');
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

  /** `streamId` now stands at `revision`: its waiters for an earlier one are answered; returns how many. */
  appended(streamId: StreamId, revision: StreamRevision): number {
    const waiting = this.waiters.get(streamId);
    if (!waiting) return 0;
    let woken = 0;
    for (const waiter of [...waiting]) {
      if (revision <= waiter.past) continue;
      waiter.end('appended');
      woken += 1;
    }
    return woken;
  }

  /**
   * The log holds `streamId` at `revision`, whoever appended it: its waiters are told, and the
   * revision kept for a wait registered a moment later by a reader that read the stream before.
   * Returns how many waiters it woke.
   */
  seenInLog(streamId: StreamId, revision: StreamRevision): number {
    const known = this.lastInLog.get(streamId);
    if (known !== undefined && known >= revision) return 0;
    this.lastInLog.delete(streamId);
    this.lastInLog.set(streamId, revision);
    trimOldest(this.lastInLog, this.rememberedStreams);
    return this.appended(streamId, revision);
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
