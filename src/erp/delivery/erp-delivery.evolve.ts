import type { ErpDeliveryEvent } from './erp-delivery.events';
import type { DeliveryLaneState } from './erp-delivery.state';

export function initialDeliveryLaneState(): DeliveryLaneState {
  return { companyCode: null, target: null, erp: null, next: 0, open: [], lastAcknowledged: null };
}

/**
 * Every event carries the lane's state after it, so nothing before the last event matters: the
 * runtime loads this aggregate from its last event alone, however many years of deliveries the
 * stream holds.
 */
export function evolveDeliveryLane(_state: DeliveryLaneState, event: ErpDeliveryEvent): DeliveryLaneState {
  return event.data.after;
}
