import type { AllSubscription, EventFilter, EventStore, GlobalPosition } from '../event-store/event-store.port';
import type { BatchCloser, SkippedClose } from './batch-closer';

export interface BatchSizeWatcherOptions {
  /** The events the journal projects (its filter): the ones that can add entries. */
  journalFilter?: EventFilter;
  /** Resolves once the journal has applied the event at this position. */
  journalReached(position: GlobalPosition): Promise<void>;
  /** Told about full days that could not close (posting errors, imbalance) and about failures. */
  report(problem: { skipped?: SkippedClose; error?: Error }): void;
}

/**
 * Closes full batches as entries arrive: follows new journal events, waits until the journal
 * has posted them, then closes every company and day holding BATCH_MAX_ENTRIES open entries.
 * Sweeps never overlap; events arriving during one cause exactly one more.
 */
export class BatchSizeWatcher {
  private subscription: AllSubscription | undefined;
  private following: Promise<void> | undefined;
  private sweeping: Promise<void> | undefined;
  private latest: GlobalPosition | undefined;
  private again = false;

  constructor(
    private readonly store: EventStore,
    private readonly closer: BatchCloser,
    private readonly options: BatchSizeWatcherOptions,
  ) {}

  /** Sweeps once for what filled up while the service was down, then follows new events. */
  async start(): Promise<void> {
    const filter = this.options.journalFilter ? { filter: this.options.journalFilter } : {};
    const [head] = await this.store.readAll({ direction: 'backwards', maxCount: 1, ...filter });
    this.subscription = this.store.subscribeToAll({ ...(head ? { fromPosition: head.globalPosition } : {}), ...filter });
    this.following = this.follow(this.subscription);
    if (head) this.sweepAfter(head.globalPosition);
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
    await this.following;
    this.again = false;
    await this.sweeping;
  }

  private async follow(subscription: AllSubscription): Promise<void> {
    try {
      for await (const message of subscription) if (message.kind === 'event') this.sweepAfter(message.event.globalPosition);
    } catch (error) {
      this.options.report({ error: error as Error });
    }
  }

  private sweepAfter(position: GlobalPosition): void {
    this.latest = position;
    if (this.sweeping) {
      this.again = true;
      return;
    }
    this.sweeping = this.sweep().finally(() => (this.sweeping = undefined));
  }

  private async sweep(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.options.journalReached(this.latest!);
        const { skipped } = await this.closer.closeFullBatches();
        for (const refusal of skipped) this.options.report({ skipped: refusal });
      } catch (error) {
        this.options.report({ error: error as Error });
      }
    } while (this.again);
  }
}
