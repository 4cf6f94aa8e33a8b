import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TokenBucket } from '../../src/access/token-bucket';

describe('token bucket', () => {
  it('grants a burst, then refuses with the wait until the next token, then refills at the rate', () => {
    const bucket = new TokenBucket(2, 3, 0);
    assert.deepEqual(
      [bucket.take(0), bucket.take(0), bucket.take(0)].map((t) => t.granted),
      [true, true, true],
    );
    assert.deepEqual(bucket.take(0), { granted: false, retryAfterMs: 500 });
    assert.deepEqual(bucket.take(250), { granted: false, retryAfterMs: 250 });
    assert.equal(bucket.take(500).granted, true);
    assert.equal(bucket.take(10_000).granted, true);
    assert.equal(bucket.take(10_000).granted, true);
    assert.equal(bucket.take(10_000).granted, true);
    assert.equal(bucket.take(10_000).granted, false, 'a long pause refills only up to the burst');
  });
});
