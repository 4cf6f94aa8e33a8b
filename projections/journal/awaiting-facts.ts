import type { RecordedEvent } from '../../src/event-store/event-store.port';
import { canonicalJson } from '../../src/hashing/canonical-json';
import type { PostingError } from '../../src/ledger/posting/journal-entry';
import type { Mapping } from '../../src/reference-data/reference-data.events';
import type { ProjectionWriter } from '../runner/projection';
import { AWAITED_MAPPINGS, AWAITING_FACTS } from './journal.tables';

/** A fact held for reference data: the refused entry, the event that posts it, its `events` key if it has one. */
export interface AwaitingFact {
  entryId: string;
  eventKey: number | undefined;
  event: HeldEvent;
}

/** A recorded event as the journal keeps it while it waits: what the posting rules read of it (recordedAt is the store's clock, not the fact's). */
export type HeldEvent = Omit<RecordedEvent, 'recordedAt'>;

/**
 * Keeps a fact whose entry was refused for missing reference data (`error.awaiting` names the
 * mappings that could supply it), so the import of one of them can post it (`factsAwaiting`).
 */
export function holdFact(writer: ProjectionWriter, error: PostingError, event: HeldEvent, eventKey: number | undefined): void {
  const { eventId, type, schemaVersion, streamId, revision, data, metadata } = event;
  const recorded = { eventId, type, schemaVersion, streamId, revision, data, metadata, globalPosition: event.globalPosition.toString() };
  writer.delete(AWAITING_FACTS.name, { entry_id: error.entryId });
  writer.insert(AWAITING_FACTS.name, { entry_id: error.entryId, event_key: eventKey ?? null, event: canonicalJson(recorded) });
  for (const { kind, key } of error.awaiting ?? []) {
    const waiting = waitersOf(writer, kind, key);
    writer.delete(AWAITED_MAPPINGS.name, { kind, key, n: 0 });
    writer.insert(AWAITED_MAPPINGS.name, { kind, key, n: 0, entry_id: String(waiting + 1) });
    writer.insert(AWAITED_MAPPINGS.name, { kind, key, n: waiting + 1, entry_id: error.entryId });
  }
}

/** How many entries wait for the mapping (row 0's count). */
function waitersOf(writer: ProjectionWriter, kind: string, key: string): number {
  const count = writer.find(AWAITED_MAPPINGS.name, { kind, key, n: 0 });
  return count ? Number(count.entry_id) : 0;
}

/**
 * The held facts that `mappings` (one import) could let post, in log order, released from the
 * rows: the caller posts each again and holds again those still refused.
 */
export function factsAwaiting(writer: ProjectionWriter, mappings: readonly Mapping[]): AwaitingFact[] {
  const entryIds = new Set<string>();
  for (const { kind, key } of mappings) {
    const waiting = waitersOf(writer, kind, key);
    for (let n = 0; n <= waiting; n += 1) {
      if (n > 0) entryIds.add(String(writer.find(AWAITED_MAPPINGS.name, { kind, key, n })!.entry_id));
      writer.delete(AWAITED_MAPPINGS.name, { kind, key, n });
    }
  }
  const facts: AwaitingFact[] = [];
  for (const entryId of entryIds) {
    // An entry already posted (by an earlier import, through another of its mappings) is no longer held.
    const row = writer.find(AWAITING_FACTS.name, { entry_id: entryId });
    if (!row) continue;
    writer.delete(AWAITING_FACTS.name, { entry_id: entryId });
    const recorded = JSON.parse(String(row.event)) as Omit<HeldEvent, 'globalPosition'> & { globalPosition: string };
    facts.push({
      entryId,
      eventKey: row.event_key === null ? undefined : Number(row.event_key),
      event: { ...recorded, globalPosition: BigInt(recorded.globalPosition) },
    });
  }
  return facts.sort((a, b) => (a.event.globalPosition < b.event.globalPosition ? -1 : a.event.globalPosition > b.event.globalPosition ? 1 : a.entryId < b.entryId ? -1 : 1));
}
