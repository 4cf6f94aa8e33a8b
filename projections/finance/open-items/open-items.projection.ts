import type { RecordedEvent } from '../../../src/event-store/event-store.port';
import { postOrderEvent } from '../../posting/order-posting.rules';
import { type OrderContext, orderContextOf, type RecordedOrderEvent } from '../../posting/posting-source';
import type { Projection, ProjectionWriter } from '../../runner/projection';
import { openItemKindOf } from './open-item-kind';
import { OPEN_ITEM_MOVEMENTS, OPEN_ITEM_ORDERS } from './open-items.tables';

/**
 * Open items per order, through the same posting rules as the journal, so an order's open
 * deposit is exactly its `liability.customer-deposits` balance there. Entries the rules refuse
 * move nothing here either: they are the journal's posting errors.
 */
export const openItemsProjection: Projection = {
  name: 'finance_open_items',
  version: 1,
  tables: [OPEN_ITEM_ORDERS, OPEN_ITEM_MOVEMENTS],
  filter: { on: 'streamName', prefixes: ['order-'] },
  handle(event: RecordedEvent, writer: ProjectionWriter): void {
    const orderEvent = event as RecordedOrderEvent;
    if (orderEvent.type === 'OrderPlaced') {
      const order = orderContextOf(orderEvent.data);
      writer.insert('orders', { stream_id: event.streamId, order_id: order.orderId, company_code: order.companyCode, currency: order.currency, source_ref: order.sourceRef });
    }
    for (const posting of postOrderEvent(orderEvent, knownOrder(writer, event.streamId))) {
      if (!posting.ok) continue;
      const { entry } = posting;
      for (const line of entry.lines) {
        const item = openItemKindOf(line.role);
        if (!item) continue;
        writer.insert('movements', {
          line_id: line.lineId,
          item,
          order_id: entry.sourceId,
          company_code: entry.companyCode,
          currency: line.currency,
          amount_minor: line.side === 'credit' ? line.amountMinor : -line.amountMinor,
          posting_date: entry.postingDate,
          global_position: line.lineage.globalPosition,
        });
      }
    }
  },
};

function knownOrder(writer: ProjectionWriter, streamId: string): OrderContext | undefined {
  const row = writer.find('orders', { stream_id: streamId });
  return row && { orderId: String(row.order_id), companyCode: String(row.company_code), currency: String(row.currency), sourceRef: String(row.source_ref) };
}
