import { StreamNotFoundError, WrongExpectedRevisionError } from '../../src/event-store/event-store.errors';
import type { EventMetadata, EventStore, GlobalPosition, RecordedEvent } from '../../src/event-store/event-store.port';
import { eventIdFor } from '../../src/runtime/event-ids';
import { BusinessRuleRefusal } from '../../src/runtime/business-rule-refusal';
import { composeBatch } from '../../src/ledger/posting-batch/compose-batch';
import { POSTING_BATCH_CLOSED, postingBatchStream, type PostingBatchClosedData } from '../../src/ledger/posting-batch/posting-batch';
import type { PostingBatchQueries } from './posting-batches.queries';

export interface BatchCloserOptions {
  /**
   * A company and day close on their own once this many entries are open, and no batch holds
   * more: a PostingBatchClosed is one append, and EventStoreDB refuses appends over 1 MiB.
   */
  maxEntries: number;
  /** Resolves once the posting-batches read model has applied the event at this position. */
  batchesReached(position: GlobalPosition): Promise<void>;
  /**
   * Resolves once the journal holds every event it reads as of now, a version rebuild included:
   * until then its live tables are the previous version's (or behind the log).
   */
  journalReady?(): Promise<void>;
  /** Appends lost to another closer before giving up; each retry re-reads what is open. */
  conflictRetries?: number;
}

/** Why a size-triggered close of a full company and day did not happen. */
export interface SkippedClose {
  companyCode: string;
  postingDate: string;
  code: string;
  message: string;
}

/**
 * Closes posting batches by appending PostingBatchClosed to `posting-batches-<companyCode>`
 * with the revision it read, so two closers (threads, processes, nodes) can never fork a
 * company's chain: the loser re-reads what is still open and tries again. Before composing it
 * waits until the read model holds the company's last batch, so no entry is batched twice.
 */
export class BatchCloser {
  /** Closes of one company run one after another here; other closers are kept out by the revision. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: EventStore,
    private readonly queries: PostingBatchQueries,
    private readonly options: BatchCloserOptions,
  ) {}

  /**
   * Closes the company's open entries of that day (at most `limit` and maxEntries, oldest first). Refusals
   * (BusinessRuleRefusal): NOTHING_TO_CLOSE, BATCH_ALREADY_CLOSED, POSTING_ERRORS_OPEN,
   * BATCH_UNBALANCED, ENTRY_NOT_IN_SCOPE; nothing is appended then.
   */
  close(companyCode: string, postingDate: string, options: { limit?: number; metadata?: EventMetadata } = {}): Promise<PostingBatchClosedData> {
    const previous = this.queues.get(companyCode) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.closeNow(companyCode, postingDate, options));
    this.queues.set(companyCode, next);
    void next.finally(() => {
      if (this.queues.get(companyCode) === next) this.queues.delete(companyCode);
    }).catch(() => undefined);
    return next;
  }

  /**
   * Closes, among `days` (default: every company and day with entries), those holding at least
   * maxEntries open entries, maxEntries at a time, oldest first.
   */
  async closeFullBatches(days?: ReadonlyArray<{ companyCode: string; postingDate: string }>): Promise<{ closed: PostingBatchClosedData[]; skipped: SkippedClose[] }> {
    const closed: PostingBatchClosedData[] = [];
    const skipped: SkippedClose[] = [];
    const { maxEntries } = this.options;
    for (const { companyCode, postingDate } of days ?? this.queries.days()) {
      try {
        while (this.queries.openCount(companyCode, postingDate) >= maxEntries) {
          closed.push(await this.close(companyCode, postingDate, { limit: maxEntries, metadata: { principal: 'batch-size-trigger' } }));
        }
      } catch (error) {
        if (!(error instanceof BusinessRuleRefusal)) throw error;
        skipped.push({ companyCode, postingDate, code: error.code, message: error.message });
      }
    }
    return { closed, skipped };
  }

  private async closeNow(companyCode: string, postingDate: string, { limit, metadata }: { limit?: number; metadata?: EventMetadata }): Promise<PostingBatchClosedData> {
    const retries = this.options.conflictRetries ?? 5;
    await this.options.journalReady?.();
    for (let attempt = 0; ; attempt += 1) {
      const head = await this.lastClosed(companyCode);
      if (head) await this.options.batchesReached(head.globalPosition);
      const previous = head ? (head.data as PostingBatchClosedData) : null;
      const composed = composeBatch({
        companyCode,
        postingDate,
        sequence: this.queries.nextSequence(companyCode, postingDate),
        previous: previous && { batchId: previous.batchId, hash: previous.hash },
        entries: this.queries.openEntries(companyCode, postingDate, Math.min(limit ?? this.options.maxEntries, this.options.maxEntries)),
        postingErrors: this.queries.postingErrors(companyCode, postingDate),
      });
      if (!composed.ok) throw this.refusal(companyCode, postingDate, composed.refusal);
      const { batch } = composed;
      try {
        const appended = await this.store.appendToStream(
          postingBatchStream(companyCode),
          // Derived from the content: the same batch composed twice is one event, a different one conflicts.
          [{ eventId: eventIdFor(`posting-batch/${batch.hash}`, 0), type: POSTING_BATCH_CLOSED, data: batch, metadata: { ...metadata, batchId: batch.batchId } }],
          { expectedRevision: head ? head.revision : 'no_stream' },
        );
        await this.options.batchesReached(appended.position);
        return batch;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= retries) throw error;
      }
    }
  }

  private async lastClosed(companyCode: string): Promise<RecordedEvent | undefined> {
    try {
      const [head] = await this.store.readStream(postingBatchStream(companyCode), { direction: 'backwards', maxCount: 1 });
      return head;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
  }

  /** Closing a day again names the batches that already hold it, rather than just "nothing". */
  private refusal(companyCode: string, postingDate: string, refusal: { code: string; message: string; details: Record<string, unknown> }): BusinessRuleRefusal {
    if (refusal.code === 'NOTHING_TO_CLOSE') {
      const batchIds = this.queries.batchIdsOf(companyCode, postingDate);
      if (batchIds.length > 0) {
        return new BusinessRuleRefusal('BATCH_ALREADY_CLOSED', `${companyCode} ${postingDate} has no open entries: already closed in ${batchIds.join(', ')}`, { ...refusal.details, batchIds });
      }
    }
    return new BusinessRuleRefusal(refusal.code, refusal.message, refusal.details);
  }
}
