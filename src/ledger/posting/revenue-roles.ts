import type { AccountRole } from './account-roles';

/**
 * The revenue role a SKU's sales post to on a business day, and the reference data version that
 * said so; or why it cannot be told (reference data governs SKUs, but this one is not mapped that
 * day). Posting rules take it as data: the journal answers it from the mappings before the fact
 * in the log, an auditor's rebuild from the same events.
 */
export type RevenueRoleOf = (sku: string, day: string) => { role: AccountRole; version?: number } | RevenueRoleMissing;

/** Why reference data cannot tell what posting needs (a SKU's role, a store's cost objects), and the mappings an import could supply to tell it. */
export interface RevenueRoleMissing {
  missing: string;
  awaiting: AwaitedMapping[];
}

/** A reference data mapping by kind and key, as a refused entry waits for it. */
export interface AwaitedMapping {
  kind: 'sku' | 'product-group' | 'location';
  key: string;
}
