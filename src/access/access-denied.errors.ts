/** No credentials, or credentials that match no configured key (401 / UNAUTHENTICATED). */
export class UnauthenticatedError extends Error {
  override readonly name = 'UnauthenticatedError';
}

/** A known key without the scope the operation needs (403 / PERMISSION_DENIED). */
export class PermissionDeniedError extends Error {
  override readonly name = 'PermissionDeniedError';
  constructor(readonly requiredScope: string) {
    super(`this API key lacks the scope ${requiredScope}`);
  }
}

/** The key used up its request budget (429 / RESOURCE_EXHAUSTED). */
export class RateLimitedError extends Error {
  override readonly name = 'RateLimitedError';
  constructor(readonly retryAfterMs: number) {
    super('too many requests for this API key');
  }
}
