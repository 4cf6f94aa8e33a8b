import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IRetryBackoffContext } from 'cockatiel';
import { ErpUnavailableError } from '../../../src/erp/connector/erp-failures';
import { RetryAfterBackoff, retryAfterMs } from '../../../src/erp/connector/retry-after';

describe('Retry-After', () => {
  it('reads delta-seconds and HTTP-dates, and nothing else', () => {
    const now = Date.parse('2026-11-28T12:00:00Z');
    assert.equal(retryAfterMs('3', now), 3000);
    assert.equal(retryAfterMs(' 0 ', now), 0);
    assert.equal(retryAfterMs('Sat, 28 Nov 2026 12:00:10 GMT', now), 10_000);
    assert.equal(retryAfterMs('Sat, 28 Nov 2026 11:00:00 GMT', now), 0, 'a date in the past: now');
    assert.equal(retryAfterMs(null, now), undefined);
    assert.equal(retryAfterMs('soon', now), undefined);
    assert.equal(retryAfterMs('-1', now), undefined);
  });

  it('backs off exponentially with jitter, but never less than the ERP asked', () => {
    const context = (retryAfter?: number): IRetryBackoffContext<unknown> => ({
      attempt: 1,
      signal: new AbortController().signal,
      result: { error: new ErpUnavailableError('throttled', 'busy', 429, retryAfter) },
    });
    const backoff = new RetryAfterBackoff(10, 1000);
    let step = backoff.next(context(5000));
    assert.equal(step.duration, 5000);
    step = step.next(context());
    assert.ok(step.duration <= 1000, 'without Retry-After, the backoff alone');
  });
});
