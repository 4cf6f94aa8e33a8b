import type { RecordedEvent } from '../../event-store/event-store.port';
import type { OrderEvent, OrderPlacedData } from '../../order/order.events';
import { isCalendarDate } from '../../time/calendar-date';
import { utcDayOf } from '../../time/instant';
import type { EntryHeader, EntryKind, Lineage } from './journal-entry';

/** A fact as recorded: the event plus where it sits in history. */
export type Recorded<E extends { type: string }> = E & Pick<RecordedEvent, 'eventId' | 'streamId' | 'revision' | 'globalPosition' | 'metadata'>;

export type RecordedOrderEvent = Recorded<OrderEvent>;

/**
 * What later order events need from OrderPlaced: payments and refunds do not repeat the
 * company code or the channel payload, so the journal remembers them per order stream.
 */
export interface OrderContext {
  orderId: string;
  companyCode: string;
  currency: string;
  sourceRef: string;
  /** The store of a pickup order (a register sale, say): its entries carry the store's cost objects once locations are governed. */
  locationId?: string;
}

export function orderContextOf(placed: OrderPlacedData): OrderContext {
  const order: OrderContext = { orderId: placed.orderId, companyCode: placed.companyCode, currency: placed.currency, sourceRef: placed.sourceRef };
  // Read defensively: the rules post hand-built and older OrderPlaced facts that carry no fulfillment.
  const fulfillment = placed.fulfillment as OrderPlacedData['fulfillment'] | undefined;
  if (fulfillment?.type === 'pickup') order.locationId = fulfillment.locationId;
  return order;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** `source` carries the channel payload reference: the order's, or the fact's own. */
export function lineageOf(event: Recorded<{ type: string }>, source: { sourceRef?: string } | undefined): Lineage {
  const { metadata } = event;
  const lineage: Lineage = {
    streamId: event.streamId,
    revision: event.revision,
    eventId: event.eventId,
    eventType: event.type,
    globalPosition: event.globalPosition.toString(),
  };
  // Absent fields are left out rather than set to undefined, so rows and hashes stay canonical.
  // Set one by one: building and filtering an object of them cost 3% of the journal's catch-up.
  const commandId = text(metadata.commandId);
  if (commandId !== undefined) lineage.commandId = commandId;
  const correlationId = text(metadata.correlationId);
  if (correlationId !== undefined) lineage.correlationId = correlationId;
  const causationId = text(metadata.causationId);
  if (causationId !== undefined) lineage.causationId = causationId;
  const channel = text(metadata.channel);
  if (channel !== undefined) lineage.channel = channel;
  if (source?.sourceRef !== undefined) lineage.sourceRef = source.sourceRef;
  return lineage;
}

/**
 * The posting day of a business time carried by the event: a calendar date as it is, a
 * timestamp's UTC day, by the same instant rule the edges and deciders apply.
 */
export function postingDateOf(businessTime: string): string {
  return isCalendarDate(businessTime) ? businessTime : utcDayOf(businessTime);
}

export function entryHeader(event: RecordedOrderEvent, order: OrderContext, kind: EntryKind, at: string, currency = order.currency): EntryHeader {
  return { kind, sourceType: 'order', sourceId: order.orderId, companyCode: order.companyCode, currency, postingDate: postingDateOf(at), lineage: lineageOf(event, order) };
}
