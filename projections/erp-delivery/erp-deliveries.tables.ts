import type { ProjectionTable } from '../runner/projection';

/** Every delivery event, as the batch's delivery history and the operators' view show it. */
export const DELIVERY_EVENTS: ProjectionTable = {
  name: 'events',
  columns: {
    event_id: 'TEXT NOT NULL',
    global_position: 'TEXT NOT NULL',
    stream_id: 'TEXT NOT NULL',
    revision: 'INTEGER NOT NULL',
    type: 'TEXT NOT NULL',
    company_code: 'TEXT NOT NULL',
    target: 'TEXT NOT NULL',
    erp: 'TEXT NOT NULL',
    batch_id: 'TEXT NOT NULL',
    chain_index: 'INTEGER NOT NULL',
    at: 'TEXT NOT NULL',
    /** The event's own fields (attempt, reason, message, who, why ...) as JSON, without the lane state and the documents. */
    details: 'TEXT NOT NULL',
    /** The lane's state after the event, as JSON. */
    lane_after: 'TEXT NOT NULL',
  },
  primaryKey: ['event_id'],
  indexes: [['batch_id'], ['company_code', 'target']],
};

/** The ERP's document numbers: per entry of a batch (position 1-based), or for the whole batch (position 0, D365's journal). */
export const DELIVERY_DOCUMENTS: ProjectionTable = {
  name: 'documents',
  columns: {
    target: 'TEXT NOT NULL',
    batch_id: 'TEXT NOT NULL',
    position: 'INTEGER NOT NULL',
    entry_id: 'TEXT',
    company_code: 'TEXT NOT NULL',
    erp: 'TEXT NOT NULL',
    document_number: 'TEXT NOT NULL',
    internal_id: 'TEXT',
    generation: 'INTEGER NOT NULL',
    at: 'TEXT NOT NULL',
    event_id: 'TEXT NOT NULL',
  },
  primaryKey: ['target', 'batch_id', 'position'],
  indexes: [['batch_id'], ['company_code', 'target']],
};
