import { canonicalHash } from '../../hashing/canonical-json';
import type { OpenPostingError } from './compose-batch';
import type { PostedEntry } from './posted-entry';
import type { ChainHead } from './posting-batch.evolve';

/**
 * Close the company's next batch of a day from what the closer read in the read model. Only
 * the chain stream knows its head for sure, so the command names the head the read model held
 * when the rest was read, and the decider checks it against the stream's.
 */
export interface ClosePostingBatch {
  kind: 'ClosePostingBatch';
  companyCode: string;
  postingDate: string;
  /** The day's next batch number, as the read model counts the day's batches. */
  sequence: number;
  /** The company's last batch as the read model held it; null before its first. */
  head: ChainHead | null;
  /** The open entries to close (oldest first, at most BATCH_MAX_ENTRIES). */
  entries: PostedEntry[];
  /** The refused journal entries that hold this company and day back. */
  postingErrors: OpenPostingError[];
}

export type PostingBatchCommand = ClosePostingBatch;

/**
 * The command id of a close, from its content: the same entries after the same head are the
 * same batch, so a close repeated (a retry, two closers reading alike) is one command, answered
 * once and appended under one event id. Entry ids suffice: a posted journal entry never changes.
 */
export function closeCommandId(command: ClosePostingBatch): string {
  const { companyCode, postingDate, sequence, head, entries } = command;
  const entryIds = entries.map((e) => e.entryId).sort();
  return `posting-batch/${canonicalHash({ companyCode, postingDate, sequence, previousHash: head?.hash ?? null, entryIds })}`;
}
