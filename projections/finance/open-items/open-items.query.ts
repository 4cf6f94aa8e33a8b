import type { ProjectionDatabase } from '../../runner/projection-database';
import { checkpointOf, liveTable } from '../../runner/live-table';
import type { OpenItemKind } from './open-item-kind';
import { openItemsProjection } from './open-items.projection';

export interface OpenItemsFilter {
  /** Only movements posted on or before this day (YYYY-MM-DD): the open items at the end of it. */
  asOf?: string;
  companyCode?: string;
}

export interface OpenItem {
  kind: OpenItemKind;
  orderId: string;
  companyCode: string;
  currency: string;
  /** Still owed to the customer: the liability's credit balance for the order. */
  openMinor: number;
  /** Credited so far (captured, tendered or returned). */
  addedMinor: number;
  /** Debited so far (earned by shipment or pickup, or paid out). */
  releasedMinor: number;
  /** Posting date of the first movement: how long the item has been open. */
  openSince: string;
}

export interface OpenItems {
  checkpoint: string | null;
  items: OpenItem[];
}

/** Orders whose deposit or refund liability is not zero, by kind, then order id and currency. */
export function openItems(db: ProjectionDatabase, filter: OpenItemsFilter): OpenItems {
  const movements = liveTable(db, openItemsProjection.name, 'movements');
  const where = [...(filter.asOf !== undefined ? ['posting_date <= @asOf'] : []), ...(filter.companyCode !== undefined ? ['company_code = @companyCode'] : [])];
  const items = db.db
    .prepare(
      `SELECT item AS kind, order_id AS orderId, company_code AS companyCode, currency,
              SUM(amount_minor) AS openMinor,
              SUM(CASE WHEN amount_minor > 0 THEN amount_minor ELSE 0 END) AS addedMinor,
              SUM(CASE WHEN amount_minor < 0 THEN -amount_minor ELSE 0 END) AS releasedMinor,
              MIN(posting_date) AS openSince
       FROM ${movements} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       GROUP BY item, order_id, company_code, currency
       HAVING SUM(amount_minor) <> 0
       ORDER BY item, order_id, company_code, currency`,
    )
    .all({ ...(filter.asOf !== undefined && { asOf: filter.asOf }), ...(filter.companyCode !== undefined && { companyCode: filter.companyCode }) }) as OpenItem[];
  return { checkpoint: checkpointOf(db, openItemsProjection.name), items };
}
