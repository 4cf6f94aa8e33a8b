import { setImmediate as nextTurn } from 'node:timers/promises';
import type { AllSubscription, GlobalPosition, RecordedEvent, SubscriptionMessage } from '../event-store.port';

/** Events of one read, and how far the log was examined to find them. */
export interface LogPage {
  /** Matching events after the position read from, in log order. */
  events: RecordedEvent[];
  /** Everything up to here has been examined: the next read starts after it. Equal to the position read from: nothing more yet. */
  through: GlobalPosition;
}

export interface LogSource {
  /** Matching events strictly after the position. Synchronous so no commit can slip in between a read and a wait. */
  readAfter(position: GlobalPosition, maxCount: number): LogPage;
  /** Resolves at the next commit, or when `cancel` fires. */
  nextCommit(cancel: AbortSignal): Promise<void>;
}

const PAGE_SIZE = 1000;

/**
 * Catch-up then live, on one cursor: live delivery is just reading again after a commit, so
 * the seam cannot open a gap or deliver an event twice. The source filters, and moves the
 * cursor past events that do not match, so a sparse filter neither parses nor re-reads them.
 */
export class CatchUpSubscription implements AllSubscription {
  private readonly closing = new AbortController();

  constructor(
    private readonly source: LogSource,
    private readonly from: GlobalPosition,
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<SubscriptionMessage> {
    let cursor = this.from;
    let caughtUp = false;
    while (!this.closing.signal.aborted) {
      const page = this.source.readAfter(cursor, PAGE_SIZE);
      if (page.through === cursor) {
        if (!caughtUp) {
          caughtUp = true;
          yield { kind: 'caughtUp' };
          continue;
        }
        await this.source.nextCommit(this.closing.signal);
        continue;
      }
      for (const event of page.events) {
        if (this.closing.signal.aborted) return;
        yield { kind: 'event', event };
      }
      cursor = page.through;
      // A stretch of events outside the filter yields nothing: let the rest of the process run between windows.
      if (page.events.length === 0) await nextTurn();
    }
  }

  async close(): Promise<void> {
    this.closing.abort();
  }
}
