import { openItemsProjection } from '../finance/open-items/open-items.projection';
import { promotionCostProjection } from '../finance/promotion-cost/promotion-cost.projection';
import { settlementReconciliationProjection } from '../finance/settlement-reconciliation/settlement-reconciliation.projection';
import { journalProjection } from '../journal/journal.projection';
import { postingBatchesProjection } from '../posting-batches/posting-batches.projection';
import { erpDeliveriesProjection } from '../erp-delivery/erp-deliveries.projection';
import type { Projection } from '../runner/projection';

/**
 * Every read model the service keeps up to date, one runner each. Add a projection here
 * (one line) and the service starts, reports and stops it; names must be unique.
 */
export const REGISTERED_PROJECTIONS: readonly Projection[] = [
  journalProjection,
  openItemsProjection,
  promotionCostProjection,
  settlementReconciliationProjection,
  postingBatchesProjection,
  erpDeliveriesProjection,
];

/** The registered projections of these names, in the order given: what the projection thread runs. */
export function projectionsNamed(names: readonly string[]): Projection[] {
  return names.map((name) => {
    const projection = REGISTERED_PROJECTIONS.find((registered) => registered.name === name);
    if (!projection) throw new Error(`projection ${name} is not registered`);
    return projection;
  });
}
