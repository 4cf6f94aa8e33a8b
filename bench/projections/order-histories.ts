import type { NewEvent } from '../../src/event-store/event-store.port';
import type { OrderCommand, PlaceOrder } from '../../src/order/order.commands';
import { decideOrder } from '../../src/order/order.decide';
import type { OrderEvent } from '../../src/order/order.events';
import { evolveOrder } from '../../src/order/order.evolve';
import { initialOrderState, type OrderState } from '../../src/order/order.state';
import { eventIdFor } from '../../src/runtime/event-ids';

/** One command's events, appended together as the service's actor would append them. */
export interface OrderAppend {
  streamId: string;
  events: NewEvent[];
}

/** mulberry32: a seeded generator, so every run appends the same log. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SKUS = ['TEE-RED-M', 'HOODIE-GRY-L', 'SOCKS-BLK', 'CAP-NAVY', 'JACKET-OLV-M', 'SCARF-WOOL'];

/**
 * Realistic order histories decided by the real order decider: 1-4 lines, a retailer discount
 * across the order on most, a vendor-funded one on some lines, 8% tax, shipping; authorized and
 * captured; shipped in one or two parts (or picked up in store); about four in ten partly
 * returned and refunded. Each command's events are one append, ids derived as the runtime does.
 */
function orderHistory(orderNo: number, random: () => number): OrderAppend[] {
  const pick = (n: number) => Math.floor(random() * n);
  const orderId = `bench-${orderNo}`;
  const streamId = `order-${orderId}`;
  const day = `2026-11-${21 + pick(8)}`;
  const at = (hour: number) => `${day}T${String(hour).padStart(2, '0')}:00:00Z`;
  const pickup = random() < 0.1;
  const lines = Array.from({ length: 1 + pick(4) }, (_, i) => ({
    lineId: `L${i + 1}`,
    sku: SKUS[pick(SKUS.length)],
    quantity: 1 + pick(3),
    unitPriceMinor: 500 + pick(12_000),
  }));
  const gross = lines.reduce((sum, line) => sum + line.quantity * line.unitPriceMinor, 0);
  const discounts: NonNullable<PlaceOrder['discounts']> = [];
  if (random() < 0.7) discounts.push({ promotionId: 'promo-save10', code: 'SAVE10', funding: 'retailer', amountMinor: Math.floor(gross / 10) });
  if (random() < 0.3) {
    const line = lines[pick(lines.length)];
    const amountMinor = Math.min(500, Math.floor(line.unitPriceMinor / 2));
    discounts.push({ promotionId: 'promo-vend5', code: 'VEND5', funding: { vendorId: 'acme' }, amountMinor, allocations: [{ lineId: line.lineId, amountMinor }] });
  }
  const place: PlaceOrder = {
    kind: 'PlaceOrder',
    orderId,
    channel: 'web',
    placedAt: at(8),
    companyCode: random() < 0.8 ? 'US01' : 'US02',
    currency: 'USD',
    fulfillment: pickup ? { type: 'pickup', locationId: 'store-12' } : { type: 'ship' },
    lines,
    discounts,
    taxLines: lines.map((line) => ({ lineId: line.lineId, rate: '8%' })),
    shippingLines: pickup ? [] : [{ code: 'STANDARD', amountMinor: 599 }],
    sourceRef: `payload://web/${orderId}`,
  };

  const appends: OrderAppend[] = [];
  let state: OrderState = initialOrderState();
  let commandNo = 0;
  const decide = (command: OrderCommand): OrderEvent[] => {
    const events = decideOrder(command, state);
    state = events.reduce(evolveOrder, state);
    const commandId = `${orderId}/c${commandNo++}`;
    appends.push({
      streamId,
      events: events.map((event, i) => ({
        eventId: eventIdFor(commandId, i),
        type: event.type,
        data: event.data,
        metadata: { correlationId: `corr-${orderId}`, commandId, channel: 'web', principal: 'bench' },
      })),
    });
    return events;
  };

  const [placed] = decide(place);
  const total = placed.type === 'OrderPlaced' ? placed.data.totals.totalMinor : 0;
  decide({ kind: 'AuthorizePayment', authorizationId: 'auth-1', amountMinor: total, currency: 'USD', at: at(8) });
  decide({ kind: 'ReserveInventory', locationId: pickup ? 'store-12' : 'dc-east', lines: lines.map(({ lineId, quantity }) => ({ lineId, quantity })), at: at(9) });
  decide({ kind: 'CapturePayment', captureId: 'cap-1', amountMinor: total, currency: 'USD', at: at(10) });
  if (pickup) {
    decide({ kind: 'ConfirmPickup', pickupId: 'pick-1', at: at(12) });
  } else if (lines.length > 1 && random() < 0.5) {
    // A split shipment: the first line goes first, the rest later.
    decide({ kind: 'ConfirmShipment', shipmentId: 's-1', lines: [{ lineId: lines[0].lineId, quantity: lines[0].quantity }], shippedAt: at(12) });
    decide({ kind: 'ConfirmShipment', shipmentId: 's-2', lines: lines.slice(1).map(({ lineId, quantity }) => ({ lineId, quantity })), shippedAt: at(15) });
  } else {
    decide({ kind: 'ConfirmShipment', shipmentId: 's-1', lines: lines.map(({ lineId, quantity }) => ({ lineId, quantity })), shippedAt: at(12) });
  }
  if (random() < 0.4) {
    const line = lines[pick(lines.length)];
    decide({ kind: 'RequestReturn', returnId: 'r-1', lines: [{ lineId: line.lineId, quantity: 1 }], at: at(18) });
    const [received] = decide({ kind: 'ReceiveReturn', returnId: 'r-1', at: at(20) });
    const owed = received.type === 'ReturnReceived' ? received.data.amounts.totals.totalMinor : 0;
    decide({ kind: 'IssueRefund', refundId: 'ref-1', amountMinor: owed, currency: 'USD', at: at(21), returnId: 'r-1' });
  }
  return appends;
}

/**
 * Order histories one at a time, so a 200k-event log never sits on the heap as fixtures. Order
 * n is always built from the n-th draw of one seeded sequence: the same orders every run.
 */
export function orderSource(seed = 42): () => OrderAppend[] {
  const random = seeded(seed);
  let orderNo = 0;
  return () => orderHistory(++orderNo, random);
}
