import type { LineQuantity } from './order.commands';
import type { PricedLine } from './order.events';
import type { LineProgress, PlacedOrderState } from './order.state';
import { refuse, requireQuantity } from './order-refusals';

export interface LineRequest {
  line: PricedLine;
  progress: LineProgress;
  quantity: number;
}

/**
 * Checks a per-line quantity list (shipment, return, reservation) against the order and
 * returns it in the order's line order, so the same request always yields the same event.
 */
export function lineRequests(state: PlacedOrderState, requested: readonly LineQuantity[], what: string): LineRequest[] {
  if (requested.length === 0) refuse('NO_LINES', `a ${what} needs at least one line`);
  const seen = new Set<string>();
  for (const { lineId, quantity } of requested) {
    if (seen.has(lineId)) refuse('DUPLICATE_LINE_ID', `the ${what} names line ${lineId} twice`, { lineId });
    seen.add(lineId);
    if (!state.order.lines.some((line) => line.lineId === lineId)) refuse('UNKNOWN_LINE', `the order has no line ${lineId}`, { lineId });
    requireQuantity(quantity, lineId);
  }
  return state.order.lines.flatMap((line, index) =>
    requested.filter((r) => r.lineId === line.lineId).map((r) => ({ line, progress: state.lines[index], quantity: r.quantity })),
  );
}

export const asLineQuantities = (requests: readonly LineRequest[]): LineQuantity[] =>
  requests.map(({ line, quantity }) => ({ lineId: line.lineId, quantity }));
