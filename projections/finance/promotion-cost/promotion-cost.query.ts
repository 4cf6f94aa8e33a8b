import type { ProjectionDatabase } from '../../runner/projection-database';
import { checkpointOf, liveTable } from '../../runner/live-table';
import { promotionCostProjection } from './promotion-cost.projection';

export interface PromotionCostFilter {
  /** Cost dates (YYYY-MM-DD, UTC day of the event's business time), both included. */
  from?: string;
  to?: string;
  vendorId?: string;
  /** Only the cost of orders placed under this company; the cost of an order not placed (yet) has no company and is left out. */
  companyCode?: string;
}

export interface PromotionCostRow {
  promotionId: string;
  code: string;
  name: string;
  fundingSource: 'retailer' | 'vendor';
  vendorId: string | null;
  currency: string;
  appliedMinor: number;
  clawedBackMinor: number;
  releasedMinor: number;
  /** applied - clawed back - released, and its split: retailer + vendor = net. */
  netMinor: number;
  retailerMinor: number;
  vendorMinor: number;
  orders: number;
}

/** Net cost per funder: the retailer, or one vendor. */
export interface FunderCost {
  fundingSource: 'retailer' | 'vendor';
  vendorId: string | null;
  currency: string;
  netMinor: number;
}

export interface PromotionCost {
  checkpoint: string | null;
  promotions: PromotionCostRow[];
  byFunder: FunderCost[];
}

export function promotionCost(db: ProjectionDatabase, filter: PromotionCostFilter): PromotionCost {
  const costs = liveTable(db, promotionCostProjection.name, 'costs');
  const promotions = liveTable(db, promotionCostProjection.name, 'promotions');
  const orders = liveTable(db, promotionCostProjection.name, 'orders');
  const where = [
    ...(filter.from !== undefined ? ['c.cost_date >= @from'] : []),
    ...(filter.to !== undefined ? ['c.cost_date <= @to'] : []),
    ...(filter.vendorId !== undefined ? ['p.vendor_id = @vendorId'] : []),
    ...(filter.companyCode !== undefined ? [`c.order_id IN (SELECT order_id FROM ${orders} WHERE company_code = @companyCode)`] : []),
  ];
  const rows = db.db
    .prepare(
      `SELECT c.promotion_id AS promotionId, p.code AS code, p.name AS name, p.funding_source AS fundingSource, p.vendor_id AS vendorId, c.currency AS currency,
              SUM(CASE WHEN c.kind = 'applied' THEN c.amount_minor ELSE 0 END) AS appliedMinor,
              -SUM(CASE WHEN c.kind = 'clawed-back' THEN c.amount_minor ELSE 0 END) AS clawedBackMinor,
              -SUM(CASE WHEN c.kind = 'released' THEN c.amount_minor ELSE 0 END) AS releasedMinor,
              SUM(c.amount_minor) AS netMinor, SUM(c.retailer_minor) AS retailerMinor, SUM(c.vendor_minor) AS vendorMinor,
              COUNT(DISTINCT c.order_id) AS orders
       FROM ${costs} c JOIN ${promotions} p ON p.promotion_id = c.promotion_id
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       GROUP BY c.promotion_id, c.currency
       ORDER BY c.promotion_id, c.currency`,
    )
    .all({
      ...(filter.from !== undefined && { from: filter.from }),
      ...(filter.to !== undefined && { to: filter.to }),
      ...(filter.vendorId !== undefined && { vendorId: filter.vendorId }),
      ...(filter.companyCode !== undefined && { companyCode: filter.companyCode }),
    }) as PromotionCostRow[];
  return { checkpoint: checkpointOf(db, promotionCostProjection.name), promotions: rows, byFunder: costByFunder(rows) };
}

/** Each promotion's retailer part goes to the retailer, its vendor part to its vendor; sorted retailer first, then by vendor and currency. */
function costByFunder(rows: readonly PromotionCostRow[]): FunderCost[] {
  const funders = new Map<string, FunderCost>();
  const add = (fundingSource: FunderCost['fundingSource'], vendorId: string | null, currency: string, amount: number) => {
    const key = `${fundingSource}\u0000${vendorId ?? ''}\u0000${currency}`;
    const funder = funders.get(key) ?? { fundingSource, vendorId, currency, netMinor: 0 };
    funder.netMinor += amount;
    funders.set(key, funder);
  };
  for (const row of rows) {
    add('retailer', null, row.currency, row.retailerMinor);
    if (row.vendorId !== null) add('vendor', row.vendorId, row.currency, row.vendorMinor);
  }
  return [...funders.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, funder]) => funder);
}
