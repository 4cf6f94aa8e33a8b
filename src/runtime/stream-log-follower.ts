import type { AllSubscription, EventStore, GlobalPosition } from '../event-store/event-store.port';
import { followLog } from './log-retry';
import type { StreamChanges } from './stream-changes';
import { asError } from '../errors/as-error';

export interface StreamLogFollowerOptions {
  /** Told when a subscription fails or cannot start; it is opened again after a backoff. */
  report(error: Error): void;
  observer?: LogFollowObserver;
}

/** Told how following each category's log goes (metrics), as it happens. */
export interface LogFollowObserver {
  /** The category's subscription opened, after its first try or a retry. */
  followOpened(category: string): void;
  /** The category's subscription failed or could not start: it waits for a retry. */
  followFailed(category: string): void;
  /** An event read from the category's log woke `waiters` readers: another process's append (this one's own wake theirs first). */
  wokeFromLog(category: string, waiters: number): void;
}

/**
 * Tells `changes` of every append to streams of the categories waited on, whoever made it: for
 * nodes sharing EventStoreDB, where another node's append reaches this one only through the log.
 * One subscription per category, filtered on the server on the category's stream prefix, so a
 * node receives only the events of what its readers can wait on (orders), not the whole log.
 * Each starts from the head when its category is first waited on; after a failure it resumes
 * after the last event it delivered, so an append made during the outage still wakes its
 * waiters, late. Its own process's appends come back too: a waiter already answered is gone.
 */
export class StreamLogFollower {
  private readonly started = new Map<string, Promise<void>>();
  private readonly open = new Set<AllSubscription>();
  private readonly stopping = new AbortController();

  constructor(
    private readonly store: EventStore,
    private readonly changes: StreamChanges,
    private readonly options: StreamLogFollowerOptions,
  ) {}

  /** Subscriptions open now. */
  get subscriptions(): number {
    return this.open.size;
  }

  /**
   * Resolves once every append to a stream of `category` made from now on will be told, or once
   * that failed for now (it is retried, and waits end when their time runs out meanwhile).
   */
  follow(category: string): Promise<void> {
    let started = this.started.get(category);
    if (!started) {
      started = this.start(category);
      this.started.set(category, started);
    }
    return started;
  }

  /** Closes every subscription and cancels every retry; nothing of it keeps the process alive. */
  stop(): void {
    this.stopping.abort();
    for (const subscription of this.open) void subscription.close().catch(() => undefined);
    this.open.clear();
  }

  /**
   * Resolves after the first try, whether it opened the subscription or failed, so a wait is
   * never held up by a failing store; the retries go on behind it.
   */
  private start(category: string): Promise<void> {
    return new Promise((tried) => void this.run(category, tried));
  }

  /**
   * Reads the head of the whole log once (one cheap read, where the head of the category's
   * streams could take a long scan), then follows from there; after a failure of either, tries
   * again after a backoff, from the last event delivered.
   */
  private async run(category: string, tried: () => void): Promise<void> {
    /** Where to follow from: the log's head when first read, then the last event delivered. */
    let after: GlobalPosition | undefined;
    await followLog(
      {
        begin: async () => {
          after = (await this.store.readAll({ direction: 'backwards', maxCount: 1 }))[0]?.globalPosition;
        },
        open: () => {
          const subscription = this.store.subscribeToAll({ ...(after === undefined ? {} : { fromPosition: after }), filter: { on: 'streamName', prefixes: [`${category}-`] } });
          this.open.add(subscription);
          this.options.observer?.followOpened(category);
          tried();
          return subscription;
        },
        take: async (subscription) => {
          try {
            for await (const message of subscription) {
              if (message.kind !== 'event') continue;
              after = message.event.globalPosition;
              const woken = this.changes.seenInLog(message.event.streamId, message.event.revision);
              if (woken > 0) this.options.observer?.wokeFromLog(category, woken);
            }
          } finally {
            this.open.delete(subscription);
          }
        },
        position: () => after,
        report: (error) => {
          this.options.report(asError(error));
          this.options.observer?.followFailed(category);
          tried();
        },
      },
      this.stopping.signal,
    );
    // Stopped before a first try settled: nothing waits on it any longer.
    tried();
  }
}
