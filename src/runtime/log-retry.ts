import { ExponentialBackoff, type IBackoff } from 'cockatiel';
import type { AllSubscription, GlobalPosition } from '../event-store/event-store.port';

/** Retries wait from about this long, growing (jittered) up to LOG_RETRY_MAX_DELAY_MS. */
const LOG_RETRY_FIRST_DELAY_MS = 500;
const LOG_RETRY_MAX_DELAY_MS = 30_000;

/**
 * The waits before trying again what failed against the log (a subscription an EventStoreDB
 * restart or leader change broke): `next()` for the first, then `.next(undefined)` of the last one.
 * One schedule for every follower of the log (readers' waits, projections, sagas, batch closing).
 */
export function logRetryBackoff(): ExponentialBackoff<unknown> {
  return new ExponentialBackoff({ initialDelay: LOG_RETRY_FIRST_DELAY_MS, maxDelay: LOG_RETRY_MAX_DELAY_MS });
}

/** Waits `ms`, or less if `signal` aborts first; the timer never keeps the process alive. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    timer.unref();
    signal.addEventListener('abort', done, { once: true });
  });
}

/** One follower of the log, as `followLog` drives it. */
export interface LogFollower {
  /**
   * Finds where following begins (the log's head), once, before the first open: while the store
   * is away (the service started before EventStoreDB) it is tried again like a failed subscription.
   */
  begin?(): Promise<void>;
  /** Opens the subscription: after the last event taken, or where following begins. */
  open(): AllSubscription | Promise<AllSubscription>;
  /** Takes the subscription's messages until it ends (closed by the follower's stop, or failed). */
  take(subscription: AllSubscription): Promise<void>;
  /** The last event taken, so a retry after progress waits the shortest time again. */
  position(): GlobalPosition | undefined;
  /** Told why following failed; it is tried again after a backoff. */
  report(error: unknown): void;
}

/**
 * Follows the log until `signal` aborts: a subscription that fails or ends (an EventStoreDB
 * restart, a leader change) is reported and opened again after the log's backoff, which starts
 * over once an event was taken since the last try.
 */
export async function followLog(follower: LogFollower, signal: AbortSignal): Promise<void> {
  let backoff: IBackoff<unknown> | undefined;
  let begin = follower.begin?.bind(follower);
  while (!signal.aborted) {
    const before = follower.position();
    let subscription: AllSubscription | undefined;
    try {
      if (begin) {
        await begin();
        begin = undefined;
      }
      subscription = await follower.open();
      await follower.take(subscription);
      if (signal.aborted) return;
      throw new Error('the subscription to the log ended');
    } catch (error) {
      if (signal.aborted) return;
      follower.report(error);
    } finally {
      await subscription?.close().catch(() => undefined);
    }
    backoff = backoff && follower.position() === before ? backoff.next(undefined) : logRetryBackoff().next();
    await pause(backoff.duration, signal);
  }
}
