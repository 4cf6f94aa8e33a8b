import type { JourneyOrder } from './order-journey';

/** An event as a stream read gives it (the store port, or GET /orders/:id/events). */
export interface StoredEvent {
  type: string;
  revision: number;
  data: any;
}

/** Event types a finished journey leaves, in order; the types of one group may come in any order. */
export type StreamShape = string[][];

export interface Verification {
  streams: number;
  verified: number;
  /** The first order that failed, and why. */
  firstProblem?: string;
}

/**
 * What is wrong with order `order`'s stream after its journey, or undefined: the expected
 * events at revisions 0..last and no more, each carrying the order's own ids and total.
 * `captureId` is absent where the fulfillment saga names the capture itself.
 */
export function streamProblem(order: JourneyOrder, events: StoredEvent[], shape: StreamShape, captureId?: string): string | undefined {
  const expected = shape.flat();
  if (events.length !== expected.length) return `${events.length} events, expected ${expected.length} (${events.map((e) => e.type).join(', ')})`;
  const badRevision = events.findIndex((event, k) => event.revision !== k);
  if (badRevision >= 0) return `event ${badRevision} is at revision ${events[badRevision].revision}`;
  let k = 0;
  for (const group of shape) {
    const types = events
      .slice(k, k + group.length)
      .map((e) => e.type)
      .sort();
    if (types.join() !== [...group].sort().join()) return `events ${k}..${k + group.length - 1} are ${types.join(', ')}, expected ${group.join(', ')}`;
    k += group.length;
  }
  const total = order.totalMinor;
  for (const { type, data } of events) {
    const wrong =
      (type === 'OrderPlaced' && (data.orderId !== order.orderId || data.totals.totalMinor !== total)) ||
      (type === 'PaymentAuthorized' && (data.authorizationId !== order.authorize.authorizationId || data.amountMinor !== total)) ||
      (type === 'PaymentCaptured' && (data.amountMinor !== total || (captureId !== undefined && data.captureId !== captureId))) ||
      // Every unit shipped: the shipment carries the whole order's amounts.
      (type === 'ShipmentConfirmed' && (data.shipmentId !== order.ship.shipmentId || data.amounts.totals.totalMinor !== total));
    if (wrong) return `${type} does not match the order (total ${total}): ${JSON.stringify(data).slice(0, 200)}`;
  }
  return undefined;
}

/** Checks orders 0..n-1 with `check`, `concurrency` at once. */
export async function verifyStreams(n: number, concurrency: number, check: (i: number) => Promise<string | undefined>): Promise<Verification> {
  const verification: Verification = { streams: n, verified: 0 };
  let next = 0;
  const reader = async () => {
    while (next < n) {
      const i = next++;
      const problem = await check(i).catch((error: unknown) => `read failed: ${String(error)}`);
      if (problem === undefined) verification.verified += 1;
      else verification.firstProblem ??= `order ${i}: ${problem}`;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, reader));
  return verification;
}
