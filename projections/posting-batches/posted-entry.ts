import { canonicalHash } from '../../src/hashing/canonical-json';
import type { JournalEntry, Side } from '../posting/journal-entry';

/** A journal line as it is posted: what the ERP books, without the lineage every line repeats. */
export interface PostedLine {
  lineId: string;
  lineNo: number;
  role: string;
  side: Side;
  amountMinor: number;
  currency: string;
  promotionId?: string;
  vendorId?: string;
  reference?: string;
}

/**
 * A journal entry as a batch commits to it, and what its hash is taken over. Built the same way
 * from the posting rules' output (an auditor rebuilding from history) and from the journal's rows
 * (the closer), so both hash alike. The event reference binds the entry to its place in history.
 */
export interface PostedEntry {
  entryId: string;
  kind: string;
  sourceType: string;
  sourceId: string;
  companyCode: string;
  currency: string;
  postingDate: string;
  event: { streamId: string; revision: number; eventId: string; globalPosition: string };
  lines: PostedLine[];
}

export function postedEntryOf(entry: JournalEntry): PostedEntry {
  const { lineage } = entry;
  return {
    entryId: entry.entryId,
    kind: entry.kind,
    sourceType: entry.sourceType,
    sourceId: entry.sourceId,
    companyCode: entry.companyCode,
    currency: entry.currency,
    postingDate: entry.postingDate,
    event: { streamId: lineage.streamId, revision: lineage.revision, eventId: lineage.eventId, globalPosition: lineage.globalPosition },
    lines: [...entry.lines]
      .sort((a, b) => a.lineNo - b.lineNo)
      .map((line) => ({
        lineId: line.lineId,
        lineNo: line.lineNo,
        role: line.role,
        side: line.side,
        amountMinor: line.amountMinor,
        currency: line.currency,
        // Absent, not undefined: canonical JSON drops undefined anyway, but rows compare cleaner.
        ...(line.promotionId !== undefined ? { promotionId: line.promotionId } : {}),
        ...(line.vendorId !== undefined ? { vendorId: line.vendorId } : {}),
        ...(line.reference !== undefined ? { reference: line.reference } : {}),
      })),
  };
}

/** SHA-256 of the entry's canonical JSON: what a batch records per entry. */
export function entryHash(entry: PostedEntry): string {
  return canonicalHash(entry);
}

/** History's order: by global position of the source event, then entry id. */
export function compareEntries(a: PostedEntry, b: PostedEntry): number {
  const pa = BigInt(a.event.globalPosition);
  const pb = BigInt(b.event.globalPosition);
  if (pa !== pb) return pa < pb ? -1 : 1;
  return a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0;
}
