import {
  ENTRIES_IN_HISTORY_ORDER,
  ENTRY_COLUMNS,
  ENTRY_ID,
  entriesFrom,
  entryById,
  entryIdParams,
  entryRecordFromRows,
  type JournalEntryRow,
  type JournalLineRow,
  type JournalTables,
  LINE_COLUMNS,
  linesFrom,
} from '../journal/journal-rows';
import { journalProjection } from '../journal/journal.projection';
import { checkpointOf, liveTable } from '../runner/live-table';
import type { ProjectionDatabase } from '../runner/projection-database';
import type { OpenPostingError } from '../../src/ledger/posting-batch/compose-batch';
import { type PostedEntry, postedEntryOf } from '../../src/ledger/posting-batch/posted-entry';
import type { CurrencyTotal, PostingBatchClosedData } from '../../src/ledger/posting-batch/posting-batch';
import { postingBatchesProjection } from './posting-batches.projection';

/** A closed batch as recorded, with where it sits in its company's chain and when it closed. */
export interface ClosedBatch extends PostingBatchClosedData {
  chainIndex: number;
  closedAt: string;
  globalPosition: string;
}

interface BatchRow {
  batch_id: string;
  company_code: string;
  posting_date: string;
  sequence: number;
  chain_index: number;
  entry_count: number;
  totals: string;
  previous_batch_id: string | null;
  previous_hash: string;
  hash: string;
  closed_at: string;
  event_id: string;
  global_position: string;
}

/** What a close of a company's day is composed from, read in one snapshot of the read models. */
export interface OpenBatch {
  /** The day's next batch number. */
  sequence: number;
  /** Its open entries, oldest first, at most the limit asked. */
  entries: PostedEntry[];
  /** The refused journal entries that hold the company and day back. */
  postingErrors: OpenPostingError[];
}

/** Company days whose batched prefix (`PostingBatchQueries.batchedPrefix`) is kept; one forgotten is read again from the day's first entry. */
const BATCHED_PREFIXES = 1_000;

/** A journal entry's row with its key, to read its lines by. */
type KeyedEntryRow = JournalEntryRow & { entry_key: number };

interface BatchEntryRow {
  entry_id: string;
  kind: string;
  source_type: string;
  source_id: string;
  business_date: string | null;
  hash: string;
}

/**
 * Reads posting batches and the journal entries they hold or have yet to hold. Each read is one
 * snapshot of the read models (the projection thread commits meanwhile); `snapshot` makes several
 * reads one, as the closer needs for what it composes a batch from.
 */
export class PostingBatchQueries {
  /**
   * By company day (and the live tables read, so a rebuild starts afresh): how many of its first
   * entries in the journal's writing order (`day_seq`) batches hold, all of them. Batches are
   * never undone, so what was batched stays batched and the count only grows; a close reads its
   * open entries after it instead of walking every entry of the day (0.8 us each: 160 ms per
   * close at 200,000 entries).
   */
  private readonly batchedPrefixes = new Map<string, number>();

  constructor(private readonly db: ProjectionDatabase) {}

  snapshot<T>(read: () => T): T {
    return this.db.snapshot(read);
  }

  /** The global position of the last event the batches read model applied; null before the first. */
  checkpoint(): string | null {
    return checkpointOf(this.db, postingBatchesProjection.name);
  }

  private get batches() {
    return liveTable(this.db, postingBatchesProjection.name, 'batches');
  }

  private get batchEntries() {
    return liveTable(this.db, postingBatchesProjection.name, 'batch_entries');
  }

  private get journal(): JournalTables {
    return { events: this.journalTable('events'), entries: this.journalTable('entries'), lines: this.journalTable('lines') };
  }

  private journalTable(name: string): string {
    return liveTable(this.db, journalProjection.name, name);
  }

  /** Batches by company code, then chain order; optionally one company and/or one day. */
  list(filter: { companyCode?: string; postingDate?: string } = {}): ClosedBatch[] {
    const params: Record<string, string> = {};
    if (filter.companyCode !== undefined) params.companyCode = filter.companyCode;
    if (filter.postingDate !== undefined) params.postingDate = filter.postingDate;
    const where = Object.keys(params).map((name) => (name === 'companyCode' ? 'company_code = @companyCode' : 'posting_date = @postingDate'));
    return this.snapshot(() => {
      const rows = this.db
        .prepared(`SELECT * FROM ${this.batches} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY company_code, chain_index`)
        .all(params) as BatchRow[];
      const entriesOf = this.batchEntriesOf();
      return rows.map((row) => this.closedBatch(row, entriesOf));
    });
  }

  find(batchId: string): ClosedBatch | undefined {
    return this.snapshot(() => {
      const row = this.db.prepared(`SELECT * FROM ${this.batches} WHERE batch_id = ?`).get(batchId) as BatchRow | undefined;
      return row && this.closedBatch(row, this.batchEntriesOf());
    });
  }

