import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiSecurity } from '@nestjs/swagger';
import type { Scope } from './scopes';

export const PUBLIC = 'ledgerbridge:public';
export const REQUIRED_SCOPE = 'ledgerbridge:required-scope';
export const CHANNEL_PATH = 'ledgerbridge:channel-path';

/** Served without an API key (health probes). Everything else needs one. */
export const Public = () => SetMetadata(PUBLIC, true);

/** The OpenAPI extension listing the scopes a route accepts (any one will do; none: any valid key), for its 403 answer. */
export const REQUIRED_SCOPES_EXTENSION = 'x-required-scopes';

const documented = (scopes: readonly string[]) => applyDecorators(ApiBearerAuth(), ApiSecurity('api-key'), ApiExtension(REQUIRED_SCOPES_EXTENSION, scopes));

/** Any valid API key, no scope (a key asking about itself). */
export const RequireKey = () => documented([]);

/** The caller's key must hold `scope`, or one of the further scopes listed (a read open to two roles). */
export const RequireScope = (scope: Scope, ...alternatives: Scope[]) =>
  applyDecorators(SetMetadata(REQUIRED_SCOPE, [scope, ...alternatives]), documented([scope, ...alternatives]));

/**
 * The caller's key must hold `channel:<name>:write` for the channel the request names at
 * `path`: `body.channel`, `params.channel` (HTTP), or `body.<field>` for a gRPC message.
 * A channel key therefore cannot act for another channel.
 */
export const RequireChannelWrite = (path: `body.${string}` | `params.${string}`) => applyDecorators(SetMetadata(CHANNEL_PATH, path), documented([`channel:<${path}>:write`]));
