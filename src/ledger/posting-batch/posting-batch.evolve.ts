import type { PostingBatchEvent } from './posting-batch';

/** The company's last closed batch: what the next one links to. */
export interface ChainHead {
  batchId: string;
  hash: string;
}

/** Null until the company's first batch closes. */
export interface PostingBatchState {
  head: ChainHead | null;
}

export function initialPostingBatchState(): PostingBatchState {
  return { head: null };
}

/**
 * Keeps only the head: each batch names its predecessor, so nothing before the last event
 * matters, and the runtime loads this aggregate from its last event alone.
 */
export function evolvePostingBatch(_state: PostingBatchState, event: PostingBatchEvent): PostingBatchState {
  switch (event.type) {
    case 'PostingBatchClosed':
      return { head: { batchId: event.data.batchId, hash: event.data.hash } };
  }
}
