import { ExponentialBackoff } from 'cockatiel';

/** Retries wait from about this long, growing (jittered) up to LOG_RETRY_MAX_DELAY_MS. */
const LOG_RETRY_FIRST_DELAY_MS = 500;
const LOG_RETRY_MAX_DELAY_MS = 30_000;

/**
 * The waits before opening a subscription to the log again after it failed (an EventStoreDB
 * restart or leader change): `next()` for the first, then `.next(undefined)` of the last one.
 * One schedule for every follower of the log (readers' waits, projections, sagas).
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
