import type { EventStore, RecordedEvent } from '../../src/event-store/event-store.port';
import { canonicalHash } from '../../src/hashing/canonical-json';
import type { JournalEntry } from '../../src/ledger/posting/journal-entry';
import { type EntryRecord, entryRecordOf } from '../../src/ledger/entry-record';
import { type FirstEventOf, postingsFromHistory } from './entry-sources';
import { type FieldDifference, fieldDifferences } from './field-differences';
import { eventAt } from './recorded-history';

/** An event the rebuild read, named as lineage names it. */
export interface EventUsed {
  role: 'source' | 'context';
  streamId: string;
  revision: number;
  eventId: string;
  type: string;
  globalPosition: string;
}

/** What history implies for one entry, or why it implies nothing. */
export interface EntryFromHistory {
  entry?: JournalEntry;
  /** Set when no entry could be rebuilt: the event is gone, the rules refuse it or post no such entry. */
  problem?: string;
  events: EventUsed[];
}

export interface EntryComparison {
  entryId: string;
  match: boolean;
  /** SHA-256 of the canonical JSON of each record (the fields the journal stores). */
  recordedHash: string;
  rebuiltHash: string | null;
  differences: FieldDifference[];
  problem?: string;
  recorded: EntryRecord;
  rebuilt: EntryRecord | null;
  events: EventUsed[];
}

const used = (role: EventUsed['role'], event: RecordedEvent): EventUsed => ({
  role,
  streamId: event.streamId,
  revision: event.revision,
  eventId: event.eventId,
  type: event.type,
  globalPosition: event.globalPosition.toString(),
});

/**
 * Reads the source event the recorded entry's lineage names (and the context the rules need),
 * runs the pure posting rules again, and picks the entry with the same id.
 */
export async function entryFromHistory(store: EventStore, recorded: Pick<EntryRecord, 'entryId' | 'sourceType' | 'streamId' | 'revision' | 'eventId'>): Promise<EntryFromHistory> {
  const source = await eventAt(store, recorded);
  if (!source) return { problem: `event ${recorded.eventId} is not at ${recorded.streamId}@${recorded.revision} in the event store`, events: [] };
  return entryFromSource(store, recorded, source);
}

/**
 * entryFromHistory for a source event the caller has already read (a batch's streams are read
 * whole, once), with `firstEventOf` to find the context in what it read too.
 */
export async function entryFromSource(
  store: EventStore,
  recorded: Pick<EntryRecord, 'entryId' | 'sourceType'>,
  source: RecordedEvent,
  firstEventOf?: FirstEventOf,
): Promise<EntryFromHistory> {
  const outcome = await postingsFromHistory(store, recorded.sourceType, source, firstEventOf);
  if (typeof outcome === 'string') return { problem: outcome, events: [used('source', source)] };
  const events = [used('source', source), ...outcome.context.map((event) => used('context', event))];
  const posting = outcome.postings.find((p) => (p.ok ? p.entry.entryId : p.error.entryId) === recorded.entryId);
  if (!posting) return { problem: `the posting rules post no entry ${recorded.entryId} for ${source.type} ${source.eventId}`, events };
  if (!posting.ok) return { problem: `the posting rules refuse entry ${recorded.entryId}: ${posting.error.message}`, events };
  return { entry: posting.entry, events };
}

/** Field by field and by hash: the recorded entry against what history implies. */
export function compareEntry(recorded: EntryRecord, fromHistory: EntryFromHistory): EntryComparison {
  const recordedHash = canonicalHash(recorded);
  const rebuilt = fromHistory.entry ? entryRecordOf(fromHistory.entry) : null;
  const rebuiltHash = rebuilt ? canonicalHash(rebuilt) : null;
  return {
    entryId: recorded.entryId,
    match: rebuiltHash === recordedHash,
    recordedHash,
    rebuiltHash,
    differences: rebuilt ? fieldDifferences(recorded, rebuilt) : [],
    ...(fromHistory.problem ? { problem: fromHistory.problem } : {}),
    recorded,
    rebuilt,
    events: fromHistory.events,
  };
}

export async function rebuildEntry(store: EventStore, recorded: EntryRecord): Promise<EntryComparison> {
  return compareEntry(recorded, await entryFromHistory(store, recorded));
}
