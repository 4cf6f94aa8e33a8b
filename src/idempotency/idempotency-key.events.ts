import type { StoredAnswer } from './stored-answer';

/**
 * An Idempotency-Key's life in its own stream (`idempotency-key-<hash>`), when keys live in the
 * event store: claimed by a request (again after a release, an expiry or a take-over), answered
 * by the claimant, or released when its request ended without an answer worth keeping.
 */
export type IdempotencyKeyEvent =
  | { type: 'IdempotencyKeyClaimed'; data: { fingerprint: string; owner: string; at: string } }
  | { type: 'IdempotencyKeyAnswered'; data: { owner: string; answer: StoredAnswer } }
  | { type: 'IdempotencyKeyReleased'; data: { owner: string } };

/** The key as its visible events leave it; undefined when it has none (never claimed, or expired). */
export interface IdempotencyKeyState {
  fingerprint: string;
  owner: string;
  /** When the claim in force was made (ms since the epoch). */
  claimedAt: number;
  answer?: StoredAnswer;
  released: boolean;
}

/** Each claim starts over; an answer or release only counts after the claim it belongs to. */
export function evolveIdempotencyKey(state: IdempotencyKeyState | undefined, event: IdempotencyKeyEvent): IdempotencyKeyState | undefined {
  switch (event.type) {
    case 'IdempotencyKeyClaimed':
      return { fingerprint: event.data.fingerprint, owner: event.data.owner, claimedAt: Date.parse(event.data.at), released: false };
    case 'IdempotencyKeyAnswered':
      return state && { ...state, answer: event.data.answer };
    case 'IdempotencyKeyReleased':
      return state && { ...state, released: true };
  }
}
