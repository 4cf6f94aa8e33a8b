import type { ProjectionTable } from '../../runner/projection';

/** One row per reported payout, keyed by its stream (`settlement-<provider>/<payoutId>`). */
export const PAYOUTS: ProjectionTable = {
  name: 'payouts',
  columns: {
    stream_id: 'TEXT NOT NULL',
    provider: 'TEXT NOT NULL',
    payout_id: 'TEXT NOT NULL',
    /** Null for a payout reported before reports named their company (the journal refuses to post it). */
    company_code: 'TEXT',
    currency: 'TEXT NOT NULL',
    payout_amount_minor: 'INTEGER NOT NULL',
    payout_date: 'TEXT NOT NULL',
    amount_total_minor: 'INTEGER NOT NULL',
    fee_total_minor: 'INTEGER NOT NULL',
    net_total_minor: 'INTEGER NOT NULL',
  },
  primaryKey: ['stream_id'],
  indexes: [['provider', 'payout_id'], ['payout_date']],
};

/** The settlement's own verdict (SettlementReconciled or SettlementDiscrepancyFound). */
export const OUTCOMES: ProjectionTable = {
  name: 'outcomes',
  columns: {
    stream_id: 'TEXT NOT NULL',
    status: 'TEXT NOT NULL',
    difference_minor: 'INTEGER NOT NULL',
  },
  primaryKey: ['stream_id'],
};

/** The payout's transactions in report order, with the references the provider gave. */
export const TRANSACTIONS: ProjectionTable = {
  name: 'transactions',
  columns: {
    stream_id: 'TEXT NOT NULL',
    transaction_id: 'TEXT NOT NULL',
    line_no: 'INTEGER NOT NULL',
    type: 'TEXT NOT NULL',
    currency: 'TEXT NOT NULL',
    amount_minor: 'INTEGER NOT NULL',
    fee_minor: 'INTEGER NOT NULL',
    net_minor: 'INTEGER NOT NULL',
    order_id: 'TEXT',
    capture_id: 'TEXT',
    refund_id: 'TEXT',
  },
  primaryKey: ['stream_id', 'transaction_id'],
};

/** References added after the report (TransactionMatched): the settlement allows one per transaction. */
export const MATCHES: ProjectionTable = {
  name: 'matches',
  columns: {
    stream_id: 'TEXT NOT NULL',
    transaction_id: 'TEXT NOT NULL',
    order_id: 'TEXT NOT NULL',
    capture_id: 'TEXT',
    refund_id: 'TEXT',
    matched_by: 'TEXT NOT NULL',
  },
  primaryKey: ['stream_id', 'transaction_id'],
};

/** Order captures and refunds from the order streams, which transactions are matched against. */
export const ORDER_PAYMENTS: ProjectionTable = {
  name: 'order_payments',
  columns: {
    event_id: 'TEXT NOT NULL',
    order_id: 'TEXT NOT NULL',
    kind: 'TEXT NOT NULL',
    payment_id: 'TEXT NOT NULL',
    amount_minor: 'INTEGER NOT NULL',
    currency: 'TEXT NOT NULL',
  },
  primaryKey: ['event_id'],
  indexes: [['order_id', 'kind', 'payment_id']],
};
