import { canonicalHash } from '../../hashing/canonical-json';
import type { EntryRecord } from '../entry-record';
import type { Side } from '../posting/journal-entry';

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
 * A journal entry as a batch commits to it, and what its hash is taken over. Built from the
 * journal's record of the entry, which the closer reads from rows and an auditor rebuilds from
 * history (entryRecordOf), so both hash alike. The event reference binds the entry to its place
 * in history.
 */
export interface PostedEntry {
  entryId: string;
  kind: string;
  sourceType: string;
  sourceId: string;
  companyCode: string;
  currency: string;
  postingDate: string;
  /**
   * Only on an entry moved out of a closed fiscal period: the business date it kept. Absent
   * otherwise, so the hashes of entries and batches recorded before periods existed still hold.
   */
  businessDate?: string;
  /** Only on an entry reference data decided: the mappings' version it used (absent otherwise, like businessDate). */
  referenceDataVersion?: number;
  /** Only on an entry of a fact at a store reference data maps: the store's cost objects, which the ERP exports carry. */
  costCenter?: string;
  profitCenter?: string;
  event: { streamId: string; revision: number; eventId: string; globalPosition: string };
  lines: PostedLine[];
}

export function postedEntryOf(record: EntryRecord): PostedEntry {
  return {
    entryId: record.entryId,
    kind: record.kind,
    sourceType: record.sourceType,
    sourceId: record.sourceId,
    companyCode: record.companyCode,
    currency: record.currency,
    postingDate: record.postingDate,
    ...(record.businessDate !== undefined && { businessDate: record.businessDate }),
    ...(record.referenceDataVersion !== undefined && { referenceDataVersion: record.referenceDataVersion }),
    ...(record.costCenter !== undefined && { costCenter: record.costCenter }),
    ...(record.profitCenter !== undefined && { profitCenter: record.profitCenter }),
    event: { streamId: record.streamId, revision: record.revision, eventId: record.eventId, globalPosition: record.globalPosition },
    lines: [...record.lines]
      .sort((a, b) => a.lineNo - b.lineNo)
      .map((line) => ({
        lineId: line.lineId,
        lineNo: line.lineNo,
        role: line.role,
        side: line.side,
        amountMinor: line.amountMinor,
        currency: line.currency,
        // Absent rather than null: the hash recorded in every closed batch is over this shape.
        ...(line.promotionId !== null ? { promotionId: line.promotionId } : {}),
        ...(line.vendorId !== null ? { vendorId: line.vendorId } : {}),
        ...(line.reference !== null ? { reference: line.reference } : {}),
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
