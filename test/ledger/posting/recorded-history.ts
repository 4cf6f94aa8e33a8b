import type { OrderEvent } from '../../../src/order/order.events';
import type { JournalEntry, Posting } from '../../../src/ledger/posting/journal-entry';
import { postOrderEvent } from '../../../src/ledger/posting/order-posting.rules';
import { type OrderContext, orderContextOf, type Recorded, type RecordedOrderEvent } from '../../../src/ledger/posting/posting-source';

/** Decided events as the store would record them on one stream (an order's by default), without a store. */
export function recorded<E extends { type: string } = OrderEvent>(events: readonly E[], streamId = 'order-o-1001', firstPosition = 1n): Recorded<E>[] {
  return events.map((event, revision) => ({
    ...event,
    eventId: `${streamId}-e${revision}`,
    streamId,
    revision,
    globalPosition: firstPosition + BigInt(revision),
    metadata: { commandId: `${streamId}-c${revision}`, correlationId: `corr-${streamId}` },
  }));
}

/** Runs the posting rules over one order's history, carrying the order context as the journal does. */
export function postHistory(events: readonly RecordedOrderEvent[]): Posting[] {
  let order: OrderContext | undefined;
  return events.flatMap((event) => {
    if (event.type === 'OrderPlaced') order = orderContextOf(event.data);
    return postOrderEvent(event, order);
  });
}

export function entriesOf(postings: readonly Posting[]): JournalEntry[] {
  return postings.map((p) => (p.ok ? p.entry : assertNever(p.error.message)));
}

function assertNever(message: string): never {
  throw new Error(`expected only balanced entries, got: ${message}`);
}
