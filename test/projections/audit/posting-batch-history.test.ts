import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { closedBatch } from '../../../projections/audit/posting-batch-history';
import { EntityNotFoundError } from '../../../src/errors/entity-not-found.error';
import { EventStoreUnavailableError, StreamNotFoundError } from '../../../src/event-store/event-store.errors';
import type { EventStore } from '../../../src/event-store/event-store.port';

/** A store whose every stream read fails with `error`: only readStream is reached by these lookups. */
function storeFailingWith(error: Error): EventStore {
  return { readStream: () => Promise.reject(error) } as unknown as EventStore;
}

describe("reading a closed batch from its company's chain", () => {
  it('answers not found for a company that has no chain', async () => {
    await assert.rejects(closedBatch(storeFailingWith(new StreamNotFoundError('posting-batches-US01')), 'US01-2026-11-28-1'), EntityNotFoundError);
  });

  it('finds the batch in the stream its id names, and answers not found for an id the chain does not hold', async () => {
    const batch = (batchId: string) => ({ type: 'PostingBatchClosed', data: { batchId } });
    const read: string[] = [];
    const store = {
      readStream: (streamId: string) => {
        read.push(streamId);
        return Promise.resolve(streamId === 'posting-batches-DE-01' ? [batch('DE-01-2026-11-28-1'), batch('DE-01-2026-11-28-2')] : []);
      },
    } as unknown as EventStore;
    assert.deepEqual(await closedBatch(store, 'DE-01-2026-11-28-2'), { batchId: 'DE-01-2026-11-28-2' });
    assert.deepEqual(read, ['posting-batches-DE-01'], 'the company code is everything before the date, dashes included');
    await assert.rejects(closedBatch(store, 'DE-01-2026-11-28-3'), EntityNotFoundError);
    await assert.rejects(closedBatch(store, 'not-a-batch-id'), EntityNotFoundError);
  });

  it('passes a store outage on (503), never disguised as an unknown batch (404)', async () => {
    await assert.rejects(closedBatch(storeFailingWith(new EventStoreUnavailableError('the event store is not answering')), 'US01-2026-11-28-1'), EventStoreUnavailableError);
  });
});
