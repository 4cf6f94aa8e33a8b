import type { PostingReferenceData } from '../ledger/posting/posting-reference-data';
import type { RevenueRoleOf } from '../ledger/posting/revenue-roles';
import type { StoreLocationOf } from '../ledger/posting/store-location';
import type { MappingKind, ReferenceDataEvent } from './reference-data.events';
import { evolveReferenceData, initialReferenceDataState, mappingAsOf, type VersionedMapping } from './reference-data.evolve';

/** Reference data as posting sees it at one point of the log. */
export interface ReferenceLookup {
  /** Whether any mapping of the kind exists: from then on reference data decides it, never a default. */
  governs(kind: MappingKind): boolean;
  /** Every mapping recorded for the kind and key, each with its version. */
  mappingsOf(kind: MappingKind, key: string): readonly VersionedMapping[];
}

/**
 * A SKU's revenue role on a day: `revenue.merchandise` while no SKU is mapped (deployments
 * without reference data post as they always did); once SKUs are governed, the role of the
 * product group the SKU belongs to that day, or the reason there is none. The version is the
 * newer of the two mappings used.
 */
export function revenueRoleFrom(lookup: ReferenceLookup): RevenueRoleOf {
  return (sku, day) => {
    if (!lookup.governs('sku')) return { role: 'revenue.merchandise' };
    const product = mappingAsOf(lookup.mappingsOf('sku', sku), 'sku', sku, day);
    if (!product?.productGroup) return { missing: `SKU ${sku} has no product group on ${day} in the reference data`, awaiting: [{ kind: 'sku', key: sku }] };
    const group = mappingAsOf(lookup.mappingsOf('product-group', product.productGroup), 'product-group', product.productGroup, day);
    if (!group?.revenueRole) {
      // Mapping the group, or the SKU to another group, would tell it.
      const awaiting = [
        { kind: 'sku' as const, key: sku },
        { kind: 'product-group' as const, key: product.productGroup },
      ];
      return { missing: `product group ${product.productGroup} (SKU ${sku}) has no revenue role on ${day} in the reference data`, awaiting };
    }
    return { role: group.revenueRole, version: Math.max(product.version, group.version) };
  };
}

/**
 * A store's cost objects on a day: nothing while no location is mapped; once locations are
 * governed, the location mapping in force that day (its cost center, profit center, version), or
 * the reason there is none.
 */
export function storeLocationFrom(lookup: ReferenceLookup): StoreLocationOf {
  return (locationId, day) => {
    if (!lookup.governs('location')) return undefined;
    const location = mappingAsOf(lookup.mappingsOf('location', locationId), 'location', locationId, day);
    if (!location) return { missing: `store ${locationId} has no location mapping on ${day} in the reference data`, awaiting: [{ kind: 'location', key: locationId }] };
    return {
      version: location.version,
      ...(location.costCenter !== undefined && { costCenter: location.costCenter }),
      ...(location.profitCenter !== undefined && { profitCenter: location.profitCenter }),
    };
  };
}

/** Everything posting takes from reference data, as `lookup` has it. */
export function postingReferenceDataFrom(lookup: ReferenceLookup): PostingReferenceData {
  return { revenueRoleOf: revenueRoleFrom(lookup), storeLocationOf: storeLocationFrom(lookup) };
}

/** The lookup the imports `events` leave (those before an entry's event, for an auditor's rebuild). */
export function lookupFromEvents(events: readonly ReferenceDataEvent[]): ReferenceLookup {
  const { mappings } = events.reduce(evolveReferenceData, initialReferenceDataState());
  return {
    governs: (kind) => mappings.some((m) => m.kind === kind),
    mappingsOf: (kind, key) => mappings.filter((m) => m.kind === kind && m.key === key),
  };
}
