import type { BatchRef } from '../../src/erp/delivery/delivery-plan';
import type { DeliverableBatch, DeliverableBatches } from '../../src/erp/delivery/delivery-runner';
import type { ChartOfAccounts } from '../../src/ledger/chart-of-accounts/chart-of-accounts';
import { verifyBatch } from '../../src/ledger/posting-batch/verify-chain';
import { liveTable } from '../runner/live-table';
import type { ProjectionDatabase } from '../runner/projection-database';
import { postingBatchesProjection } from '../posting-batches/posting-batches.projection';
import { PostingBatchQueries } from '../posting-batches/posting-batches.queries';

/**
 * Closed batches as the delivery runner sends them, read from the posting-batches and journal
 * read models: a batch goes out only once its entries match the hashes it recorded (as its export
 * does), never a changed entry under a closed batch's name.
 */
export class ReadModelBatches implements DeliverableBatches {
  private readonly queries: PostingBatchQueries;

  constructor(
    private readonly db: ProjectionDatabase,
    private readonly chart: ChartOfAccounts,
  ) {
    this.queries = new PostingBatchQueries(db);
  }

  from(companyCode: string, from: number, limit: number): BatchRef[] {
    if (!this.db.liveGeneration(postingBatchesProjection.name)) return [];
    return this.db.snapshot(
      () =>
        this.db.db
          .prepare(
            `SELECT batch_id AS batchId, chain_index AS chainIndex FROM ${liveTable(this.db, postingBatchesProjection.name, 'batches')} WHERE company_code = ? AND chain_index >= ? ORDER BY chain_index LIMIT ?`,
          )
          .all(companyCode, from, limit) as BatchRef[],
    );
  }

  load(batchId: string): DeliverableBatch {
    return this.db.snapshot((): DeliverableBatch => {
      const batch = this.queries.find(batchId);
      if (!batch) return { ok: false, reason: 'not-ready', message: `batch ${batchId} is not in the posting-batches read model yet` };
      const entries = this.queries.entriesOf(batch);
      // The journal may still be catching up (a read model rebuilt from scratch): wait for it rather than refuse.
      if (entries.length < batch.entries.length)
        return { ok: false, reason: 'not-ready', message: `the journal holds ${entries.length} of batch ${batchId}'s ${batch.entries.length} entries yet` };
      const byId = new Map(entries.map((entry) => [entry.entryId, entry]));
      const problems = verifyBatch(batch, (id) => byId.get(id));
      if (problems.length > 0)
        return { ok: false, reason: 'integrity-failed', message: `batch ${batchId} no longer matches its journal entries: ${problems.map((p) => p.message).join('; ')}` };
      return { ok: true, input: { batch, entries: batch.entries.map((ref) => byId.get(ref.entryId)!), chart: this.chart } };
    });
  }
}
