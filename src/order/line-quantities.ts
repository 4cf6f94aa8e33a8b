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
  const lineIds = new Set(state.order.lines.map((line) => line.lineId));
  const quantities = new Map<string, number>();
  for (const { lineId, quantity } of requested) {
    if (quantities.has(lineId)) refuse('DUPLICATE_LINE_ID', `the ${what} names line ${lineId} twice`, { lineId });
    if (!lineIds.has(lineId)) refuse('UNKNOWN_LINE', `the order has no line ${lineId}`, { lineId });
    quantities.set(lineId, requireQuantity(quantity, lineId));
  }
  return state.order.lines.flatMap((line, index) => {
    const quantity = quantities.get(line.lineId);
    return quantity === undefined ? [] : [{ line, progress: state.lines[index], quantity }];
  });
}

export const asLineQuantities = (requests: readonly LineRequest[]): LineQuantity[] => requests.map(({ line, quantity }) => ({ lineId: line.lineId, quantity }));
