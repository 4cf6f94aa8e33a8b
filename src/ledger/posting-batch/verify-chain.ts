import { batchHash } from './batch-hash';
import { batchTotals } from './batch-totals';
import { canonicalJson } from '../../hashing/canonical-json';
import { entryHash, type PostedEntry } from './posted-entry';
import { GENESIS_HASH, type PostingBatchClosedData } from './posting-batch';

export type ChainProblemKind = 'batch-hash' | 'link' | 'entry-missing' | 'entry-hash' | 'totals';

/** One thing that does not match, named so an auditor knows where to look. */
export interface ChainProblem {
  batchId: string;
  kind: ChainProblemKind;
  entryId?: string;
  message: string;
}

/** The entry as history (or the journal) has it now, by id; undefined when it is gone. */
export type EntryLookup = (entryId: string) => PostedEntry | undefined;

/**
 * Checks one recorded batch: its hash over its own content, and, given the entries as they are
 * now, each entry's hash and the totals. Link checks need the previous batch: see verifyChain.
 */
export function verifyBatch(batch: PostingBatchClosedData, lookup?: EntryLookup): ChainProblem[] {
  const problems: ChainProblem[] = [];
  const recomputed = batchHash(batch);
  if (recomputed !== batch.hash) {
    problems.push({ batchId: batch.batchId, kind: 'batch-hash', message: `batch ${batch.batchId} records hash ${batch.hash} but its content hashes to ${recomputed}` });
  }
  if (!lookup) return problems;
  const found: PostedEntry[] = [];
  for (const ref of batch.entries) {
    const entry = lookup(ref.entryId);
    if (!entry) {
      problems.push({ batchId: batch.batchId, kind: 'entry-missing', entryId: ref.entryId, message: `batch ${batch.batchId} lists entry ${ref.entryId}, which no longer exists` });
      continue;
    }
    found.push(entry);
    const now = entryHash(entry);
    if (now !== ref.hash) {
      problems.push({
        batchId: batch.batchId,
        kind: 'entry-hash',
        entryId: ref.entryId,
        message: `entry ${ref.entryId} in batch ${batch.batchId} hashes to ${now}, the batch recorded ${ref.hash}`,
      });
    }
  }
  if (found.length === batch.entries.length) {
    const totals = batchTotals(found);
    if (canonicalJson(totals) !== canonicalJson(batch.totals)) {
      problems.push({
        batchId: batch.batchId,
        kind: 'totals',
        message: `batch ${batch.batchId} records totals ${canonicalJson(batch.totals)} but its entries add up to ${canonicalJson(totals)}`,
      });
    }
  }
  return problems;
}

/** A batch as the next one links to it. */
type ChainLink = Pick<PostingBatchClosedData, 'batchId' | 'hash'>;

/** A batch's previousHash / previousBatchId against the batch recorded before it (none: the genesis value). */
function verifyLink(previous: ChainLink | undefined, batch: PostingBatchClosedData): ChainProblem[] {
  const expectedHash = previous?.hash ?? GENESIS_HASH;
  const expectedId = previous?.batchId ?? null;
  if (batch.previousHash === expectedHash && batch.previousBatchId === expectedId) return [];
  return [
    {
      batchId: batch.batchId,
      kind: 'link',
      message: `batch ${batch.batchId} links to ${batch.previousBatchId ?? 'genesis'} (${batch.previousHash}), but the batch before it is ${expectedId ?? 'genesis'} (${expectedHash})`,
    },
  ];
}

/**
 * Verifies a stretch of one company's chain, batches in the order they were appended: every
 * batch as in verifyBatch, and each previousHash / previousBatchId equal to the batch before it;
 * the first to `previous`, the batch recorded right before the stretch (none: the stretch starts
 * the chain, so the genesis value). An empty answer means the stretch is intact.
 */
export function verifyChain(batches: readonly PostingBatchClosedData[], lookup?: EntryLookup, previous?: ChainLink): ChainProblem[] {
  return batches.flatMap((batch, index) => [...verifyLink(index === 0 ? previous : batches[index - 1], batch), ...verifyBatch(batch, lookup)]);
}
