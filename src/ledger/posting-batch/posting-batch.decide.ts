import { BusinessRuleRefusal } from '../../runtime/business-rule-refusal';
import { composeBatch } from './compose-batch';
import type { PostingBatchEvent } from './posting-batch';
import type { PostingBatchCommand } from './posting-batch.commands';
import type { PostingBatchState } from './posting-batch.evolve';

/** The refusal a closer answers by reading the read model again once it holds the new head. */
export const CHAIN_HEAD_MOVED = 'CHAIN_HEAD_MOVED';

/**
 * Closes the batch the command read, linked to the chain's head. The entries were read as open
 * against the command's head; once another batch has closed after it, some of them may be in
 * that batch and its sequence taken, so the close is refused (CHAIN_HEAD_MOVED) rather than
 * composed from a stale read: no entry is batched twice. Otherwise composeBatch decides, and its
 * refusals are the close's.
 */
export function decidePostingBatch(command: PostingBatchCommand, state: PostingBatchState): PostingBatchEvent[] {
  const { companyCode, postingDate, sequence, head, entries, postingErrors } = command;
  // The hash covers the batch id, and the previous hash, all the way down.
  if ((state.head?.hash ?? null) !== (head?.hash ?? null)) {
    throw new BusinessRuleRefusal(
      CHAIN_HEAD_MOVED,
      `${companyCode}'s last batch is ${state.head?.batchId ?? 'none'}, not ${head?.batchId ?? 'none'} as read: read the open entries again`,
      { companyCode, postingDate, head: state.head, readAt: head },
    );
  }
  const composed = composeBatch({ companyCode, postingDate, sequence, previous: state.head, entries, postingErrors });
  if (!composed.ok) throw new BusinessRuleRefusal(composed.refusal.code, composed.refusal.message, composed.refusal.details);
  return [{ type: 'PostingBatchClosed', data: composed.batch }];
}
