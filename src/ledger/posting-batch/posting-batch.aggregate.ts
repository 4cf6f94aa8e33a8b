import type { AggregateType, Decider } from '../../runtime/decider';
import type { PostingBatchEvent } from './posting-batch';
import type { PostingBatchCommand } from './posting-batch.commands';
import { decidePostingBatch } from './posting-batch.decide';
import { evolvePostingBatch, initialPostingBatchState, type PostingBatchState } from './posting-batch.evolve';

export const postingBatchDecider: Decider<PostingBatchCommand, PostingBatchEvent, PostingBatchState> = {
  initialState: initialPostingBatchState,
  decide: decidePostingBatch,
  evolve: evolvePostingBatch,
};

/**
 * Streams `posting-batches-<companyCode>`: one hash chain per company. Its events are large
 * (up to ~1 MiB) and many over the years, and the state is the last one's batch id and hash,
 * so the actor loads the last event only.
 */
export const postingBatchAggregate: AggregateType<PostingBatchCommand, PostingBatchEvent, PostingBatchState> = {
  category: 'posting-batches',
  decider: postingBatchDecider,
  stateFromLastEvent: true,
};