  /** The ids of the company's batches of that day, in chain order. */
  batchIdsOf(companyCode: string, postingDate: string): string[] {
    return this.snapshot(
      () =>
        this.db.prepared(`SELECT batch_id FROM ${this.batches} WHERE company_code = ? AND posting_date = ? ORDER BY chain_index`).pluck().all(companyCode, postingDate) as string[],
    );
  }

  nextSequence(companyCode: string, postingDate: string): number {
    return this.snapshot(() => {
      const row = this.db.prepared(`SELECT MAX(sequence) AS last FROM ${this.batches} WHERE company_code = ? AND posting_date = ?`).get(companyCode, postingDate) as {
        last: number | null;
      };
      return (row.last ?? 0) + 1;
    });
  }

  /**
   * What a close of the company's day is composed from, as of one commit of the read models: the
   * next sequence, the oldest open entries (at most `limit`) and the posting errors holding it back.
   */
  openBatch(companyCode: string, postingDate: string, limit: number): OpenBatch {
    return this.snapshot(() => ({
      sequence: this.nextSequence(companyCode, postingDate),
      entries: this.openEntries(companyCode, postingDate, limit),
      postingErrors: this.postingErrors(companyCode, postingDate),
    }));
  }

  /** Journal entries of the company and day that no batch holds yet, in history's order. */
  openEntries(companyCode: string, postingDate: string, limit?: number): PostedEntry[] {
    return this.snapshot(() => {
      const journal = this.journal;
      const after = this.batchedPrefix(journal, companyCode, postingDate);
      const rows = this.db
        .prepared(
          `SELECT ${ENTRY_COLUMNS}, e.entry_key FROM ${entriesFrom(journal)} WHERE e.company_code = ? AND e.posting_date = ? AND e.day_seq > ?
           AND NOT EXISTS (SELECT 1 FROM ${this.batchEntries} b WHERE b.entry_id = ${ENTRY_ID})
           ${ENTRIES_IN_HISTORY_ORDER} ${limit !== undefined ? 'LIMIT ?' : ''}`,
        )
        .all(...[companyCode, postingDate, after, ...(limit !== undefined ? [limit] : [])]) as KeyedEntryRow[];
      return this.postedEntries(rows);
    });
  }

  /** How many of the day's first entries, in writing order, batches hold: looked for from where the last call left off. */
  private batchedPrefix(journal: JournalTables, companyCode: string, postingDate: string): number {
    const batchEntries = this.batchEntries;
    const key = `${journal.entries} ${batchEntries} ${companyCode} ${postingDate}`;
    const known = this.batchedPrefixes.get(key) ?? 0;
    const firstOpen = this.db
      .prepared<[string, string, number], number>(
        `SELECT e.day_seq FROM ${entriesFrom(journal)} WHERE e.company_code = ? AND e.posting_date = ? AND e.day_seq > ?
         AND NOT EXISTS (SELECT 1 FROM ${batchEntries} b WHERE b.entry_id = ${ENTRY_ID}) ORDER BY e.day_seq LIMIT 1`,
      )
      .pluck()
      .get(companyCode, postingDate, known);
    const prefix =
      firstOpen !== undefined
        ? firstOpen - 1
        : ((this.db
            .prepared(`SELECT entries FROM ${this.journalTable('day_entries')} WHERE company_code = ? AND posting_date = ?`)
            .pluck()
            .get(companyCode, postingDate) as number | undefined) ?? known);
    this.batchedPrefixes.delete(key);
    this.batchedPrefixes.set(key, prefix);
    // The oldest first: days long closed, or tables a rebuild replaced.
    if (this.batchedPrefixes.size > BATCHED_PREFIXES) this.batchedPrefixes.delete(this.batchedPrefixes.keys().next().value!);
    return prefix;
  }

  /**
   * How many of the day's entries no batch holds: the day's entries (the journal's count of them)
   * less those its batches list, so checking a busy day costs as little as a quiet one.
   */
  openCount(companyCode: string, postingDate: string): number {
    return this.snapshot(() => {
      const all = this.db.prepared(`SELECT entries AS n FROM ${this.journalTable('day_entries')} WHERE company_code = ? AND posting_date = ?`).get(companyCode, postingDate) as
        { n: number } | undefined;
      const batched = this.db
        .prepared(`SELECT COALESCE(SUM(entry_count), 0) AS n FROM ${this.batches} WHERE company_code = ? AND posting_date = ?`)
        .get(companyCode, postingDate) as { n: number };
      return (all?.n ?? 0) - batched.n;
    });
  }

