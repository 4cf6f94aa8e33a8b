import type { ProjectionTable } from '../runner/projection';

export const ENTRIES: ProjectionTable = {
  name: 'entries',
  columns: {
    entry_id: 'TEXT NOT NULL',
    kind: 'TEXT NOT NULL',
    source_type: 'TEXT NOT NULL',
    source_id: 'TEXT NOT NULL',
    company_code: 'TEXT NOT NULL',
    currency: 'TEXT NOT NULL',
    posting_date: 'TEXT NOT NULL',
    stream_id: 'TEXT NOT NULL',
    revision: 'INTEGER NOT NULL',
    event_id: 'TEXT NOT NULL',
    global_position: 'TEXT NOT NULL',
  },
  primaryKey: ['entry_id'],
  // Posting batches will group entries by company code and posting date.
  indexes: [['company_code', 'posting_date'], ['source_type', 'source_id']],
};

/** One row per journal line, carrying its full lineage so no join is needed to trace it. */
export const LINES: ProjectionTable = {
  name: 'lines',
  columns: {
    line_id: 'TEXT NOT NULL',
    entry_id: 'TEXT NOT NULL',
    line_no: 'INTEGER NOT NULL',
    role: 'TEXT NOT NULL',
    side: 'TEXT NOT NULL',
    amount_minor: 'INTEGER NOT NULL',
    currency: 'TEXT NOT NULL',
    promotion_id: 'TEXT',
    vendor_id: 'TEXT',
    reference: 'TEXT',
    stream_id: 'TEXT NOT NULL',
    revision: 'INTEGER NOT NULL',
    event_id: 'TEXT NOT NULL',
    event_type: 'TEXT NOT NULL',
    global_position: 'TEXT NOT NULL',
    command_id: 'TEXT',
    correlation_id: 'TEXT',
    causation_id: 'TEXT',
    channel: 'TEXT',
    source_ref: 'TEXT',
  },
  primaryKey: ['line_id'],
  indexes: [['entry_id'], ['stream_id'], ['promotion_id']],
};

/** Entries the rules refused (unbalanced, invalid): visible to finance, never posted, never plugged. */
export const POSTING_ERRORS: ProjectionTable = {
  name: 'posting_errors',
  columns: {
    entry_id: 'TEXT NOT NULL',
    kind: 'TEXT NOT NULL',
    reason: 'TEXT NOT NULL',
    /** Null when the fact does not tell: the error then holds back every company (or day). */
    company_code: 'TEXT',
    posting_date: 'TEXT',
    message: 'TEXT NOT NULL',
    imbalances: 'TEXT NOT NULL',
    stream_id: 'TEXT NOT NULL',
    event_id: 'TEXT NOT NULL',
    global_position: 'TEXT NOT NULL',
  },
  primaryKey: ['entry_id'],
};
