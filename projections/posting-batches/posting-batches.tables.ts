import type { ProjectionTable } from '../runner/projection';

/** One row per closed batch, with everything its hash covers (entries in batch_entries). */
export const BATCHES: ProjectionTable = {
  name: 'batches',
  columns: {
    batch_id: 'TEXT NOT NULL',
    company_code: 'TEXT NOT NULL',
    posting_date: 'TEXT NOT NULL',
    sequence: 'INTEGER NOT NULL',
    /** Revision of the PostingBatchClosed event in the company's stream: its place in the chain. */
    chain_index: 'INTEGER NOT NULL',
    entry_count: 'INTEGER NOT NULL',
    /** Canonical JSON of the CurrencyTotal list, as hashed. */
    totals: 'TEXT NOT NULL',
    previous_batch_id: 'TEXT',
    previous_hash: 'TEXT NOT NULL',
    hash: 'TEXT NOT NULL',
    /** When the close was recorded (the event's recordedAt): the exports' creation time. */
    closed_at: 'TEXT NOT NULL',
    event_id: 'TEXT NOT NULL',
    global_position: 'TEXT NOT NULL',
  },
  primaryKey: ['batch_id'],
  indexes: [
    ['company_code', 'chain_index'],
    ['company_code', 'posting_date'],
  ],
};

/** Which batch holds each entry: a journal entry not listed here is open. */
export const BATCH_ENTRIES: ProjectionTable = {
  name: 'batch_entries',
  columns: {
    entry_id: 'TEXT NOT NULL',
    batch_id: 'TEXT NOT NULL',
    position: 'INTEGER NOT NULL',
    kind: 'TEXT NOT NULL',
    source_type: 'TEXT NOT NULL',
    source_id: 'TEXT NOT NULL',
    /** Null unless the entry was moved out of a closed fiscal period (BatchEntryRef.businessDate). */
    business_date: 'TEXT',
    hash: 'TEXT NOT NULL',
  },
  primaryKey: ['entry_id'],
  indexes: [['batch_id', 'position']],
};
