import type { EventStore, RecordedEvent } from '../../src/event-store/event-store.port';
import { composeBatch } from '../../src/ledger/posting-batch/compose-batch';
import { entryRecordOf } from '../../src/ledger/entry-record';
import { entryHash, type PostedEntry, postedEntryOf } from '../../src/ledger/posting-batch/posted-entry';
import type { BatchEntryRef, CurrencyTotal, PostingBatchClosedData } from '../../src/ledger/posting-batch/posting-batch';
import { entryFromSource } from './entry-rebuild';
import { type FieldDifference, fieldDifferences } from './field-differences';
import { wholeStream } from './posting-batch-history';

export interface BatchEntryCheck {
  entryId: string;
  match: boolean;
  recordedHash: string;
  /** null when history yields no such entry. */
  rebuiltHash: string | null;
  problem?: string;
}

export interface BatchComparison {
  batchId: string;
  companyCode: string;
  postingDate: string;
  match: boolean;
  recordedHash: string;
  /** null when the rebuilt entries cannot form a batch (say they no longer balance). */
  rebuiltHash: string | null;
  recordedTotals: CurrencyTotal[];
  rebuiltTotals: CurrencyTotal[];
  entries: BatchEntryCheck[];
  /** The recorded PostingBatchClosed against the one the rebuilt entries compose to. */
  differences: FieldDifference[];
  problem?: string;
}

/**
 * The stream an entry's source lives in: every source type is its aggregate's stream category
 * (`order-<id>`, `settlement-<provider>/<payout>` ...), and an entry id begins with its event id.
 */
async function sourceEvent(store: EventStore, ref: BatchEntryRef, streams: Map<string, Promise<RecordedEvent[]>>): Promise<RecordedEvent | undefined> {
  const streamId = `${ref.sourceType}-${ref.sourceId}`;
  if (!streams.has(streamId)) streams.set(streamId, wholeStream(store, streamId));
  const eventId = ref.entryId.split('/')[0];
  return (await streams.get(streamId)!).find((e) => e.eventId === eventId);
}

export interface PostedFromHistory {
  entry?: PostedEntry;
  problem?: string;
}

/** The entries batches list, each rebuilt from its source event; streams shared by several entries are read once. */
export function entriesFromHistory(store: EventStore, refs: readonly BatchEntryRef[]): Promise<PostedFromHistory[]> {
  const streams = new Map<string, Promise<RecordedEvent[]>>();
  return Promise.all(refs.map((ref) => rebuiltEntry(store, ref, streams)));
}

async function rebuiltEntry(store: EventStore, ref: BatchEntryRef, streams: Map<string, Promise<RecordedEvent[]>>): Promise<PostedFromHistory> {
  const source = await sourceEvent(store, ref, streams);
  if (!source) return { problem: `no event ${ref.entryId.split('/')[0]} in ${ref.sourceType}-${ref.sourceId}` };
  // The order's OrderPlaced is the first event of the stream already read for the source.
  const fromHistory = await entryFromSource(store, ref, source, async (streamId) => (await (streams.get(streamId) ?? wholeStream(store, streamId)))[0]);
  return fromHistory.entry ? { entry: postedEntryOf(entryRecordOf(fromHistory.entry)) } : { problem: fromHistory.problem };
}

/**
 * Rebuilds every entry a closed batch lists from history, composes the batch again with the
 * batches' own pure function (same company, day, sequence and link), and compares: each
 * entry's hash, the totals, and the batch hash.
 */
export async function rebuildBatch(store: EventStore, recorded: PostingBatchClosedData): Promise<BatchComparison> {
  const rebuilt = await entriesFromHistory(store, recorded.entries);
  const entries = recorded.entries.map((ref, i): BatchEntryCheck => {
    const { entry, problem } = rebuilt[i];
    const rebuiltHash = entry ? entryHash(entry) : null;
    return { entryId: ref.entryId, match: rebuiltHash === ref.hash, recordedHash: ref.hash, rebuiltHash, ...(problem ? { problem } : {}) };
  });
  const composed = composeBatch({
    companyCode: recorded.companyCode,
    postingDate: recorded.postingDate,
    sequence: recorded.sequence,
    previous: recorded.previousBatchId === null ? null : { batchId: recorded.previousBatchId, hash: recorded.previousHash },
    entries: rebuilt.flatMap((r) => (r.entry ? [r.entry] : [])),
    postingErrors: [],
  });
  const base = {
    batchId: recorded.batchId,
    companyCode: recorded.companyCode,
    postingDate: recorded.postingDate,
    recordedHash: recorded.hash,
    recordedTotals: recorded.totals,
    entries,
  };
  if (!composed.ok) {
    return { ...base, match: false, rebuiltHash: null, rebuiltTotals: [], differences: [], problem: `the rebuilt entries do not form a batch: ${composed.refusal.message}` };
  }
  const differences = fieldDifferences(recorded, composed.batch);
  return { ...base, match: differences.length === 0, rebuiltHash: composed.batch.hash, rebuiltTotals: composed.batch.totals, differences };
}
