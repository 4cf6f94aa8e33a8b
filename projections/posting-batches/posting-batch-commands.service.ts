import { Inject, Injectable } from '@nestjs/common';
import type { ChartOfAccounts } from '../../src/ledger/chart-of-accounts/chart-of-accounts';
import { UnmappedAccountError } from '../../src/ledger/chart-of-accounts/chart-of-accounts';
import { type ClosedBatch, PostingBatchQueries } from './posting-batches.queries';
import { verifyBatch } from '../../src/ledger/posting-batch/verify-chain';
import type { CommandContext } from '../../src/edge/command-context';
import type { ExportDocument, ExportFormat } from '../../src/erp/batch-export';
import { CHART_OF_ACCOUNTS } from '../../src/config/chart-of-accounts/chart-of-accounts.module';
import { exportBatch } from '../../src/erp/export-batch';
import { EntityNotFoundError } from '../../src/errors/entity-not-found.error';
import { BusinessRuleRefusal } from '../../src/runtime/business-rule-refusal';
import { BatchCloser } from './batch-closer';
import { type BatchDetailView, type BatchView, batchDetailView, batchView } from './posting-batch.views';

/** What the HTTP and gRPC edges of posting batches do, once for both. */
@Injectable()
export class PostingBatchCommands {
  constructor(
    @Inject(BatchCloser) private readonly closer: BatchCloser,
    @Inject(PostingBatchQueries) private readonly queries: PostingBatchQueries,
    @Inject(CHART_OF_ACCOUNTS) private readonly chart: ChartOfAccounts,
  ) {}

  async close(companyCode: string, postingDate: string, context: CommandContext): Promise<BatchView> {
    const closed = await this.closer.close(companyCode, postingDate, { metadata: context.metadata });
    return batchView(this.batch(closed.batchId));
  }

  /** With the log position the list reflects, read in the same snapshot as the batches. */
  list(filter: { companyCode?: string; postingDate?: string }): { checkpoint: string | null; batches: BatchView[] } {
    return this.queries.snapshot(() => ({ checkpoint: this.queries.checkpoint(), batches: this.queries.list(filter).map(batchView) }));
  }

  get(batchId: string): BatchDetailView {
    const batch = this.batch(batchId);
    return batchDetailView(batch, this.queries.entriesOf(batch));
  }

  /**
   * The batch in an ERP's format, built from the journal's entries only after they are checked
   * against the hashes the batch recorded: a changed entry is never exported under a closed batch.
   */
  export(batchId: string, format: ExportFormat): ExportDocument {
    const batch = this.batch(batchId);
    const entries = this.queries.entriesOf(batch);
    const byId = new Map(entries.map((e) => [e.entryId, e]));
    const problems = verifyBatch(batch, (id) => byId.get(id));
    if (problems.length > 0) {
      throw new BusinessRuleRefusal('BATCH_INTEGRITY_FAILED', `batch ${batchId} no longer matches its journal entries: ${problems[0].message}`, { problems });
    }
    try {
      return exportBatch(format, { batch, entries: batch.entries.map((ref) => byId.get(ref.entryId)!), chart: this.chart });
    } catch (error) {
      if (!(error instanceof UnmappedAccountError)) throw error;
      throw new BusinessRuleRefusal('ACCOUNT_NOT_MAPPED', error.message, {
        file: error.file,
        companyCode: error.companyCode,
        erp: error.erp,
        ...(error.role ? { role: error.role } : {}),
      });
    }
  }

  private batch(batchId: string): ClosedBatch {
    const batch = this.queries.find(batchId);
    if (!batch) throw new EntityNotFoundError('posting batch', batchId);
    return batch;
  }
}
