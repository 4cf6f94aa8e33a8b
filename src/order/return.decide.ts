import { asLineQuantities, lineRequests } from './line-quantities';
import type { ReceiveReturn, RequestReturn } from './order.commands';
import type { ReturnReceived, ReturnRequested } from './order.events';
import type { PlacedOrderState } from './order.state';
import { refuse } from './order-refusals';
import { linePart, postingAmounts } from './unit-shares';

export function requestReturn(command: RequestReturn, state: PlacedOrderState): ReturnRequested {
  const { returnId } = command;
  if (state.returns.some((r) => r.returnId === returnId)) refuse('RETURN_ALREADY_RECORDED', `return ${returnId} is already recorded`, { returnId });
  const requests = lineRequests(state, command.lines, 'return');
  for (const { line, progress, quantity } of requests) {
    const returnable = progress.fulfilled - progress.returned - progress.requested;
    if (quantity > returnable) {
      refuse('RETURN_QUANTITY_EXCEEDS_SHIPPED', `line ${line.lineId} has ${returnable} shipped units not already returned, not ${quantity}`, {
        lineId: line.lineId,
        quantity,
        returnable,
      });
    }
  }
  return { type: 'ReturnRequested', data: { returnId, lines: asLineQuantities(requests), at: command.at } };
}

/**
 * Receiving closes the return. Returned units take their per-unit shares from the lowest unit
 * not yet returned, so a later return gets what the earlier ones left and, over all returns,
 * a line gives back exactly what it posted (DESIGN's worked example: 30.00, 2.17, 2.86).
 */
export function receiveReturn(command: ReceiveReturn, state: PlacedOrderState): ReturnReceived {
  const { returnId } = command;
  const request = state.returns.find((r) => r.returnId === returnId);
  if (!request) return refuse('UNKNOWN_RETURN', `no return ${returnId} on this order`, { returnId });
  if (request.received) refuse('RETURN_ALREADY_RECEIVED', `return ${returnId} was already received`, { returnId });
  const parts = lineRequests(state, command.lines ?? request.lines, 'return receipt').map(({ line, progress, quantity }) => {
    const requested = request.lines.find((l) => l.lineId === line.lineId)?.quantity ?? 0;
    if (quantity > requested) {
      refuse('RECEIVE_QUANTITY_EXCEEDS_REQUESTED', `return ${returnId} asked for ${requested} units of line ${line.lineId}, not ${quantity}`, {
        lineId: line.lineId,
        quantity,
        requested,
      });
    }
    return linePart(line, progress.returned, quantity);
  });
  // Shipping is not given back on a return; a goodwill refund is its own IssueRefund.
  return { type: 'ReturnReceived', data: { returnId, at: command.at, amounts: postingAmounts(state.order, parts, []) } };
}
