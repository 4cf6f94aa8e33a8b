import type { Scope } from './scopes';

/** Who is calling: the name of the API key used, and what it may do. */
export class Principal {
  constructor(
    readonly name: string,
    private readonly scopes: ReadonlySet<string>,
    /** Local development without configured keys: every scope, no rate limit. */
    readonly unrestricted = false,
  ) {}

  allows(scope: Scope): boolean {
    return this.unrestricted || this.scopes.has(scope);
  }

  /** The scopes the key was configured with, sorted (none for the unrestricted local developer). */
  get configuredScopes(): string[] {
    return [...this.scopes].sort();
  }
}

/** Who every request is when no API keys are configured (never in production; see README). */
export const LOCAL_DEVELOPER = new Principal('local-dev', new Set(), true);
