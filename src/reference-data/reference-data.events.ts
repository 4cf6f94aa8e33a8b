/**
 * Governed reference data: mappings from a business key (a store location, a channel, a SKU, a
 * product group, a tender) to what posting needs, each effective from a day. Kept as versioned
 * events on one stream, `reference-data-mappings`: version n is the n-th import.
 */
export const MAPPING_KINDS = ['location', 'channel', 'sku', 'product-group', 'tender'] as const;
export type MappingKind = (typeof MAPPING_KINDS)[number];

/** A product group's revenue: the account role its sales credit. */
export const REVENUE_ROLES = ['revenue.merchandise', 'revenue.services', 'revenue.gift-cards', 'revenue.consignment'] as const;
/** Where a tender's money waits until it is settled. */
export const CLEARING_ROLES = ['psp.clearing', 'cash.register-clearing', 'liability.gift-card'] as const;

/**
 * One mapping as imported. `key` is the location or store id, the channel name, the SKU, the
 * product group, or the tender kind (optionally `<kind>/<payment provider>`).
 */
export interface Mapping {
  kind: MappingKind;
  key: string;
  /** The first business day (YYYY-MM-DD) it applies to. */
  effectiveFrom: string;
  /** location, channel */
  companyCode?: string;
  /** location */
  costCenter?: string;
  profitCenter?: string;
  /** sku */
  productGroup?: string;
  /** product-group */
  revenueRole?: (typeof REVENUE_ROLES)[number];
  /** tender */
  clearingRole?: (typeof CLEARING_ROLES)[number];
}

/** An import applied whole: every row valid, or none recorded. */
export type ReferenceDataImported = {
  type: 'ReferenceDataImported';
  data: { version: number; format: 'csv' | 'json'; mappings: Mapping[]; importedBy: string; importedAt: string };
};

export type ReferenceDataEvent = ReferenceDataImported;

/** The one instance: all reference data is one versioned history. */
export const REFERENCE_DATA_ID = 'mappings';
export const REFERENCE_DATA_STREAM_PREFIX = 'reference-data-';
