import type { JournalEntry, JournalLine } from '../posting/journal-entry';
import type { Row } from '../runner/projection';

/** One line as the journal stores it: its posting, then its full lineage. */
export interface LineRecord {
  lineId: string;
  lineNo: number;
  role: string;
  side: string;
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
 * A journal entry in exactly the fields the journal records, so an entry rebuilt from history
 * and the recorded one compare field by field and hash alike when they agree. Absent optional
 * values are null on both sides.
 */
export interface EntryRecord {
  entryId: string;
  kind: string;
  sourceType: string;
  sourceId: string;
  companyCode: string;
  currency: string;
  postingDate: string;
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

const text = (value: Row[string]): string => String(value);
const textOrNull = (value: Row[string]): string | null => (value === null || value === undefined ? null : String(value));

/** The recorded entry from its `entries` row and its `lines` rows (in line order). */
export function entryRecordFromRows(entry: Row, lines: readonly Row[]): EntryRecord {
  return {
    entryId: text(entry.entry_id),
    kind: text(entry.kind),
    sourceType: text(entry.source_type),
    sourceId: text(entry.source_id),
    companyCode: text(entry.company_code),
    currency: text(entry.currency),
    postingDate: text(entry.posting_date),
    streamId: text(entry.stream_id),
    revision: Number(entry.revision),
    eventId: text(entry.event_id),
    globalPosition: text(entry.global_position),
    lines: lines.map(lineRecordFromRow),
  };
}

export function lineRecordFromRow(row: Row): LineRecord {
  return {
    lineId: text(row.line_id),
    lineNo: Number(row.line_no),
    role: text(row.role),
    side: text(row.side),
    amountMinor: Number(row.amount_minor),
    currency: text(row.currency),
    promotionId: textOrNull(row.promotion_id),
    vendorId: textOrNull(row.vendor_id),
    reference: textOrNull(row.reference),
    streamId: text(row.stream_id),
    revision: Number(row.revision),
    eventId: text(row.event_id),
    eventType: text(row.event_type),
    globalPosition: text(row.global_position),
    commandId: textOrNull(row.command_id),
    correlationId: textOrNull(row.correlation_id),
    causationId: textOrNull(row.causation_id),
    channel: textOrNull(row.channel),
    sourceRef: textOrNull(row.source_ref),
  };
}
