import type { EdgeRequest } from '../transport/edge-request';
import { UnauthenticatedError } from './access-denied.errors';
import type { ApiKeyRegistry } from './api-key-registry';
import { LOCAL_DEVELOPER, type Principal } from './principal';

/** Finds the caller's principal from `Authorization: Bearer <key>` or `x-api-key` (HTTP header or gRPC metadata). */
export class Authenticator {
  constructor(
    private readonly registry: ApiKeyRegistry,
    /** No keys configured: every caller is the local developer. */
    readonly open: boolean,
  ) {}

  authenticate(request: EdgeRequest): Principal {
    if (this.open) return LOCAL_DEVELOPER;
    const presented = bearerToken(request.header('authorization')) ?? request.header('x-api-key');
    if (!presented) throw new UnauthenticatedError('an API key is required: send Authorization: Bearer <key> or x-api-key');
    const principal = this.registry.authenticate(presented);
    if (!principal) throw new UnauthenticatedError('the API key is not valid');
    return principal;
  }
}

function bearerToken(header: string | undefined): string | undefined {
  const match = header && /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : undefined;
}
