/**
 * An Idempotency-Key's life in its own stream (`idempotency-key-<hash>`), when keys live in the
 * event store: claimed by a request (again after a release, an expiry or a take-over), answered
 * by the claimant, or released when its request ended without an answer worth keeping. `Answer`
 * is what the edge keeps (stored-answer.ts), opaque here.
 */
export type IdempotencyKeyEvent<Answer = unknown> =
  | { type: 'IdempotencyKeyClaimed'; data: { fingerprint: string; owner: string; at: string } }
  | { type: 'IdempotencyKeyAnswered'; data: { owner: string; answer: Answer } }
  | { type: 'IdempotencyKeyReleased'; data: { owner: string } };

/** The key as its visible events leave it; undefined when it has none (never claimed, or expired). */
export interface IdempotencyKeyState<Answer = unknown> {
  fingerprint: string;
  owner: string;
  /** When the claim in force was made (ms since the epoch). */
  claimedAt: number;
  answer?: Answer;
  released: boolean;
}

/** Each claim starts over; an answer or release only counts after the claim it belongs to. */
export function evolveIdempotencyKey<Answer>(state: IdempotencyKeyState<Answer> | undefined, event: IdempotencyKeyEvent<Answer>): IdempotencyKeyState<Answer> | undefined {
  switch (event.type) {
    case 'IdempotencyKeyClaimed':
      return { fingerprint: event.data.fingerprint, owner: event.data.owner, claimedAt: Date.parse(event.data.at), released: false };
    case 'IdempotencyKeyAnswered':
      return state && { ...state, answer: event.data.answer };
    case 'IdempotencyKeyReleased':
      return state && { ...state, released: true };
  }
}
