import type { KeyClaim, StoredAnswer } from './stored-answer';

/**
 * Where Idempotency-Keys and first answers are kept: a SQLite file of the node's own on the
 * embedded store (idempotency-store.ts), the event store itself on EventStoreDB, where any node
 * may take the retry (event-store-idempotency-keys.ts). Keys are per principal (API key name).
 */
export interface IdempotencyKeys {
  /** Claims `key` for a request with this fingerprint, or says why the request must not run. */
  claim(principal: string, key: string, fingerprint: string): Promise<KeyClaim>;
  /** Keeps the first answer of the request this process claimed the key for. */
  answer(principal: string, key: string, answer: StoredAnswer): Promise<void>;
  /** Frees a key this process claimed whose request ended without an answer worth keeping (5xx, 429...), so a retry runs it. */
  release(principal: string, key: string): Promise<void>;
}

export const IDEMPOTENCY_KEYS = Symbol('IdempotencyKeys');
