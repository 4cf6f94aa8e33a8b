import type { AggregateType, Decider } from '../../runtime/decider';
import type { ErpDeliveryCommand } from './erp-delivery.commands';
import { decideErpDelivery } from './erp-delivery.decide';
import { ERP_DELIVERY_CATEGORY, type ErpDeliveryEvent } from './erp-delivery.events';
import { evolveDeliveryLane, initialDeliveryLaneState } from './erp-delivery.evolve';
import type { DeliveryLaneState } from './erp-delivery.state';

export const erpDeliveryDecider: Decider<ErpDeliveryCommand, ErpDeliveryEvent, DeliveryLaneState> = {
  initialState: initialDeliveryLaneState,
  decide: decideErpDelivery,
  evolve: evolveDeliveryLane,
};

/**
 * Streams `erp-delivery-<target>-<companyCode>` (deliveryLaneId): a company's deliveries to one
 * ERP target, kept for years, so the actor loads the last event only (each carries the lane's state).
 */
export const erpDeliveryAggregate: AggregateType<ErpDeliveryCommand, ErpDeliveryEvent, DeliveryLaneState> = {
  category: ERP_DELIVERY_CATEGORY,
  decider: erpDeliveryDecider,
  stateFromLastEvent: true,
};
