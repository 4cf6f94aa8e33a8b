import type { RevenueRoleOf } from './revenue-roles';
import type { StoreLocationOf } from './store-location';

/**
 * Reference data as posting takes it, as data: the journal answers it from the imports before
 * the fact in the log, an auditor's rebuild from the same events. Without it (or a part of it)
 * the rules post as they did before reference data existed.
 */
export interface PostingReferenceData {
  revenueRoleOf?: RevenueRoleOf;
  storeLocationOf?: StoreLocationOf;
}
