import type { PlaceOrder } from './order.commands';

/**
 * README "Limits": how large one order may be, so a request's work and its OrderPlaced stay
 * bounded (the event under 1 MiB, EventStoreDB's append limit). The edge refuses a list over
 * its bound for its length (400, naming the field); the decider holds the same bounds for the
 * orders channels build themselves (POS sales, Shopify orders), which no order DTO validated.
 */
export const MAX_LINES = 500;
export const MAX_TAX_LINES = 2 * MAX_LINES;
export const MAX_DISCOUNTS = 20;
/**
 * A discount lands on the lines it is allocated to, or on every line when the decider spreads
 * it: each such share is one entry of OrderPlaced. 100 discounts spread over 500 lines made a
 * 6.5 MB event.
 */
export const MAX_DISCOUNT_SHARES = 2_000;
export const MAX_SHIPPING_LINES = 20;
export const MAX_TENDERS = 20;

/** The line shares `discounts` land on: each one's allocations, or every line when it has none. */
export function discountShares(lineCount: number, discounts: ReadonlyArray<{ allocations?: readonly unknown[] } | null>): number {
  let shares = 0;
  for (const discount of discounts) {
    const allocations = discount?.allocations;
    shares += Array.isArray(allocations) && allocations.length > 0 ? allocations.length : lineCount;
  }
  return shares;
}

export interface OrderOverLimit {
  what: string;
  count: number;
  max: number;
}

/** The first bound the order breaks, if any: counts only, before any pricing work. */
export function orderOverLimits(order: PlaceOrder): OrderOverLimit | undefined {
  const discounts = order.discounts ?? [];
  const counts: Array<[string, number, number]> = [
    ['lines', order.lines.length, MAX_LINES],
    ['tax lines', order.taxLines?.length ?? 0, MAX_TAX_LINES],
    ['discounts', discounts.length, MAX_DISCOUNTS],
    ['shipping lines', order.shippingLines?.length ?? 0, MAX_SHIPPING_LINES],
    ['tenders', order.tenders?.length ?? 0, MAX_TENDERS],
    ...discounts.map((d): [string, number, number] => [`allocations of ${d.promotionId}`, d.allocations?.length ?? 0, MAX_LINES]),
  ];
  for (const [what, count, max] of counts) if (count > max) return { what, count, max };
  const shares = discountShares(order.lines.length, discounts);
  return shares > MAX_DISCOUNT_SHARES ? { what: 'discount shares (each discount on its allocations, or on every line)', count: shares, max: MAX_DISCOUNT_SHARES } : undefined;
}
