import type { AggregateType } from '../runtime/decider';
import type { OrderCommand } from './order.commands';
import { decideOrder } from './order.decide';
import type { OrderEvent } from './order.events';
import { evolveOrder } from './order.evolve';
import { initialOrderState, type OrderState } from './order.state';

/** The order aggregate: one stream per order, `order-<orderId>`. */
export const orderAggregate: AggregateType<OrderCommand, OrderEvent, OrderState> = {
  category: 'order',
  decider: { initialState: initialOrderState, decide: decideOrder, evolve: evolveOrder },
};
