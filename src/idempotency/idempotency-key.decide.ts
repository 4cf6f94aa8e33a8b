import type { IdempotencyKeyState } from './idempotency-key.events';

export interface ClaimRequest {
  fingerprint: string;
  now: number;
  /** How long a key and its answer are kept. */
  retentionMs: number;
  /** How long a claim without an answer counts as a request still running. */
  inFlightMs: number;
}

/** What a request presenting a key the store already holds gets: to claim it (`claimed`), or why it must not run (KeyClaim's shape). */
export type ClaimDecision<Answer> = { outcome: 'claimed' } | { outcome: 'answered'; answer: Answer } | { outcome: 'in-flight' } | { outcome: 'reused' };

/**
 * Other nodes' claims cannot be told apart from a crashed node's, so a claim without an answer
 * is in flight for `inFlightMs`, then the next request takes it over; so is this process's own
 * (its answer may have failed to be kept). That is safe even while the first still runs: the key
 * fixes the command id, which the aggregate answers once.
 */
export function decideClaim<Answer>(state: IdempotencyKeyState<Answer> | undefined, request: ClaimRequest): ClaimDecision<Answer> {
  if (state === undefined || state.released || request.now - state.claimedAt > request.retentionMs) return { outcome: 'claimed' };
  if (state.fingerprint !== request.fingerprint) return { outcome: 'reused' };
  if (state.answer !== undefined) return { outcome: 'answered', answer: state.answer };
  if (request.now - state.claimedAt < request.inFlightMs) return { outcome: 'in-flight' };
  return { outcome: 'claimed' };
}
