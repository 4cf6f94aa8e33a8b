import type { ProjectionTable } from '../../runner/projection';

/** Who funds each promotion, from its definition. */
export const COST_PROMOTIONS: ProjectionTable = {
  name: 'promotions',
  columns: {
    promotion_id: 'TEXT NOT NULL',
    code: 'TEXT NOT NULL',
    name: 'TEXT NOT NULL',
    funding_source: 'TEXT NOT NULL',
    vendor_id: 'TEXT',
  },
  primaryKey: ['promotion_id'],
};

/**
 * Each order's company, from its OrderPlaced: a cost event names only the order. Joined when the
 * view is asked, so a cost recorded before its order is placed still counts once the order is.
 */
export const COST_ORDERS: ProjectionTable = {
  name: 'orders',
  columns: {
    order_id: 'TEXT NOT NULL',
    company_code: 'TEXT NOT NULL',
  },
  primaryKey: ['order_id'],
};

/**
 * One row per cost event, signed as the cost moves (applied positive; clawed back and
 * released negative), with the funding split the promotion recorded: never re-split here.
 */
export const COST_MOVEMENTS: ProjectionTable = {
  name: 'costs',
  columns: {
    event_id: 'TEXT NOT NULL',
    promotion_id: 'TEXT NOT NULL',
    order_id: 'TEXT NOT NULL',
    kind: 'TEXT NOT NULL',
    currency: 'TEXT NOT NULL',
    amount_minor: 'INTEGER NOT NULL',
    retailer_minor: 'INTEGER NOT NULL',
    vendor_minor: 'INTEGER NOT NULL',
    cost_date: 'TEXT NOT NULL',
    global_position: 'TEXT NOT NULL',
  },
  primaryKey: ['event_id'],
  indexes: [['promotion_id', 'currency'], ['cost_date']],
};
