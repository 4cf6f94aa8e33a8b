/**
 * What a node does (ROLES): `api` serves the channels' commands and reads of aggregates,
 * `projections` builds read models from the log and serves the views over them, `sagas` runs
 * the process managers and `delivery` the ERP delivery runner, each of those two active on one
 * node of a deployment at a time (a lease in the event store). One build; every node runs any mix.
 */
export const ROLES = ['api', 'projections', 'sagas', 'delivery'] as const;

export type Role = (typeof ROLES)[number];

export const ALL_ROLES = ROLES.join(',');

/** The roles of a ROLES value, or why it is not one: comma-separated known roles, each once. */
export function parseRoles(text: string): { roles: ReadonlySet<Role> } | { problem: string } {
  const names = text.split(',').map((name) => name.trim());
  if (names.some((name) => name === '')) return { problem: `ROLES must list roles separated by commas, from ${ALL_ROLES}` };
  const unknown = names.filter((name) => !(ROLES as readonly string[]).includes(name));
  if (unknown.length > 0) return { problem: `ROLES names unknown roles (${unknown.join(', ')}); known: ${ALL_ROLES}` };
  if (new Set(names).size !== names.length) return { problem: 'ROLES must name each role once' };
  return { roles: new Set(names as Role[]) };
}
