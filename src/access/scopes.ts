/**
 * What an API key may do. `channel:<name>:write` lets a channel system send commands for
 * that channel only; the others are per business area. `ops:read` sees what `ops:admin`
 * sees (sagas, projections, the business-error queue) without acting on it; `metrics:read`
 * only scrapes /metrics (a Prometheus server's key). `finance:close` defines fiscal calendars and
 * closes and reopens their periods (a controller's key, apart from `finance:read`'s viewers);
 * `refdata:write` imports reference data (master data governance).
 */
export type Scope =
  | `channel:${string}:write`
  | 'promotions:write'
  | 'settlements:write'
  | 'finance:read'
  | 'finance:close'
  | 'refdata:write'
  | 'audit:read'
  | 'metrics:read'
  | 'ops:read'
  | 'ops:admin';

const AREA_SCOPES: readonly string[] = [
  'promotions:write',
  'settlements:write',
  'finance:read',
  'finance:close',
  'refdata:write',
  'audit:read',
  'metrics:read',
  'ops:read',
  'ops:admin',
];

/** Channel names as they appear in scopes and commands: plain, so a scope cannot be spoofed by punctuation. */
export const CHANNEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function isScope(value: string): value is Scope {
  if (AREA_SCOPES.includes(value)) return true;
  const channel = /^channel:(.+):write$/.exec(value)?.[1];
  return channel !== undefined && CHANNEL_NAME.test(channel);
}

export function channelWriteScope(channel: string): Scope {
  return `channel:${channel}:write`;
}
