import { randomUUID } from 'node:crypto';
import type { NewEvent } from '../../src/event-store/event-store.port';

/** Serialised size the order payloads are padded to. */
const TARGET_DATA_BYTES = 1024;
/**
 * Distinct payloads cycled through by the events. Building 100k separate order objects would
 * put hundreds of MB of fixture on the heap and drown the peak-RSS figure; reusing an object
 * changes nothing for the store, which serialises every event afresh.
 */
const PAYLOAD_POOL = 1000;

const EVENT_TYPE = 'OrderPlaced';

/** An order as the ERP bridge would record it: a few lines, amounts, addresses. */
function orderPayload(seed: number): Record<string, unknown> {
  const lines = Array.from({ length: 4 }, (_, i) => {
    const quantity = 1 + ((seed + i) % 5);
    const unitPriceCents = 499 + ((seed * 7 + i * 131) % 9000);
    return {
      lineNo: i + 1,
      sku: `SKU-${(100000 + seed * 4 + i).toString(36).toUpperCase()}`,
      description: `Article ${seed}-${i}`,
      quantity,
      unitPriceCents,
      amountCents: quantity * unitPriceCents,
      taxRate: '0.20',
    };
  });
  const totalCents = lines.reduce((sum, line) => sum + line.amountCents, 0);
  const order = {
    orderId: randomUUID(),
    customerId: `CUST-${(seed % 5000).toString().padStart(6, '0')}`,
    channel: 'web',
    currency: 'EUR',
    placedAt: new Date(1_700_000_000_000 + seed * 60_000).toISOString(),
    shippingAddress: { street: `${seed % 200} Rue de la Paix`, city: 'Paris', postcode: '75002', country: 'FR' },
    lines,
    totals: { netCents: totalCents, taxCents: Math.round(totalCents * 0.2), grossCents: Math.round(totalCents * 1.2) },
    note: '',
  };
  order.note = 'x'.repeat(Math.max(0, TARGET_DATA_BYTES - JSON.stringify(order).length));
  return order;
}

const payloads = Array.from({ length: PAYLOAD_POOL }, (_, i) => orderPayload(i));

/** Event number `eventNo` of the run, ready to append; only the payload object is shared. */
export function orderEvent(eventNo: number): NewEvent {
  const eventId = randomUUID();
  return {
    eventId,
    type: EVENT_TYPE,
    data: payloads[eventNo % PAYLOAD_POOL],
    metadata: { correlationId: eventId, causationId: eventId, commandId: eventId, channel: 'web', principal: 'bench' },
  };
}
