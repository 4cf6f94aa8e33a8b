import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { edgeRequestOf } from '../transport/edge-request';
import { PermissionDeniedError } from './access-denied.errors';
import type { Principal } from './principal';
import type { Scope } from './scopes';

/**
 * Handler parameter: the authenticated caller, for access that depends on the entity (an order's
 * channel) and so can only be checked once the handler has read it. Set by the access guard.
 */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = edgeRequestOf(context).state.principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route the access guard did not authenticate');
  return principal;
});

/** Passes when the principal holds any of the scopes; the refusal names the first one. */
export function demandAnyScope(principal: Principal, scopes: readonly Scope[]): void {
  if (!scopes.some((scope) => principal.allows(scope))) throw new PermissionDeniedError(scopes.join(' or '));
}
