import type { IBackoff } from 'cockatiel';
import type { AllSubscription, EventFilter, EventStore, GlobalPosition } from '../../src/event-store/event-store.port';
import { followLog, logRetryBackoff, pause } from '../../src/runtime/log-retry';
import type { BatchCloser, Day, SkippedClose } from './batch-closer';
import type { PostingBatchQueries } from './posting-batches.queries';

/** What the watcher has close full days: the BatchCloser, or a way to it on another thread. */
export type FullBatchCloser = Pick<BatchCloser, 'closeFullBatches'>;

export interface BatchSizeWatcherOptions {
  /** The events the journal projects (its filter): the ones that can add entries. */
  journalFilter?: EventFilter;
  /** Resolves once the journal has applied the event at this position. */
  journalReached(position: GlobalPosition): Promise<void>;
  /** The companies and days these streams' journal entries post to. */
  daysOfStreams(streamIds: ReadonlySet<string>): Day[];
  /** Told about full days that could not close (posting errors, imbalance) and about failures. */
  report(problem: { skipped?: SkippedClose; error?: Error }): void;
}

/**
 * Closes full batches as entries arrive: follows new journal events, waits until the journal
 * has posted them, then closes the days those streams post to that hold BATCH_MAX_ENTRIES open
 * entries. Sweeps never overlap; events arriving during one are swept right after it.
 */
export class BatchSizeWatcher {
  private subscription: AllSubscription | undefined;
  private following: Promise<void> | undefined;
  private sweeping: Promise<void> | undefined;
  private latest: GlobalPosition | undefined;
  /** Streams with new events since the last sweep; `all` for the sweep at start. */
  private pending: Set<string> | 'all' = new Set();
  private readonly stopped = new AbortController();

  constructor(
    private readonly store: EventStore,
    private readonly closer: FullBatchCloser,
    private readonly options: BatchSizeWatcherOptions,
  ) {}

  /**
   * Sweeps every day once (entries may have filled up while the service was down), then follows
   * new events. Returns at once: while the store is away (the service started before
   * EventStoreDB), finding where to begin is tried again like a failed subscription.
   */
  start(): void {
    this.following = this.follow();
  }

  async stop(): Promise<void> {
    this.stopped.abort();
    await this.subscription?.close();
    await this.following;
    this.pending = new Set();
    await this.sweeping;
  }

  /**
   * Follows from the newest journal event when it began; a subscription that fails (an
   * EventStoreDB restart) is reported and opened again after a backoff, after the last event seen.
   */
  private follow(): Promise<void> {
    const filter = this.options.journalFilter ? { filter: this.options.journalFilter } : {};
    return followLog(
      {
        // The newest journal event: every day is swept once after it (and it becomes `latest`).
        begin: async () => {
          const [head] = await this.store.readAll({ direction: 'backwards', maxCount: 1, ...filter });
          if (head) {
            this.pending = 'all';
            this.sweepAfter(head.globalPosition);
          }
        },
        open: () => {
          const after = this.latest;
          this.subscription = this.store.subscribeToAll({ ...(after === undefined ? {} : { fromPosition: after }), ...filter });
          return this.subscription;
        },
        take: async (subscription) => {
          for await (const message of subscription) {
            if (message.kind !== 'event') continue;
            if (this.pending !== 'all') this.pending.add(message.event.streamId);
            this.sweepAfter(message.event.globalPosition);
          }
        },
        position: () => this.latest,
        report: (error) => this.options.report({ error: error as Error }),
      },
      this.stopped.signal,
    );
  }

  private sweepAfter(position: GlobalPosition): void {
    this.latest = position;
    this.sweeping ??= this.sweep().finally(() => (this.sweeping = undefined));
  }

  /**
   * A sweep that fails (the journal failed or halted, the store away) is reported and taken again
   * after the log's backoff, with the streams seen meanwhile: a day that filled up is closed once
   * the journal can answer, not forgotten until its next event.
   */
  private async sweep(): Promise<void> {
    let backoff: IBackoff<unknown> | undefined;
    while (!this.stopped.signal.aborted && (this.pending === 'all' || this.pending.size > 0)) {
      const streams = this.pending;
      this.pending = new Set();
      try {
        await this.options.journalReached(this.latest!);
        const { skipped } = await this.closer.closeFullBatches(streams === 'all' ? undefined : this.options.daysOfStreams(streams));
        for (const refusal of skipped) this.options.report({ skipped: refusal });
        backoff = undefined;
      } catch (error) {
        this.options.report({ error: error as Error });
        const seen = this.pending as Set<string> | 'all';
        this.pending = streams === 'all' || seen === 'all' ? 'all' : new Set([...streams, ...seen]);
        backoff = backoff ? backoff.next(undefined) : logRetryBackoff().next();
        await pause(backoff.duration, this.stopped.signal);
      }
    }
  }
}

/**
 * For a watcher on the projection thread, where the read models are written: asks `close` (the
 * main thread's BatchCloser, by message) only for the days that hold at least `maxEntries` open
 * entries now, so the main thread hears of a day only when there is a batch to close.
 */
export function fullDaysOnly(queries: PostingBatchQueries, maxEntries: number, close: (days: Day[]) => Promise<{ skipped: SkippedClose[] }>): FullBatchCloser {
  return {
    async closeFullBatches(days) {
      const full = queries.fullDays(days, maxEntries);
      if (full.length === 0) return { closed: [], skipped: [] };
      return { closed: [], skipped: (await close(full)).skipped };
    },
  };
}
