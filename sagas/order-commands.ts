import type { OrderCommand } from '../src/order/order.commands';
import type { SagaCommand } from './runtime/saga-definition';

/** The order aggregate's stream category: what sagas correlate order events by and address its commands to. */
export const ORDER_PREFIX = 'order-';

/** A command for one order as a saga issues it (`acceptRefusals`: see `SagaCommand`). */
export function orderCommand(orderId: string, command: OrderCommand, acceptRefusals?: string[]): SagaCommand {
  return {
    aggregate: 'order',
    streamId: `${ORDER_PREFIX}${orderId}`,
    command: command as unknown as SagaCommand['command'],
    ...(acceptRefusals ? { acceptRefusals } : {}),
  };
}
