import type { RecordedEvent } from '../../src/event-store/event-store.port';
import { canonicalJson } from '../../src/hashing/canonical-json';
import type { JournalEntry, Posting, PostingError } from '../posting/journal-entry';
import { postGiftCardEvent, type RecordedGiftCardEvent } from '../posting/gift-card-posting.rules';
import { postOrderEvent } from '../posting/order-posting.rules';
import { type OrderContext, orderContextOf, type RecordedOrderEvent } from '../posting/posting-source';
import { postRegisterCloseEvent, type RecordedRegisterCloseEvent } from '../posting/register-close-posting.rules';
import { postSettlementEvent, type RecordedSettlementEvent } from '../posting/settlement-posting.rules';
import type { Projection, ProjectionWriter, Row } from '../runner/projection';
import { ENTRIES, LINES, ORDERS, POSTING_ERRORS } from './journal.tables';

/**
 * Journal entries and lines by account role: every fact of DESIGN.md's posting table through
 * its rules. Streams are told apart by category, the part of the id an aggregate owns.
 */
export const journalProjection: Projection = {
  name: 'journal',
  // 4: posting errors carry the company code and posting date they hold back.
  version: 4,
  tables: [ORDERS, ENTRIES, LINES, POSTING_ERRORS],
  filter: { on: 'streamName', prefixes: ['order-', 'settlement-', 'register-close-', 'gift-card-'] },
  handle(event: RecordedEvent, writer: ProjectionWriter): void {
    for (const posting of postingsOf(event, writer)) record(writer, posting);
  },
};

function postingsOf(event: RecordedEvent, writer: ProjectionWriter): Posting[] {
  if (event.streamId.startsWith('settlement-')) return postSettlementEvent(event as RecordedSettlementEvent);
  if (event.streamId.startsWith('register-close-')) return postRegisterCloseEvent(event as RecordedRegisterCloseEvent);
  if (event.streamId.startsWith('gift-card-')) return postGiftCardEvent(event as RecordedGiftCardEvent);
  const orderEvent = event as RecordedOrderEvent;
  if (orderEvent.type === 'OrderPlaced') {
    const order = orderContextOf(orderEvent.data);
    writer.insert('orders', { stream_id: event.streamId, order_id: order.orderId, company_code: order.companyCode, currency: order.currency, source_ref: order.sourceRef });
  }
  return postOrderEvent(orderEvent, knownOrder(writer, event.streamId));
}

function knownOrder(writer: ProjectionWriter, streamId: string): OrderContext | undefined {
  const row = writer.find('orders', { stream_id: streamId });
  return row && { orderId: String(row.order_id), companyCode: String(row.company_code), currency: String(row.currency), sourceRef: String(row.source_ref) };
}

function record(writer: ProjectionWriter, posting: Posting): void {
  if (posting.ok) writeEntry(writer, posting.entry);
  else writeError(writer, posting.error);
}

function writeEntry(writer: ProjectionWriter, entry: JournalEntry): void {
  const { lineage } = entry;
  writer.insert('entries', {
    entry_id: entry.entryId,
    kind: entry.kind,
    source_type: entry.sourceType,
    source_id: entry.sourceId,
    company_code: entry.companyCode,
    currency: entry.currency,
    posting_date: entry.postingDate,
    stream_id: lineage.streamId,
    revision: lineage.revision,
    event_id: lineage.eventId,
    global_position: lineage.globalPosition,
  });
  for (const line of entry.lines) {
    const row: Row = {
      line_id: line.lineId,
      entry_id: entry.entryId,
      line_no: line.lineNo,
      role: line.role,
      side: line.side,
      amount_minor: line.amountMinor,
      currency: line.currency,
      promotion_id: line.promotionId ?? null,
      vendor_id: line.vendorId ?? null,
      reference: line.reference ?? null,
      stream_id: line.lineage.streamId,
      revision: line.lineage.revision,
      event_id: line.lineage.eventId,
      event_type: line.lineage.eventType,
      global_position: line.lineage.globalPosition,
      command_id: line.lineage.commandId ?? null,
      correlation_id: line.lineage.correlationId ?? null,
      causation_id: line.lineage.causationId ?? null,
      channel: line.lineage.channel ?? null,
      source_ref: line.lineage.sourceRef ?? null,
    };
    writer.insert('lines', row);
  }
}

function writeError(writer: ProjectionWriter, error: PostingError): void {
  writer.insert('posting_errors', {
    entry_id: error.entryId,
    kind: error.kind,
    reason: error.reason,
    company_code: error.companyCode,
    posting_date: error.postingDate,
    message: error.message,
    imbalances: canonicalJson(error.imbalances),
    stream_id: error.lineage.streamId,
    event_id: error.lineage.eventId,
    global_position: error.lineage.globalPosition,
  });
}
