import type { Posting } from './journal-entry';
import type { RevenueRoleMissing } from './revenue-roles';

/** A store's cost objects on a day as reference data maps them, and the version of that mapping. */
export interface StoreCostObjects {
  costCenter?: string;
  profitCenter?: string;
  version: number;
}

/**
 * A store's cost objects on a day: undefined while reference data governs no location (a
 * deployment without it posts as before), or why there are none (governed, not mapped that day).
 */
export type StoreLocationOf = (locationId: string, day: string) => StoreCostObjects | RevenueRoleMissing | undefined;

/**
 * The entries of a fact at a store carry the store's cost and profit centers as of their
 * business day, and name the newest reference data version they used; once locations are
 * governed, a store not mapped that day refuses each entry (never a default cost object), waiting
 * for the store's mapping. Entries of a fact at no store, or before locations are governed, stay as they are.
 */
export function atStoreLocation(postings: Posting[], locationId: string | undefined, locationOf: StoreLocationOf | undefined): Posting[] {
  if (locationId === undefined || !locationOf) return postings;
  return postings.map((posting): Posting => {
    if (!posting.ok) return posting;
    const { entry } = posting;
    const found = locationOf(locationId, entry.postingDate);
    if (found === undefined) return posting;
    if ('missing' in found) {
      const { entryId, kind, companyCode, postingDate, lineage } = entry;
      return {
        ok: false,
        error: { entryId, kind, reason: 'reference-data-missing', companyCode, postingDate, message: found.missing, imbalances: [], lineage, awaiting: found.awaiting },
      };
    }
    const version = Math.max(entry.referenceDataVersion ?? 0, found.version);
    return {
      ok: true,
      entry: {
        ...entry,
        referenceDataVersion: version,
        ...(found.costCenter !== undefined && { costCenter: found.costCenter }),
        ...(found.profitCenter !== undefined && { profitCenter: found.profitCenter }),
      },
    };
  });
}
