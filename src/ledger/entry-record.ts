import type { JournalEntry, JournalLine } from './posting/journal-entry';

/** One line as the journal stores it: its posting, then its full lineage. */
export interface LineRecord {
  lineId: string;
  lineNo: number;
  role: string;
  side: 'debit' | 'credit';
  amountMinor: number;
  currency: string;
  promotionId: string | null;
  vendorId: string | null;
  reference: string | null;
  streamId: string;
  revision: number;
  eventId: string;
  eventType: string;
  globalPosition: string;
  commandId: string | null;
  correlationId: string | null;
  causationId: string | null;
  channel: string | null;
  sourceRef: string | null;
}

/**
 * A journal entry in exactly the fields the journal records: the one mapping between the posting
 * rules' output and the journal's rows, both ways. The projection writes its rows, and an entry
 * rebuilt from history compares with the recorded one field by field and hashes alike when they
 * agree. Absent optional values are null on both sides.
 */
export interface EntryRecord {
  entryId: string;
  kind: string;
  sourceType: string;
  sourceId: string;
  companyCode: string;
  currency: string;
  postingDate: string;
  /** Only on an entry moved out of a closed fiscal period: its own date (JournalEntry.businessDate). */
  businessDate?: string;
  /** Only on an entry reference data decided: the mappings' version it used (JournalEntry.referenceDataVersion). */
  referenceDataVersion?: number;
  /** Only on an entry of a fact at a store reference data maps (JournalEntry.costCenter, profitCenter). */
  costCenter?: string;
  profitCenter?: string;
  streamId: string;
  revision: number;
  eventId: string;
  globalPosition: string;
  lines: LineRecord[];
}

/** What the journal projection writes for `entry`, as a record. */
export function entryRecordOf(entry: JournalEntry): EntryRecord {
  const { lineage } = entry;
  return {
    entryId: entry.entryId,
    kind: entry.kind,
    sourceType: entry.sourceType,
    sourceId: entry.sourceId,
    companyCode: entry.companyCode,
    currency: entry.currency,
    postingDate: entry.postingDate,
    ...(entry.businessDate !== undefined && { businessDate: entry.businessDate }),
    ...(entry.referenceDataVersion !== undefined && { referenceDataVersion: entry.referenceDataVersion }),
    ...(entry.costCenter !== undefined && { costCenter: entry.costCenter }),
    ...(entry.profitCenter !== undefined && { profitCenter: entry.profitCenter }),
    streamId: lineage.streamId,
    revision: lineage.revision,
    eventId: lineage.eventId,
    globalPosition: lineage.globalPosition,
    lines: entry.lines.map(lineRecordOf),
  };
}

function lineRecordOf(line: JournalLine): LineRecord {
  const { lineage } = line;
  return {
    lineId: line.lineId,
    lineNo: line.lineNo,
    role: line.role,
    side: line.side,
    amountMinor: line.amountMinor,
    currency: line.currency,
    promotionId: line.promotionId ?? null,
    vendorId: line.vendorId ?? null,
    reference: line.reference ?? null,
    streamId: lineage.streamId,
    revision: lineage.revision,
    eventId: lineage.eventId,
    eventType: lineage.eventType,
    globalPosition: lineage.globalPosition,
    commandId: lineage.commandId ?? null,
    correlationId: lineage.correlationId ?? null,
    causationId: lineage.causationId ?? null,
    channel: lineage.channel ?? null,
    sourceRef: lineage.sourceRef ?? null,
  };
}
