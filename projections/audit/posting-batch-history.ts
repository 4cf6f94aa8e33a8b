import { EntityNotFoundError } from '../../src/errors/entity-not-found.error';
import type { EventStore, RecordedEvent } from '../../src/event-store/event-store.port';
import { POSTING_BATCH_CLOSED, type PostingBatchClosedData, postingBatchStream } from '../../src/ledger/posting-batch/posting-batch';
import { readOrNothing } from './recorded-history';

const PAGE = 1000;

/** Every event of a stream, page by page; none when the stream does not exist. */
export async function wholeStream(store: EventStore, streamId: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (;;) {
    const page = await readOrNothing(store, streamId, events.length, PAGE);
    events.push(...page);
    if (page.length < PAGE) return events;
  }
}

/** Batch events are large (up to ~1 MiB each, BATCH_MAX_ENTRIES entries): read a few at a time. */
const BATCH_PAGE = 8;

/**
 * A company's closed batches in the order they were appended (the chain as history has it),
 * read `page` events at a time, so a chain of years is never in memory at once. A company
 * without a chain is an EntityNotFoundError.
 */
export async function* closedBatches(store: EventStore, companyCode: string, page = BATCH_PAGE): AsyncGenerator<PostingBatchClosedData> {
  const streamId = postingBatchStream(companyCode);
  for (let fromRevision = 0, first = true; ; first = false) {
    const events = await readOrNothing(store, streamId, fromRevision, page);
    if (first && events.length === 0) throw new EntityNotFoundError('posting batch chain', companyCode);
    for (const event of events) if (event.type === POSTING_BATCH_CLOSED) yield event.data as PostingBatchClosedData;
    if (events.length < page) return;
    fromRevision = events[events.length - 1].revision + 1;
  }
}

/** Batch ids are `<companyCode>-<YYYY-MM-DD>-<sequence>`: the company code names the stream to read. */
const BATCH_ID = /^(.+)-\d{4}-\d{2}-\d{2}-\d+$/;

export async function closedBatch(store: EventStore, batchId: string): Promise<PostingBatchClosedData> {
  const companyCode = BATCH_ID.exec(batchId)?.[1];
  try {
    if (companyCode !== undefined) for await (const batch of closedBatches(store, companyCode)) if (batch.batchId === batchId) return batch;
  } catch (error) {
    // A company without a chain holds no such batch; any other failure (a store that is down) is not "not found".
    if (!(error instanceof EntityNotFoundError)) throw error;
  }
  throw new EntityNotFoundError('posting batch', batchId);
}
