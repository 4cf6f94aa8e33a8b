import { matchesFilter } from '../event-filter';
import type {
  AllSubscription,
  EventFilter,
  GlobalPosition,
  RecordedEvent,
  SubscriptionMessage,
} from '../event-store.port';

export interface LogSource {
  /** Events strictly after the position, in log order, unfiltered. Synchronous so no commit can slip in between a read and a wait. */
  readAfter(position: GlobalPosition, maxCount: number): RecordedEvent[];
  /** Resolves at the next commit, or when `cancel` fires. */
  nextCommit(cancel: AbortSignal): Promise<void>;
}

const PAGE_SIZE = 1000;

/**
 * Catch-up then live, on one cursor: live delivery is just reading again after a commit, so
 * the seam cannot open a gap or deliver an event twice.
 */
export class CatchUpSubscription implements AllSubscription {
  private readonly closing = new AbortController();

  constructor(
    private readonly source: LogSource,
    private readonly from: GlobalPosition,
    private readonly filter: EventFilter | undefined,
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<SubscriptionMessage> {
    let cursor = this.from;
    let caughtUp = false;
    while (!this.closing.signal.aborted) {
      const page = this.source.readAfter(cursor, PAGE_SIZE);
      if (page.length === 0) {
        if (!caughtUp) {
          caughtUp = true;
          yield { kind: 'caughtUp' };
          continue;
        }
        await this.source.nextCommit(this.closing.signal);
        continue;
      }
      for (const event of page) {
        if (this.closing.signal.aborted) return;
        cursor = event.globalPosition;
        if (matchesFilter(this.filter, event)) yield { kind: 'event', event };
      }
    }
  }

  async close(): Promise<void> {
    this.closing.abort();
  }
}
