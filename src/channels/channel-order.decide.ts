import type { ChannelFulfillment, ChannelOrderCommand, ChannelOrderSource, ChannelTransaction } from './channel-order.commands';
import type { ChannelOrderEvent } from './channel-order.events';
import type { ChannelOrderState } from './channel-order.evolve';
import { refuse } from './channel-order.refusals';

const sourceOf = ({ channel, shop, orderId, sourceRef }: ChannelOrderSource): ChannelOrderSource => ({ channel, shop, orderId, sourceRef });

/** The fields in which two reports of one thing differ, each with both values. */
function differences<T extends object>(recorded: T, delivered: T): Array<{ field: string; recorded: unknown; delivered: unknown }> {
  const fields = [...new Set([...Object.keys(recorded), ...Object.keys(delivered)])] as Array<keyof T>;
  return fields
    .filter((field) => JSON.stringify(recorded[field]) !== JSON.stringify(delivered[field]))
    .map((field) => ({ field: String(field), recorded: recorded[field], delivered: delivered[field] }));
}

/**
 * A channel never changes a transaction it made, so other content under a transaction id
 * recorded already means one of the two reports is wrong: the first stands, the other is refused
 * so that someone looks.
 */
function recordTransaction(state: ChannelOrderState, transaction: ChannelTransaction): boolean {
  const recorded = state.transactions.get(transaction.transactionId);
  if (!recorded) return true;
  const changed = differences(recorded, transaction);
  if (changed.length > 0) {
    refuse('CHANNEL_TRANSACTION_CONFLICT', `transaction ${transaction.transactionId} was recorded with other content; the first record stands`, {
      transactionId: transaction.transactionId,
      differences: changed,
    });
  }
  return false;
}

/** A fulfillment's statuses in the order they can follow each other: open, then shipped, then ended otherwise. */
const STAGE: Record<string, number> = { pending: 0, open: 0, success: 1 };
const stageOf = (status: string): number => STAGE[status] ?? 2;

/**
 * A fulfillment moves on (pending, then success) and is recorded at each later status; an
 * earlier status arriving late is old news. Its units never change; and once the goods left,
 * Shopify cancelling the fulfillment cannot take them back out of the ledger: that is a
 * return, so it is refused onto the queue for someone to book (whichever report came first).
 */
function recordFulfillment(state: ChannelOrderState, fulfillment: ChannelFulfillment): boolean {
  const recorded = state.fulfillments.get(fulfillment.fulfillmentId);
  if (!recorded) return true;
  const changedLines = differences({ lines: recorded.lines }, { lines: fulfillment.lines });
  if (changedLines.length > 0) {
    refuse('CHANNEL_FULFILLMENT_CONFLICT', `fulfillment ${fulfillment.fulfillmentId} was recorded with other units; the first record stands`, {
      fulfillmentId: fulfillment.fulfillmentId,
      differences: changedLines,
    });
  }
  const [was, is] = [stageOf(recorded.status), stageOf(fulfillment.status)];
  if (was + is === 3) {
    refuse(
      'CHANNEL_FULFILLMENT_REVERSED',
      `fulfillment ${fulfillment.fulfillmentId} is reported both shipped and ${was === 2 ? recorded.status : fulfillment.status}: goods that left come back as a return`,
      {
        fulfillmentId: fulfillment.fulfillmentId,
        recorded: recorded.status,
        delivered: fulfillment.status,
      },
    );
  }
  return is > was;
}

/** Records each fact once; a report that adds nothing records nothing. */
export function decideChannelOrder(command: ChannelOrderCommand, state: ChannelOrderState): ChannelOrderEvent[] {
  const source = sourceOf(command);
  switch (command.kind) {
    case 'RecordChannelTransaction':
      return recordTransaction(state, command.transaction) ? [{ type: 'ChannelTransactionReported', data: { ...source, ...command.transaction } }] : [];
    case 'RecordChannelFulfillment':
      return recordFulfillment(state, command.fulfillment) ? [{ type: 'ChannelFulfillmentReported', data: { ...source, ...command.fulfillment } }] : [];
    case 'RecordChannelCancellation':
      return state.cancelled ? [] : [{ type: 'ChannelCancellationReported', data: { ...source, reason: command.reason, at: command.at } }];
    case 'RecordChannelPaymentStatus': {
      const { authorizedMinor, capturedMinor } = command.payment;
      const more = authorizedMinor > state.claimed.authorizedMinor || capturedMinor > state.claimed.capturedMinor;
      return more ? [{ type: 'ChannelPaymentStatusReported', data: { ...source, ...command.payment } }] : [];
    }
    case 'RecordUnmatchedDiscounts':
      return state.unmatchedRecorded || command.discounts.length === 0
        ? []
        : [{ type: 'ChannelDiscountsUnmatched', data: { ...source, discounts: command.discounts, currency: command.currency, placedAt: command.placedAt } }];
  }
}
