import { journalProjection } from '../../projections/journal/journal.projection';
import type { Projection } from '../../projections/runner/projection';

/**
 * Every read model the service keeps up to date, one runner each. Add a projection here
 * (one line) and the service starts, reports and stops it; names must be unique.
 */
export const REGISTERED_PROJECTIONS: readonly Projection[] = [journalProjection];
