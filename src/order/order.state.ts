import type { LineQuantity } from './order.commands';
import type { OrderPlacedData } from './order.events';

/** How far each line has come. Units are consumed from index 0 up, so counts are enough. */
export interface LineProgress {
  lineId: string;
  /** Units shipped or picked up. */
  fulfilled: number;
  /** Units on open return requests, not yet received. */
  requested: number;
  /** Units received back. */
  returned: number;
}

export interface AuthorizationState {
  authorizationId: string;
  amountMinor: number;
  capturedMinor: number;
  voided: boolean;
}

export interface ReservationState {
  lineId: string;
  locationId: string;
  quantity: number;
}

export interface ReturnState {
  returnId: string;
  lines: LineQuantity[];
  received: boolean;
}

export interface PlacedOrderState {
  status: 'placed' | 'cancelled';
  /** When it was cancelled (absent while it is not). */
  cancelledAt?: string;
  order: OrderPlacedData;
  lines: LineProgress[];
  /** Shipment and pickup ids, in order; shipping is posted with the first. */
  fulfillments: string[];
  authorizations: AuthorizationState[];
  captureIds: string[];
  capturedMinor: number;
  refundIds: string[];
  refundedMinor: number;
  // Arrays rather than keyed objects: iteration order is the order of the events.
  reservations: ReservationState[];
  returns: ReturnState[];
}

export type OrderState = { status: 'unplaced' } | PlacedOrderState;

export const initialOrderState = (): OrderState => ({ status: 'unplaced' });

export function reservedQuantity(state: PlacedOrderState, lineId: string, locationId?: string): number {
  return state.reservations.filter((r) => r.lineId === lineId && (locationId === undefined || r.locationId === locationId)).reduce((a, r) => a + r.quantity, 0);
}
