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
 * `closeTraceOf` gives a batch's close trace (its PostingBatchClosed's `traceparent`), which the
 * batch's delivery events carry on: a delivery is followed in the trace of the close that made it.
 */
export function deliveryLogThrough(
  commands: AggregateCommands<ErpDeliveryCommand, ErpDeliveryEvent, DeliveryLaneState>,
  closeTraceOf: (batchId: string) => Promise<string | undefined> = async () => undefined,
): DeliveryLog {
  const current = async (target: string, companyCode: string) => (await commands.current(deliveryLaneId(target, companyCode))).state;
  return {
    current,
    async record(command, commandId) {
      const traceparent = await closeTraceOf(command.batchId);
      const metadata = { principal: DELIVERY_PRINCIPAL, ...(traceparent && { traceparent }) };
      const outcome = await commands.send(deliveryLaneId(command.target, command.companyCode), command, { commandId, metadata });
      const last = outcome.events.at(-1);
      return !outcome.duplicate && last ? (last.data as ErpDeliveryEvent['data']).after : current(command.target, command.companyCode);
    },
  };
}
