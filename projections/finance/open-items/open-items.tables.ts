import type { ProjectionTable } from '../../runner/projection';

/**
 * One row per journal line on an open-item liability, signed as the liability moves: a credit
 * (money owed to the customer grows) is positive, a debit (earned or paid out) negative. An
 * order's open amount is the sum of its rows.
 */
export const OPEN_ITEM_MOVEMENTS: ProjectionTable = {
  name: 'movements',
  columns: {
    line_id: 'TEXT NOT NULL',
    item: 'TEXT NOT NULL',
    order_id: 'TEXT NOT NULL',
    company_code: 'TEXT NOT NULL',
    currency: 'TEXT NOT NULL',
    amount_minor: 'INTEGER NOT NULL',
    posting_date: 'TEXT NOT NULL',
    global_position: 'TEXT NOT NULL',
  },
  primaryKey: ['line_id'],
  indexes: [['item', 'order_id']],
};
