import { setImmediate as nextTurn } from 'node:timers/promises';
import type { EventStore } from '../../src/event-store/event-store.port';
import type { PostedEntry } from '../../src/ledger/posting-batch/posted-entry';
import type { BatchEntryRef } from '../../src/ledger/posting-batch/posting-batch';
import type { ChainHead } from '../../src/ledger/posting-batch/posting-batch.evolve';
import { type ChainProblem, type EntryLookup, verifyChain } from '../../src/ledger/posting-batch/verify-chain';
import { entriesFromHistory } from './batch-rebuild';
import { closedBatches } from './posting-batch-history';

export interface ChainVerification {
  companyCode: string;
  intact: boolean;
  /** Whether every listed entry was also rebuilt from history and checked against its recorded hash and the totals. */
  withEntries: boolean;
  batchCount: number;
  /** The newest batch: what the next one must link to. */
  head: ChainHead | null;
  /** The earliest batch whose hash or link does not hold; null when intact. */
  firstBroken: ChainProblem | null;
  problems: ChainProblem[];
}

/**
 * Walks a company's chain as history recorded it: each batch's hash over its own content and
 * its link to the batch before it (the first to the genesis hash). `withEntries` also rebuilds
 * every entry the batches list from its source event: a batch can hash correctly over entries
 * that history no longer implies.
 *
 * Batch by batch: the chain is read a page of batches at a time (`batchPage`), and a batch's
 * entries are rebuilt and checked before the next batch is read, so memory follows the largest
 * batch, not the length of the history; and the event loop is let go between batches, so a long
 * chain never holds up the requests that come meanwhile (the embedded store reads synchronously).
 */
export async function verifyCompanyChain(store: EventStore, companyCode: string, options: { withEntries?: boolean; batchPage?: number } = {}): Promise<ChainVerification> {
  const withEntries = options.withEntries ?? false;
  const problems: ChainProblem[] = [];
  let head: ChainHead | null = null;
  let batchCount = 0;
  for await (const batch of closedBatches(store, companyCode, options.batchPage)) {
    const lookup = withEntries ? await historyLookup(store, batch.entries) : undefined;
    problems.push(...verifyChain([batch], lookup, head ?? undefined));
    head = { batchId: batch.batchId, hash: batch.hash };
    batchCount += 1;
    await nextTurn();
  }
  return { companyCode, intact: problems.length === 0, withEntries, batchCount, head, firstBroken: problems[0] ?? null, problems };
}

async function historyLookup(store: EventStore, refs: readonly BatchEntryRef[]): Promise<EntryLookup> {
  const rebuilt = await entriesFromHistory(store, refs);
  const byId = new Map<string, PostedEntry>();
  refs.forEach((ref, i) => {
    const { entry } = rebuilt[i];
    if (entry) byId.set(ref.entryId, entry);
  });
  return (entryId) => byId.get(entryId);
}
