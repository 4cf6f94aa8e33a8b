import type { EventStore } from '../event-store/event-store.port';
import { type ChainProblem, verifyChain } from '../../projections/posting-batches/verify-chain';
import { closedBatches } from './posting-batch-history';

export interface ChainVerification {
  companyCode: string;
  intact: boolean;
  batchCount: number;
  /** The newest batch: what the next one must link to. */
  head: { batchId: string; hash: string } | null;
  /** The earliest batch whose hash or link does not hold; null when intact. */
  firstBroken: ChainProblem | null;
  problems: ChainProblem[];
}

/**
 * Walks a company's chain as history recorded it: each batch's hash over its own content and
 * its link to the batch before it (the first to the genesis hash).
 */
export async function verifyCompanyChain(store: EventStore, companyCode: string): Promise<ChainVerification> {
  const batches = await closedBatches(store, companyCode);
  const problems = verifyChain(batches);
  const last = batches.at(-1);
  return {
    companyCode,
    intact: problems.length === 0,
    batchCount: batches.length,
    head: last ? { batchId: last.batchId, hash: last.hash } : null,
    firstBroken: problems[0] ?? null,
    problems,
  };
}
