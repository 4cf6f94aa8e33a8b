import type { ApiError } from '../errors/api-error';

/** The key was first used for a different request (422): the client has a bug, not a retry. */
export class IdempotencyKeyReusedError extends Error {
  override readonly name = 'IdempotencyKeyReusedError';
  constructor() {
    super('this Idempotency-Key was already used for a different request');
  }
}

/** The first request with this key has not been answered yet (409): retry later. */
export class IdempotencyKeyInFlightError extends Error {
  override readonly name = 'IdempotencyKeyInFlightError';
  constructor() {
    super('a request with this Idempotency-Key is still being processed');
  }
}

/** The stored refusal of the key's first request, answered again. */
export class ReplayedRefusal extends Error {
  override readonly name = 'ReplayedRefusal';
  constructor(readonly answer: ApiError) {
    super(answer.message);
  }
}