  /** Every company and day with journal entries, in code and date order. */
  days(): Array<{ companyCode: string; postingDate: string }> {
    return this.snapshot(
      () =>
        this.db
          .prepared(`SELECT company_code AS companyCode, posting_date AS postingDate FROM ${this.journalTable('day_entries')} ORDER BY company_code, posting_date`)
          .all() as Array<{
          companyCode: string;
          postingDate: string;
        }>,
    );
  }

  /**
   * The companies and days the journal entries of these streams post to, in code and date order:
   * one snapshot with the live tables named once, however many streams (a sweep's streams each
   * took a read transaction and three look-ups of the journal's live generation of their own).
   */
  daysOfStreams(streamIds: Iterable<string>): Array<{ companyCode: string; postingDate: string }> {
    return this.snapshot(() => {
      const ofStream = this.db.prepared(`SELECT DISTINCT e.company_code AS companyCode, e.posting_date AS postingDate FROM ${entriesFrom(this.journal)} WHERE ev.stream_id = ?`);
      const days = new Map<string, { companyCode: string; postingDate: string }>();
      for (const streamId of streamIds) {
        for (const day of ofStream.all(streamId) as Array<{ companyCode: string; postingDate: string }>) days.set(`${day.companyCode} ${day.postingDate}`, day);
      }
      return [...days.values()].sort((a, b) => (a.companyCode === b.companyCode ? compare(a.postingDate, b.postingDate) : compare(a.companyCode, b.companyCode)));
    });
  }

  /** Of these days (every day with entries when not given), those with at least `maxEntries` open entries, as of one snapshot. */
  fullDays(days: ReadonlyArray<{ companyCode: string; postingDate: string }> | undefined, maxEntries: number): Array<{ companyCode: string; postingDate: string }> {
    return this.snapshot(() => (days ?? this.days()).filter(({ companyCode, postingDate }) => this.openCount(companyCode, postingDate) >= maxEntries));
  }

  /**
   * Refused entries that would have joined the company's batch of that day, and those that
   * cannot tell which company or day they belong to (they hold back every batch they may belong to).
   */
  postingErrors(companyCode: string, postingDate: string): OpenPostingError[] {
    return this.snapshot(() => {
      const errors = liveTable(this.db, journalProjection.name, 'posting_errors');
      return this.db
        .prepared(
          `SELECT entry_id AS entryId, company_code AS companyCode, posting_date AS postingDate, message FROM ${errors}
           WHERE (company_code IS NULL OR company_code = ?) AND (posting_date IS NULL OR posting_date = ?)
           ORDER BY CAST(global_position AS INTEGER), entry_id`,
        )
        .all(companyCode, postingDate) as OpenPostingError[];
    });
  }

  /** The journal entries a batch lists, as they are in the journal now (missing ones left out). */
  entriesOf(batch: PostingBatchClosedData): PostedEntry[] {
    return this.snapshot(() => {
      const statement = this.db.prepared<[string, number], KeyedEntryRow>(
        `SELECT ${ENTRY_COLUMNS}, e.entry_key FROM ${entriesFrom(this.journal)} WHERE ${entryById('e.entry_key')}`,
      );
      const entry = (entryId: string) => {
        const params = entryIdParams(entryId);
        return params && statement.get(...params);
      };
      return this.postedEntries(batch.entries.flatMap((ref) => entry(ref.entryId) ?? []));
    });
  }

  private postedEntries(rows: readonly KeyedEntryRow[]): PostedEntry[] {
    const lines = this.db.prepared<[number], JournalLineRow>(`SELECT ${LINE_COLUMNS} FROM ${linesFrom(this.journal)} WHERE l.entry_key = ? ORDER BY l.line_no`);
    return rows.map((row) => postedEntryOf(entryRecordFromRows(row, lines.all(row.entry_key))));
  }

  /** The entry rows of a batch, by batch id. */
  private batchEntriesOf(): (batchId: string) => BatchEntryRow[] {
    const statement = this.db.prepared(`SELECT * FROM ${this.batchEntries} WHERE batch_id = ? ORDER BY position`);
    return (batchId) => statement.all(batchId) as BatchEntryRow[];
  }

  private closedBatch(row: BatchRow, entriesOf: (batchId: string) => BatchEntryRow[]): ClosedBatch {
    const entries = entriesOf(row.batch_id);
    return {
      batchId: row.batch_id,
      companyCode: row.company_code,
      postingDate: row.posting_date,
      sequence: row.sequence,
      entries: entries.map((e) => ({
        entryId: e.entry_id,
        kind: e.kind,
        sourceType: e.source_type,
        sourceId: e.source_id,
        ...(e.business_date !== null && { businessDate: e.business_date }),
        hash: e.hash,
      })),
      totals: JSON.parse(row.totals) as CurrencyTotal[],
      previousBatchId: row.previous_batch_id,
      previousHash: row.previous_hash,
      hash: row.hash,
      chainIndex: row.chain_index,
      closedAt: row.closed_at,
      globalPosition: row.global_position,
    };
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
