import type { PostedEntry } from '../../src/ledger/posting-batch/posted-entry';
import type { CurrencyTotal } from '../../src/ledger/posting-batch/posting-batch';
import type { ClosedBatch } from './posting-batches.queries';

/** A closed batch as finance lists it. */
export interface BatchView {
  batchId: string;
  companyCode: string;
  postingDate: string;
  sequence: number;
  /** Its place in the company's chain (0 for the first batch). */
  chainIndex: number;
  closedAt: string;
  entryCount: number;
  totals: CurrencyTotal[];
  previousBatchId: string | null;
  previousHash: string;
  hash: string;
}

/** One batch with its entries in batch order, each with the hash the batch recorded and its lines. */
export interface BatchDetailView extends BatchView {
  entries: Array<Omit<PostedEntry, 'event'> & { hash: string; event: PostedEntry['event'] }>;
}

export function batchView(batch: ClosedBatch): BatchView {
  return {
    batchId: batch.batchId,
    companyCode: batch.companyCode,
    postingDate: batch.postingDate,
    sequence: batch.sequence,
    chainIndex: batch.chainIndex,
    closedAt: batch.closedAt,
    entryCount: batch.entries.length,
    totals: batch.totals,
    previousBatchId: batch.previousBatchId,
    previousHash: batch.previousHash,
    hash: batch.hash,
  };
}

export function batchDetailView(batch: ClosedBatch, entries: readonly PostedEntry[]): BatchDetailView {
  const byId = new Map(entries.map((e) => [e.entryId, e]));
  return {
    ...batchView(batch),
    entries: batch.entries.flatMap((ref) => {
      const entry = byId.get(ref.entryId);
      return entry ? [{ ...entry, hash: ref.hash }] : [];
    }),
  };
}
