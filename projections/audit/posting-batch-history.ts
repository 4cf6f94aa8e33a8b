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

/** A company's closed batches in the order they were appended: the chain as history has it. */
export async function closedBatches(store: EventStore, companyCode: string): Promise<PostingBatchClosedData[]> {
  const events = await wholeStream(store, postingBatchStream(companyCode));
  if (events.length === 0) throw new EntityNotFoundError('posting batch chain', companyCode);
  return events.filter((e) => e.type === POSTING_BATCH_CLOSED).map((e) => e.data as PostingBatchClosedData);
}

/** Batch ids are `<companyCode>-<YYYY-MM-DD>-<sequence>`: the company code names the stream to read. */
const BATCH_ID = /^(.+)-\d{4}-\d{2}-\d{2}-\d+$/;

export async function closedBatch(store: EventStore, batchId: string): Promise<PostingBatchClosedData> {
  const companyCode = BATCH_ID.exec(batchId)?.[1];
  const batch = companyCode === undefined ? undefined : (await closedBatches(store, companyCode).catch(noChain)).find((b) => b.batchId === batchId);
  if (!batch) throw new EntityNotFoundError('posting batch', batchId);
  return batch;
}

/** A company without a chain holds no such batch; any other failure (a store that is down) is not "not found". */
function noChain(error: unknown): PostingBatchClosedData[] {
  if (error instanceof EntityNotFoundError) return [];
  throw error;
}
