import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { edgeRequestOf, type EdgeRequest } from '../transport/edge-request';
import { InputInvalidError } from '../errors/input-invalid.error';
import { refuseUndecodable } from '../transport/undecodable-message';
import { CHANNEL_PATH, PUBLIC, REQUIRED_SCOPE } from './access-requirements';
import { Authenticator } from './authenticator';
import { RateLimiter } from './rate-limiter';
import { channelWriteScope, CHANNEL_NAME, type Scope } from './scopes';
import { demandAnyScope } from './current-principal';

/**
 * Every HTTP route and gRPC method needs a valid API key unless marked @Public(): forgetting
 * a decorator refuses callers instead of letting them in. Then the key's rate limit, a gRPC
 * message that did not decode, then the scope the handler declares.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(Authenticator) private readonly authenticator: Authenticator,
    @Inject(RateLimiter) private readonly rateLimiter: RateLimiter,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const request = edgeRequestOf(context);
    const principal = this.authenticator.authenticate(request);
    if (!principal.unrestricted) this.rateLimiter.charge(principal.name);
    // Only a caller who got this far hears that its message did not decode; the checks below may read it.
    refuseUndecodable(request.body);
    const scopes = this.reflector.getAllAndOverride<Scope[]>(REQUIRED_SCOPE, targets);
    if (scopes) demandAnyScope(principal, scopes);
    const channelPath = this.reflector.getAllAndOverride<string>(CHANNEL_PATH, targets);
    if (channelPath) demandAnyScope(principal, [channelWriteScope(channelOf(request, channelPath))]);
    request.state.principal = principal;
    return true;
  }
}

/** The channel the request acts for; checked here, before validation, because access depends on it. */
function channelOf(request: EdgeRequest, path: string): string {
  const [root, ...rest] = path.split('.');
  let value: unknown = root === 'params' ? request.params : request.body;
  for (const key of rest) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  if (typeof value !== 'string' || !CHANNEL_NAME.test(value)) {
    throw new InputInvalidError([{ path: rest.join('.'), reason: `${rest.join('.')} must name a channel (letters, digits, . _ -)` }]);
  }
  return value;
}
