import { canonicalHash } from '../../hashing/canonical-json';
import type { PostingBatchClosedData, UnhashedBatch } from './posting-batch';

/** The batch's own hash, over every field but `hash`: entries, totals and the link to the previous batch. */
export function batchHash(batch: UnhashedBatch | PostingBatchClosedData): string {
  const { batchId, companyCode, postingDate, sequence, entries, totals, previousBatchId, previousHash } = batch;
  return canonicalHash({ batchId, companyCode, postingDate, sequence, entries, totals, previousBatchId, previousHash });
}
