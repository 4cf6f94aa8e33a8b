import { journalProjection } from '../journal/journal.projection';
import { postingBatchesProjection } from '../posting-batches/posting-batches.projection';
import { PostingBatchQueries } from '../posting-batches/posting-batches.queries';
import { checkpointOf, liveTable } from '../runner/live-table';
import type { ProjectionDatabase } from '../runner/projection-database';
import { erpDeliveriesProjection } from './erp-deliveries.projection';

/** One delivery event as a batch's history shows it. */
export interface DeliveryHistoryItem {
  type: string;
  target: string;
  erp: string;
  companyCode: string;
  at: string;
  /** The event's own fields: attempt, generation, requestId, reason, message, retryable, who, why ... */
  details: Record<string, unknown>;
  /** Where it is in history, for an auditor to read it there. */
  event: { eventId: string; streamId: string; revision: number; globalPosition: string };
}

/** An ERP document Ledgerbridge holds for a batch (position 0: the whole batch, D365's journal). */
export interface DeliveredDocument {
  target: string;
  erp: string;
  batchId: string;
  position: number;
  entryId: string | null;
  documentNumber: string;
  internalId: string | null;
  generation: number;
  at: string;
}

interface DocumentRow {
  target: string;
  erp: string;
  batch_id: string;
  position: number;
  entry_id: string | null;
  document_number: string;
  internal_id: string | null;
  generation: number;
  at: string;
}

const documentOf = (row: DocumentRow): DeliveredDocument => ({
  target: row.target,
  erp: row.erp,
  batchId: row.batch_id,
  position: row.position,
  entryId: row.entry_id,
  documentNumber: row.document_number,
  internalId: row.internal_id,
  generation: row.generation,
  at: row.at,
});

/** A journal line of a batch, as reconciliation sums them. */
export interface BatchedLine {
  batchId: string;
  position: number;
  entryId: string;
  postingDate: string;
  role: string;
  side: 'debit' | 'credit';
  amountMinor: number;
  currency: string;
}

/** Reads the delivery log's read model, and the posting batches and journal it refers to; each read one snapshot. */
export class ErpDeliveryQueries {
  private readonly batches: PostingBatchQueries;

  constructor(private readonly db: ProjectionDatabase) {
    this.batches = new PostingBatchQueries(db);
  }

  private table(name: 'events' | 'documents'): string {
    return liveTable(this.db, erpDeliveriesProjection.name, name);
  }

  checkpoint(): string | null {
    return checkpointOf(this.db, erpDeliveriesProjection.name);
  }

  /** Every delivery event of the batch, to every target, in history's order. */
  history(batchId: string): DeliveryHistoryItem[] {
    return this.db.snapshot(() =>
      (
        this.db.db.prepare(`SELECT * FROM ${this.table('events')} WHERE batch_id = ? ORDER BY CAST(global_position AS INTEGER)`).all(batchId) as Array<{
          type: string;
          target: string;
          erp: string;
          company_code: string;
          at: string;
          details: string;
          event_id: string;
          stream_id: string;
          revision: number;
          global_position: string;
        }>
      ).map((row) => ({
        type: row.type,
        target: row.target,
        erp: row.erp,
        companyCode: row.company_code,
        at: row.at,
        details: JSON.parse(row.details) as Record<string, unknown>,
        event: { eventId: row.event_id, streamId: row.stream_id, revision: row.revision, globalPosition: row.global_position },
      })),
    );
  }

  /** Delivery events recorded so far, by target and type (the sends and what came of them): metrics read them when scraped. */
  eventCounts(): Array<{ target: string; erp: string; type: string; count: number }> {
    if (!this.db.liveGeneration(erpDeliveriesProjection.name)) return [];
    return this.db.snapshot(
      () =>
        this.db.db.prepare(`SELECT target, erp, type, COUNT(*) AS count FROM ${this.table('events')} GROUP BY target, erp, type`).all() as Array<{
          target: string;
          erp: string;
          type: string;
          count: number;
        }>,
    );
  }

  documents(batchId: string): DeliveredDocument[] {
    return this.db.snapshot(() =>
      (this.db.db.prepare(`SELECT * FROM ${this.table('documents')} WHERE batch_id = ? ORDER BY target, position`).all(batchId) as DocumentRow[]).map(documentOf),
    );
  }

  /** The documents holding one journal entry: its own (per entry) or its batch's (D365's journal). */
  documentsOfEntry(entryId: string): { batchId: string; position: number; documents: DeliveredDocument[] } | null {
    return this.db.snapshot(() => {
      if (!this.db.liveGeneration(postingBatchesProjection.name)) return null;
      const batched = this.db.db
        .prepare(`SELECT batch_id AS batchId, position FROM ${liveTable(this.db, postingBatchesProjection.name, 'batch_entries')} WHERE entry_id = ?`)
        .get(entryId) as { batchId: string; position: number } | undefined;
      if (!batched) return null;
      const documents = this.db.liveGeneration(erpDeliveriesProjection.name)
        ? (
            this.db.db
              .prepare(`SELECT * FROM ${this.table('documents')} WHERE batch_id = ? AND position IN (0, ?) ORDER BY target`)
              .all(batched.batchId, batched.position) as DocumentRow[]
          ).map(documentOf)
        : [];
      return { ...batched, documents };
    });
  }

