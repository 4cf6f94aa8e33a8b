import { asLineQuantities, lineRequests } from './line-quantities';
import type { ReleaseInventory, ReserveInventory } from './order.commands';
import type { InventoryReleased, InventoryReserved } from './order.events';
import { reservedQuantity, type PlacedOrderState } from './order.state';
import { refuse } from './order-refusals';

export function reserveInventory(command: ReserveInventory, state: PlacedOrderState): InventoryReserved {
  const requests = lineRequests(state, command.lines, 'reservation');
  for (const { line, progress, quantity } of requests) {
    const reserved = reservedQuantity(state, line.lineId);
    const unreserved = line.quantity - progress.fulfilled - reserved;
    if (quantity > unreserved) {
      refuse('RESERVE_QUANTITY_EXCEEDS_REMAINING', `line ${line.lineId} has ${unreserved} units left to reserve, not ${quantity}`, {
        lineId: line.lineId,
        quantity,
        unreserved,
      });
    }
  }
  return { type: 'InventoryReserved', data: { locationId: command.locationId, lines: asLineQuantities(requests), at: command.at } };
}

export function releaseInventory(command: ReleaseInventory, state: PlacedOrderState): InventoryReleased {
  const requests = lineRequests(state, command.lines, 'release');
  for (const { line, quantity } of requests) {
    const reserved = reservedQuantity(state, line.lineId, command.locationId);
    if (quantity > reserved) {
      refuse('RELEASE_QUANTITY_EXCEEDS_RESERVED', `line ${line.lineId} has ${reserved} units reserved at ${command.locationId}, not ${quantity}`, {
        lineId: line.lineId,
        locationId: command.locationId,
        quantity,
        reserved,
      });
    }
  }
  return { type: 'InventoryReleased', data: { locationId: command.locationId, lines: asLineQuantities(requests), at: command.at } };
}
