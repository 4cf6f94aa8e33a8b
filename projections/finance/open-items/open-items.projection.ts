import type { RecordedEvent } from '../../../src/event-store/event-store.port';
import { postOrderEvent } from '../../../src/ledger/posting/order-posting.rules';
import { ORDER_CONTEXTS, orderContextFor } from '../../journal/order-contexts';
import type { RecordedOrderEvent } from '../../../src/ledger/posting/posting-source';
import type { Projection, ProjectionWriter } from '../../runner/projection';
import { openItemKindOf } from './open-item-kind';
import { OPEN_ITEM_MOVEMENTS } from './open-items.tables';

/**
 * Open items per order, through the same posting rules as the journal, so an order's open
 * deposit is exactly its `liability.customer-deposits` balance there. Entries the rules refuse
 * move nothing here either: they are the journal's posting errors.
 */
export const openItemsProjection: Projection = {
  name: 'finance_open_items',
  // 2: its order rows keep a pickup order's store (orders.location_id, shared with the journal).
  version: 2,
  tables: [ORDER_CONTEXTS, OPEN_ITEM_MOVEMENTS],
  filter: { on: 'streamName', prefixes: ['order-'] },
  handle(event: RecordedEvent, writer: ProjectionWriter): void {
    const orderEvent = event as RecordedOrderEvent;
    for (const posting of postOrderEvent(orderEvent, orderContextFor(writer, orderEvent))) {
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
