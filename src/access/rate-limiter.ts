import { RateLimitedError } from './access-denied.errors';
import { TokenBucket } from './token-bucket';

/** One token bucket per API key; there are only as many buckets as configured keys. */
export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();
  /** Requests refused since start (ledgerbridge_rate_limit_refusals_total reads it when scraped). */
  refusals = 0;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Throws RateLimitedError when `keyName` has spent its budget. */
  charge(keyName: string): void {
    const now = this.now();
    let bucket = this.buckets.get(keyName);
    if (!bucket) {
      bucket = new TokenBucket(this.perSecond, this.burst, now);
      this.buckets.set(keyName, bucket);
    }
    const taken = bucket.take(now);
    if (taken.granted) return;
    this.refusals++;
    throw new RateLimitedError(taken.retryAfterMs);
  }
}
