import type { AggregateCommands } from '../../edge/aggregate-commands';
import type { DeliveryLog } from './delivery-runner';
import type { ErpDeliveryCommand } from './erp-delivery.commands';
import { deliveryLaneId, type ErpDeliveryEvent } from './erp-delivery.events';
import type { DeliveryLaneState } from './erp-delivery.state';

/** Who the runner's records name as their principal. */
export const DELIVERY_PRINCIPAL = 'erp-delivery';

/**
 * The delivery log through the command path: each lane is an `erp-delivery` aggregate, read and
 * recorded by its actor. A record answers the lane's state after it (its last event carries it);
 * one repeated after a lost answer, or that changed nothing, answers the lane as it is now.
 */
export function deliveryLogThrough(commands: AggregateCommands<ErpDeliveryCommand, ErpDeliveryEvent, DeliveryLaneState>): DeliveryLog {
  const current = async (target: string, companyCode: string) => (await commands.current(deliveryLaneId(target, companyCode))).state;
  return {
    current,
    async record(command, commandId) {
      const outcome = await commands.send(deliveryLaneId(command.target, command.companyCode), command, { commandId, metadata: { principal: DELIVERY_PRINCIPAL } });
      const last = outcome.events.at(-1);
      return !outcome.duplicate && last ? (last.data as ErpDeliveryEvent['data']).after : current(command.target, command.companyCode);
    },
  };
}
