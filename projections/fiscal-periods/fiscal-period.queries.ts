import type { UnbatchedEntry } from '../../src/ledger/fiscal-calendar/fiscal-calendar.commands';
import type { FiscalCalendarDefinition } from '../../src/ledger/fiscal-calendar/fiscal-periods';
import { erpDeliveriesProjection } from '../erp-delivery/erp-deliveries.projection';
import { ENTRIES_IN_HISTORY_ORDER, ENTRY_ID, entriesFrom, type JournalTables } from '../journal/journal-rows';
import { journalProjection } from '../journal/journal.projection';
import { postingBatchesProjection } from '../posting-batches/posting-batches.projection';
import { checkpointOf, liveTable } from '../runner/live-table';
import type { ProjectionDatabase } from '../runner/projection-database';

/** A closed batch of the period and, per ERP target, where its delivery stands. */
export interface PeriodBatch {
  batchId: string;
  postingDate: string;
  /** The target's last delivery event for the batch (BatchSentToErp, BatchRejectedByErp ...), or `not-sent`. */
  deliveries: Array<{ target: string; status: string }>;
}

/** The delivery events that settle a batch at a target. */
const SETTLED = ['BatchAcknowledgedByErp', 'BatchSkipped'];

/**
 * What closing a period asks the read models, in one snapshot each: the journal's entries of the
 * period that no posting batch holds, its batches and their deliveries, and a company's calendar
 * as the journal holds it (for period filters).
 */
export class FiscalPeriodQueries {
  constructor(private readonly db: ProjectionDatabase) {}

  private get journal(): JournalTables {
    const table = (name: string) => liveTable(this.db, journalProjection.name, name);
    return { events: table('events'), entries: table('entries'), lines: table('lines') };
  }

  /** The position of the last event the journal applied (null before its first). */
  journalCheckpoint(): string | null {
    return checkpointOf(this.db, journalProjection.name);
  }

  /** The company's entries posted in [start, end] that no batch holds: counted, and the first `limit` in history's order. */
  unbatchedEntries(companyCode: string, start: string, end: string, limit: number): { count: number; entries: UnbatchedEntry[] } {
    return this.db.snapshot(() => {
      const batchEntries = liveTable(this.db, postingBatchesProjection.name, 'batch_entries');
      const where = `e.company_code = @companyCode AND e.posting_date BETWEEN @start AND @end AND NOT EXISTS (SELECT 1 FROM ${batchEntries} b WHERE b.entry_id = ${ENTRY_ID})`;
      const params = { companyCode, start, end };
      const { n } = this.db.db.prepare(`SELECT COUNT(*) AS n FROM ${entriesFrom(this.journal)} WHERE ${where}`).get(params) as { n: number };
      const rows = this.db.db
        .prepare(
          `SELECT ${ENTRY_ID} AS entry_id, e.posting_date, e.source_type, e.source_id
           FROM ${entriesFrom(this.journal)} WHERE ${where} ${ENTRIES_IN_HISTORY_ORDER} LIMIT @limit`,
        )
        .all({ ...params, limit }) as Array<{ entry_id: string; posting_date: string; source_type: string; source_id: string }>;
      const entries: UnbatchedEntry[] = rows.map((row) => ({ entryId: row.entry_id, postingDate: row.posting_date, sourceType: row.source_type, sourceId: row.source_id }));
      return { count: n, entries };
    });
  }

  /**
   * The company's batches posted in [start, end] that some of `targets` has not acknowledged (or
   * skipped), with each target's last delivery event for them. Without targets nothing is delivered,
   * so nothing waits for an acknowledgement.
   */
  batchesNotAcknowledged(companyCode: string, start: string, end: string, targets: readonly string[]): PeriodBatch[] {
    if (targets.length === 0) return [];
    return this.db.snapshot(() => {
      const batches = this.db.db
        .prepare(
          `SELECT batch_id AS batchId, posting_date AS postingDate FROM ${liveTable(this.db, postingBatchesProjection.name, 'batches')} WHERE company_code = ? AND posting_date BETWEEN ? AND ? ORDER BY chain_index`,
        )
        .all(companyCode, start, end) as Array<{ batchId: string; postingDate: string }>;
      const delivered = this.db.db
        .prepare(
          `SELECT type FROM ${liveTable(this.db, erpDeliveriesProjection.name, 'events')} WHERE batch_id = ? AND target = ? ORDER BY CAST(global_position AS INTEGER) DESC LIMIT 1`,
        )
        .pluck();
      return batches.flatMap((batch) => {
        const deliveries = targets.map((target) => ({ target, status: (delivered.get(batch.batchId, target) as string | undefined) ?? 'not-sent' }));
        return deliveries.every((d) => SETTLED.includes(d.status)) ? [] : [{ ...batch, deliveries }];
      });
    });
  }

  /** The company's calendar as the journal placed entries by it; undefined before it is defined (or projected). */
  calendarOf(companyCode: string): FiscalCalendarDefinition | undefined {
    return this.db.snapshot(() => {
      const row = this.db.db
        .prepare(`SELECT pattern, year_start FROM ${liveTable(this.db, journalProjection.name, 'fiscal_calendars')} WHERE company_code = ?`)
        .get(companyCode) as { pattern: string; year_start: string | null } | undefined;
      if (!row) return undefined;
      return row.pattern === '4-4-5' ? { pattern: '4-4-5', yearStart: row.year_start! } : { pattern: 'calendar-months' };
    });
  }
}
