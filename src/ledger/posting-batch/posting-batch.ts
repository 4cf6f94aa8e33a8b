/** The event that closes a batch, on the company's stream `posting-batches-<companyCode>`. */
export const POSTING_BATCH_CLOSED = 'PostingBatchClosed';

/** previousHash of a company's first batch. */
export const GENESIS_HASH = '0'.repeat(64);

export const POSTING_BATCH_STREAM_PREFIX = 'posting-batches-';

export function postingBatchStream(companyCode: string): string {
  return `${POSTING_BATCH_STREAM_PREFIX}${companyCode}`;
}

/** `<companyCode>-<postingDate>-<sequence>`: the n-th batch of that company and day. */
export function batchIdOf(companyCode: string, postingDate: string, sequence: number): string {
  return `${companyCode}-${postingDate}-${sequence}`;
}

/** One entry as the batch lists it, with the hash of its canonical JSON (see PostedEntry). */
export interface BatchEntryRef {
  entryId: string;
  kind: string;
  sourceType: string;
  sourceId: string;
  /** Only for an entry moved out of a closed fiscal period: the business date it kept (PostedEntry.businessDate). */
  businessDate?: string;
  hash: string;
}

/** Per currency, in code order. A closed batch always has debitMinor === creditMinor. */
export interface CurrencyTotal {
  currency: string;
  debitMinor: number;
  creditMinor: number;
  lineCount: number;
}

export interface PostingBatchClosedData {
  batchId: string;
  companyCode: string;
  postingDate: string;
  /** 1 for the day's first batch of this company. */
  sequence: number;
  /** Entries in history's order (source event position, then entry id). */
  entries: BatchEntryRef[];
  totals: CurrencyTotal[];
  /** The company's previous batch, null for its first. */
  previousBatchId: string | null;
  /** That batch's hash, or GENESIS_HASH. */
  previousHash: string;
  /** SHA-256 of the canonical JSON of every field above (everything but `hash`). */
  hash: string;
}

export type UnhashedBatch = Omit<PostingBatchClosedData, 'hash'>;

/** The one event of a company's chain stream, as the posting-batch decider decides it. */
export interface PostingBatchClosed {
  type: typeof POSTING_BATCH_CLOSED;
  data: PostingBatchClosedData;
}

export type PostingBatchEvent = PostingBatchClosed;
