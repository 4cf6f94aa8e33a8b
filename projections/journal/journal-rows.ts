import type { EntryRecord, LineRecord } from '../../src/ledger/entry-record';

/** A `lines` row: the line's posting, then its full lineage, so no join is needed to trace it. */
export type JournalLineRow = {
  line_id: string;
  entry_id: string;
  line_no: number;
  role: string;
  side: 'debit' | 'credit';
  amount_minor: number;
  currency: string;
  promotion_id: string | null;
  vendor_id: string | null;
  reference: string | null;
  stream_id: string;
  revision: number;
  event_id: string;
  event_type: string;
  global_position: string;
  command_id: string | null;
  correlation_id: string | null;
  causation_id: string | null;
  channel: string | null;
  source_ref: string | null;
};

/** An `entries` row. */
export type JournalEntryRow = {
  entry_id: string;
  kind: string;
  source_type: string;
  source_id: string;
  company_code: string;
  currency: string;
  posting_date: string;
  stream_id: string;
  revision: number;
  event_id: string;
  global_position: string;
};

/** The `entries` row of a record. */
export function entryRowOf(record: EntryRecord): JournalEntryRow {
  return {
    entry_id: record.entryId,
    kind: record.kind,
    source_type: record.sourceType,
    source_id: record.sourceId,
    company_code: record.companyCode,
    currency: record.currency,
    posting_date: record.postingDate,
    stream_id: record.streamId,
    revision: record.revision,
    event_id: record.eventId,
    global_position: record.globalPosition,
  };
}

/** The `lines` row of one of an entry's lines. */
export function lineRowOf(entryId: string, line: LineRecord): JournalLineRow {
  return {
    line_id: line.lineId,
    entry_id: entryId,
    line_no: line.lineNo,
    role: line.role,
    side: line.side,
    amount_minor: line.amountMinor,
    currency: line.currency,
    promotion_id: line.promotionId,
    vendor_id: line.vendorId,
    reference: line.reference,
    stream_id: line.streamId,
    revision: line.revision,
    event_id: line.eventId,
    event_type: line.eventType,
    global_position: line.globalPosition,
    command_id: line.commandId,
    correlation_id: line.correlationId,
    causation_id: line.causationId,
    channel: line.channel,
    source_ref: line.sourceRef,
  };
}

/** The recorded entry from its `entries` row and its `lines` rows (in line order). */
export function entryRecordFromRows(entry: JournalEntryRow, lines: readonly JournalLineRow[]): EntryRecord {
  return {
    entryId: entry.entry_id,
    kind: entry.kind,
    sourceType: entry.source_type,
    sourceId: entry.source_id,
    companyCode: entry.company_code,
    currency: entry.currency,
    postingDate: entry.posting_date,
    streamId: entry.stream_id,
    revision: entry.revision,
    eventId: entry.event_id,
    globalPosition: entry.global_position,
    lines: lines.map(lineRecordFromRow),
  };
}

export function lineRecordFromRow(row: JournalLineRow): LineRecord {
  return {
    lineId: row.line_id,
    lineNo: row.line_no,
    role: row.role,
    side: row.side,
    amountMinor: row.amount_minor,
    currency: row.currency,
    promotionId: row.promotion_id,
    vendorId: row.vendor_id,
    reference: row.reference,
    streamId: row.stream_id,
    revision: row.revision,
    eventId: row.event_id,
    eventType: row.event_type,
    globalPosition: row.global_position,
    commandId: row.command_id,
    correlationId: row.correlation_id,
    causationId: row.causation_id,
    channel: row.channel,
    sourceRef: row.source_ref,
  };
}
