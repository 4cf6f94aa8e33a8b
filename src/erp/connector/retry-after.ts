import { ExponentialBackoff, type IBackoff, type IBackoffFactory, type IRetryBackoffContext } from 'cockatiel';

/**
 * A Retry-After header in milliseconds from now: delta-seconds or an HTTP-date (RFC 9110 10.2.3);
 * undefined when absent or unreadable.
 */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP-date starts with the day's name; Date.parse alone would take '-1' as a year.
  if (!/^[A-Za-z]{3},? /.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Exponential backoff with jitter that never retries sooner than the ERP's Retry-After: each
 * step waits the longer of the two. cockatiel has no such backoff; this wraps its own.
 */
export class RetryAfterBackoff implements IBackoffFactory<IRetryBackoffContext<unknown>> {
  private readonly inner: ExponentialBackoff<IRetryBackoffContext<unknown>>;

  constructor(initialDelay: number, maxDelay: number) {
    this.inner = new ExponentialBackoff({ initialDelay, maxDelay });
  }

  next(context: IRetryBackoffContext<unknown>): IBackoff<IRetryBackoffContext<unknown>> {
    return atLeastRetryAfter(this.inner.next(), context);
  }
}

function atLeastRetryAfter(step: IBackoff<IRetryBackoffContext<unknown>>, context: IRetryBackoffContext<unknown>): IBackoff<IRetryBackoffContext<unknown>> {
  const error = 'error' in context.result ? (context.result.error as { retryAfterMs?: unknown }) : undefined;
  const asked = typeof error?.retryAfterMs === 'number' ? error.retryAfterMs : 0;
  return { duration: Math.max(step.duration, asked), next: (following) => atLeastRetryAfter(step.next(following), following) };
}
