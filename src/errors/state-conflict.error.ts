/**
 * The entity exists but is not in a state where the request makes sense (409 /
 * FAILED_PRECONDITION: repeating it changes nothing until the state does). Like a
 * `BusinessRuleRefusal`, `code` is a stable reason for API clients and nothing is written.
 */
export class StateConflictError extends Error {
  override readonly name = 'StateConflictError';
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