  /** The last refusal of the batch at the target: the ERP's message and the entries it named. */
  lastRejection(target: string, batchId: string): Record<string, unknown> | null {
    return this.db.snapshot(() => {
      const row = this.db.db
        .prepare(
          `SELECT details, at FROM ${this.table('events')} WHERE target = ? AND batch_id = ? AND type = 'BatchRejectedByErp' ORDER BY CAST(global_position AS INTEGER) DESC LIMIT 1`,
        )
        .get(target, batchId) as { details: string; at: string } | undefined;
      return row ? { ...(JSON.parse(row.details) as Record<string, unknown>), at: row.at } : null;
    });
  }

  /** The company's batches from a chain index on: how many, and the first one's close. */
  batchesFrom(companyCode: string, chainIndex: number): { count: number; first: { batchId: string; closedAt: string } | null } {
    return this.db.snapshot(() => {
      if (!this.db.liveGeneration(postingBatchesProjection.name)) return { count: 0, first: null };
      const batches = liveTable(this.db, postingBatchesProjection.name, 'batches');
      const { count } = this.db.db.prepare(`SELECT COUNT(*) AS count FROM ${batches} WHERE company_code = ? AND chain_index >= ?`).get(companyCode, chainIndex) as {
        count: number;
      };
      const first = this.db.db
        .prepare(`SELECT batch_id AS batchId, closed_at AS closedAt FROM ${batches} WHERE company_code = ? AND chain_index >= ? ORDER BY chain_index LIMIT 1`)
        .get(companyCode, chainIndex) as { batchId: string; closedAt: string } | undefined;
      return { count, first: first ?? null };
    });
  }

  /** The PostingBatchClosed event that made the batch: its id and position in the log. */
  closeEventOf(batchId: string): { eventId: string; globalPosition: string } | undefined {
    return this.db.snapshot(() => {
      if (!this.db.liveGeneration(postingBatchesProjection.name)) return undefined;
      return this.db.db
        .prepare(`SELECT event_id AS eventId, global_position AS globalPosition FROM ${liveTable(this.db, postingBatchesProjection.name, 'batches')} WHERE batch_id = ?`)
        .get(batchId) as { eventId: string; globalPosition: string } | undefined;
    });
  }

  /** A batch's company, chain index and close, as the posting-batches read model holds it. */
  batch(batchId: string): { companyCode: string; chainIndex: number; closedAt: string } | undefined {
    return this.db.snapshot(() => {
      if (!this.db.liveGeneration(postingBatchesProjection.name)) return undefined;
      return this.db.db
        .prepare(
          `SELECT company_code AS companyCode, chain_index AS chainIndex, closed_at AS closedAt FROM ${liveTable(this.db, postingBatchesProjection.name, 'batches')} WHERE batch_id = ?`,
        )
        .get(batchId) as { companyCode: string; chainIndex: number; closedAt: string } | undefined;
    });
  }

  /**
   * The lines of the company's batches of the days given, with the batch and
   * position of their entry, and the documents the target recorded for those batches: what
   * reconciliation compares with the ERP's books.
   */
  batchedLines(companyCode: string, target: string, from: string, to: string): { lines: BatchedLine[]; documents: DeliveredDocument[]; checkpoint: string | null } {
    return this.db.snapshot(() => {
      if (!this.db.liveGeneration(postingBatchesProjection.name) || !this.db.liveGeneration(journalProjection.name)) return { lines: [], documents: [], checkpoint: null };
      const lines = this.batches
        .list({ companyCode })
        .filter((batch) => batch.postingDate >= from && batch.postingDate <= to)
        .flatMap((batch) => {
          const positions = new Map(batch.entries.map((ref, index) => [ref.entryId, index + 1]));
          return this.batches.entriesOf(batch).flatMap((entry) =>
            entry.lines.map((line) => ({
              batchId: batch.batchId,
              position: positions.get(entry.entryId)!,
              entryId: entry.entryId,
              postingDate: entry.postingDate,
              role: line.role,
              side: line.side,
              amountMinor: line.amountMinor,
              currency: line.currency,
            })),
          );
        });
      const documents = this.db.liveGeneration(erpDeliveriesProjection.name)
        ? (
            this.db.db
              .prepare(`SELECT * FROM ${this.table('documents')} WHERE company_code = ? AND target = ? ORDER BY batch_id, position`)
              .all(companyCode, target) as DocumentRow[]
          ).map(documentOf)
        : [];
      return { lines, documents, checkpoint: this.checkpoint() };
    });
  }
}
