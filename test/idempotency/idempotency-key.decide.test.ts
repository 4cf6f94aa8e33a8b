import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideClaim, type ClaimRequest } from '../../src/idempotency/idempotency-key.decide';
import { evolveIdempotencyKey, type IdempotencyKeyEvent, type IdempotencyKeyState } from '../../src/idempotency/idempotency-key.events';

const DAY = 24 * 60 * 60 * 1000;
const request = (overrides: Partial<ClaimRequest> = {}): ClaimRequest => ({ fingerprint: 'f1', now: 10_000, retentionMs: 7 * DAY, inFlightMs: 30_000, ...overrides });
const history = (...events: IdempotencyKeyEvent<string>[]) => events.reduce<IdempotencyKeyState<string> | undefined>(evolveIdempotencyKey, undefined);
const claimed = (owner = 'node-a', at = '1970-01-01T00:00:05Z', fingerprint = 'f1'): IdempotencyKeyEvent<string> => ({
  type: 'IdempotencyKeyClaimed',
  data: { fingerprint, owner, at },
});

describe('an Idempotency-Key another request presents (pure)', () => {
  it('is claimed when nobody holds it: never claimed, released, or past its retention', () => {
    assert.deepEqual(decideClaim(undefined, request()), { outcome: 'claimed' });
    assert.deepEqual(decideClaim(history(claimed(), { type: 'IdempotencyKeyReleased', data: { owner: 'node-a' } }), request({ fingerprint: 'other' })), { outcome: 'claimed' });
    assert.deepEqual(
      decideClaim(history(claimed(), { type: 'IdempotencyKeyAnswered', data: { owner: 'node-a', answer: 'first' } }), request({ fingerprint: 'other', now: 5000 + 7 * DAY + 1 })),
      { outcome: 'claimed' },
    );
  });

  it('answers the first answer to the same request, refuses another request, and is in flight while another node may still run it', () => {
    const answered = history(claimed(), { type: 'IdempotencyKeyAnswered', data: { owner: 'node-a', answer: 'first' } });
    assert.deepEqual(decideClaim(answered, request()), { outcome: 'answered', answer: 'first' });
    assert.deepEqual(decideClaim(answered, request({ fingerprint: 'f2' })), { outcome: 'reused' });
    assert.deepEqual(decideClaim(history(claimed()), request({ now: 5000 + 29_999 })), { outcome: 'in-flight' });
    assert.deepEqual(decideClaim(history(claimed()), request({ now: 5000 + 30_000 })), { outcome: 'claimed' }, 'taken over once the other node may have died');
  });

  it('counts only what follows the claim in force: a take-over starts over', () => {
    const takenOver = history(claimed('node-a'), claimed('node-c', '1970-01-01T00:00:40Z'));
    assert.deepEqual(decideClaim(takenOver, request({ now: 41_000 })), { outcome: 'in-flight' });
  });
});
