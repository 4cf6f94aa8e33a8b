import type { ApiError } from '../errors/api-error';

/** The first answer to an idempotent request, as kept for replays. */
export type StoredAnswer = { kind: 'ok'; status: number; body: unknown } | { kind: 'refused'; error: ApiError };

/** What the store says about a key when a request presents it. */
export type KeyClaim = { outcome: 'claimed' } | { outcome: 'answered'; answer: StoredAnswer } | { outcome: 'in-flight' } | { outcome: 'reused' };
