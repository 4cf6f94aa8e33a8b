import { type OrderContext, orderContextOf, type RecordedOrderEvent } from '../../src/ledger/posting/posting-source';
import type { ProjectionTable, ProjectionWriter } from '../runner/projection';

/**
 * Per order stream, what later events need from OrderPlaced (see OrderContext). Every read model
 * that runs order events through the posting rules keeps this table of its own.
 */
export const ORDER_CONTEXTS: ProjectionTable = {
  name: 'orders',
  columns: {
    stream_id: 'TEXT NOT NULL',
    order_id: 'TEXT NOT NULL',
    company_code: 'TEXT NOT NULL',
    currency: 'TEXT NOT NULL',
    source_ref: 'TEXT NOT NULL',
    /** A pickup order's store (OrderPlaced's fulfillment), for its later facts' cost objects; null otherwise. */
    location_id: 'TEXT',
  },
  primaryKey: ['stream_id'],
};

/**
 * Remembers an OrderPlaced's context, then answers the order context the event is posted with.
 * An order's row never changes once written, so it is read once per transaction: while catching
 * up, a batch holds most of an order's facts, and the look-up per fact was a tenth of the journal's work.
 * Keyed by the order's stream id: no other remembered key starts with `order-`.
 */
export function orderContextFor(writer: ProjectionWriter, event: RecordedOrderEvent): OrderContext | undefined {
  return writer.remember(event.streamId, [], () => (event.type === 'OrderPlaced' ? recordedOrderContext(writer, event) : storedOrderContext(writer, event.streamId)));
}

function recordedOrderContext(writer: ProjectionWriter, event: RecordedOrderEvent & { type: 'OrderPlaced' }): OrderContext {
  const order = orderContextOf(event.data);
  // Posted again (its entry waited for reference data): the order is known already.
  if (writer.find(ORDER_CONTEXTS.name, { stream_id: event.streamId })) return order;
  writer.insert(ORDER_CONTEXTS.name, {
    stream_id: event.streamId,
    order_id: order.orderId,
    company_code: order.companyCode,
    currency: order.currency,
    source_ref: order.sourceRef,
    location_id: order.locationId ?? null,
  });
  return order;
}

function storedOrderContext(writer: ProjectionWriter, streamId: string): OrderContext | undefined {
  const row = writer.find(ORDER_CONTEXTS.name, { stream_id: streamId });
  if (!row) return undefined;
  const order: OrderContext = { orderId: String(row.order_id), companyCode: String(row.company_code), currency: String(row.currency), sourceRef: String(row.source_ref) };
  if (row.location_id !== null) order.locationId = String(row.location_id);
  return order;
}
