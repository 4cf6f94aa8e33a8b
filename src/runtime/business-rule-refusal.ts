/** A command the rules refuse; nothing is appended. `code` is stable for API clients. */
export class BusinessRuleRefusal extends Error {
  override readonly name = 'BusinessRuleRefusal';
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
