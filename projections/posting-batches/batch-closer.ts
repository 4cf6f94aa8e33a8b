import type { EventMetadata, GlobalPosition } from '../../src/event-store/event-store.port';
import { AggregateCommands, type CommandsOf } from '../../src/edge/aggregate-commands';
import { ConcurrencyRetriesExhaustedError } from '../../src/runtime/aggregate-actor';
import { BusinessRuleRefusal } from '../../src/runtime/business-rule-refusal';
import type { CommandDispatcher } from '../../src/runtime/command-dispatcher';
import { batchIdOf, postingBatchStream, type PostingBatchClosedData } from '../../src/ledger/posting-batch/posting-batch';
import { postingBatchAggregate } from '../../src/ledger/posting-batch/posting-batch.aggregate';
import { type ClosePostingBatch, closeCommandId } from '../../src/ledger/posting-batch/posting-batch.commands';
import { CHAIN_HEAD_MOVED } from '../../src/ledger/posting-batch/posting-batch.decide';
import type { OpenBatch } from './posting-batches.queries';

/**
 * What the closer reads in the read models, each answer one snapshot of them: PostingBatchQueries
 * on a connection of this thread, or, in the service, the projection thread's (ProjectionHost.closeReads),
 * so what a close of BATCH_MAX_ENTRIES entries reads and builds never holds the request loop.
 */
export interface BatchCloserReads {
  openBatch(companyCode: string, postingDate: string, limit: number): OpenBatch | Promise<OpenBatch>;
  openCount(companyCode: string, postingDate: string): number | Promise<number>;
  batchIdsOf(companyCode: string, postingDate: string): string[] | Promise<string[]>;
  days(): Day[] | Promise<Day[]>;
}

/** A company's posting day: what a batch holds entries of. */
export type Day = { companyCode: string; postingDate: string };

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
   * until then its live tables are the previous version's (or behind the log). A journal halted
   * at another company's event holds all it will for `companyCode`; halted at this company's,
   * it refuses (ProjectionHaltedError, PROJECTION_HALTED).
   */
  journalReady?(companyCode: string): Promise<void>;
  /** Closes refused because another closer moved the chain first, before giving up; each retry re-reads what is open. */
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
 * Closes posting batches: reads what is open in the read model (through `reads`; in the service
 * on the projection thread, so this thread keeps only the actor's part) and sends it, with the
 * chain head it was read against, to the company's posting-batch actor (load, decide, append with
 * the expected revision), so two closers (threads, processes, nodes) can never fork a company's
 * chain. A close refused because the head moved is read again once the read model holds the
 * new head, so no entry is batched twice.
 */
export class BatchCloser {
  /** Closes of one company run one after another here; other closers are kept out by the actor and the revision. */
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly batches: CommandsOf<typeof postingBatchAggregate>;

  constructor(
    dispatcher: CommandDispatcher,
    private readonly reads: BatchCloserReads,
    private readonly options: BatchCloserOptions,
  ) {
    this.batches = new AggregateCommands(dispatcher, postingBatchAggregate);
  }

  /**
   * Closes the company's open entries of that day (at most `limit` and maxEntries, oldest first). Refusals
   * (BusinessRuleRefusal): NOTHING_TO_CLOSE, BATCH_ALREADY_CLOSED, POSTING_ERRORS_OPEN,
   * BATCH_UNBALANCED, ENTRY_NOT_IN_SCOPE; nothing is appended then.
   */
  close(companyCode: string, postingDate: string, options: { limit?: number; metadata?: EventMetadata } = {}): Promise<PostingBatchClosedData> {
    const previous = this.queues.get(companyCode) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.closeNow(companyCode, postingDate, options));
    this.queues.set(companyCode, next);
    void next
      .finally(() => {
        if (this.queues.get(companyCode) === next) this.queues.delete(companyCode);
      })
      .catch(() => undefined);
    return next;
  }

  /**
   * Closes, among `days` (default: every company and day with entries), those holding at least
   * maxEntries open entries, maxEntries at a time, oldest first.
   */
  async closeFullBatches(days?: readonly Day[]): Promise<{ closed: PostingBatchClosedData[]; skipped: SkippedClose[] }> {
    const closed: PostingBatchClosedData[] = [];
    const skipped: SkippedClose[] = [];
    const { maxEntries } = this.options;
    for (const { companyCode, postingDate } of days ?? (await this.reads.days())) {
      try {
        while ((await this.reads.openCount(companyCode, postingDate)) >= maxEntries) {
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
    await this.options.journalReady?.(companyCode);
    for (let attempt = 0; ; attempt += 1) {
      // The head as the chain stream has it: once the read model holds that batch, what it calls open is.
      const { state, position } = await this.batches.current(companyCode);
      if (position !== undefined) await this.options.batchesReached(position);
      // One snapshot: the sequence, the open entries and the posting errors as of one commit of the read models.
      const open = await this.reads.openBatch(companyCode, postingDate, Math.min(limit ?? this.options.maxEntries, this.options.maxEntries));
      const command: ClosePostingBatch = {
        kind: 'ClosePostingBatch',
        companyCode,
        postingDate,
        sequence: open.sequence,
        head: state.head,
        entries: open.entries,
        postingErrors: open.postingErrors,
      };
      try {
        const outcome = await this.batches.send(
          companyCode,
          command,
          { commandId: closeCommandId(command), metadata: metadata ?? {} },
          { batchId: batchIdOf(companyCode, postingDate, command.sequence) },
        );
        await this.options.batchesReached(outcome.position!);
        return outcome.events[0].data as PostingBatchClosedData;
      } catch (error) {
        if (!(error instanceof BusinessRuleRefusal)) throw error;
        if (error.code !== CHAIN_HEAD_MOVED) throw await this.refusal(companyCode, postingDate, error);
        if (attempt >= retries) throw new ConcurrencyRetriesExhaustedError(postingBatchStream(companyCode), attempt + 1);
      }
    }
  }

  /** Closing a day again names the batches that already hold it, rather than just "nothing". */
  private async refusal(companyCode: string, postingDate: string, refusal: BusinessRuleRefusal): Promise<BusinessRuleRefusal> {
    if (refusal.code === 'NOTHING_TO_CLOSE') {
      const batchIds = await this.reads.batchIdsOf(companyCode, postingDate);
      if (batchIds.length > 0) {
        return new BusinessRuleRefusal('BATCH_ALREADY_CLOSED', `${companyCode} ${postingDate} has no open entries: already closed in ${batchIds.join(', ')}`, {
          ...refusal.details,
          batchIds,
        });
      }
    }
    return refusal;
  }
}
