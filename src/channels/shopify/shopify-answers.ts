import { Inject, Injectable } from '@nestjs/common';
import { AggregateCommands, type CommandsOf } from '../../edge/aggregate-commands';
import { orderAggregate } from '../../order/order.aggregate';
import type { PlacedOrderState } from '../../order/order.state';
import { CommandDispatcher } from '../../runtime/command-dispatcher';
import type { ShopifySubject } from './shopify-mediation';

/** Where a Shopify order stands in Ledgerbridge now. */
export interface OrderSummary {
  status: 'placed' | 'cancelled';
  revision: number;
  totalMinor: number;
  authorizedMinor: number;
  capturedMinor: number;
  refundedMinor: number;
  units: number;
  shippedUnits: number;
  returnedUnits: number;
}

/**
 * The current state of what a payload carried: its order (null while Ledgerbridge does not know
 * it) and, for a transaction, fulfillment or refund, whether the order has recorded it yet.
 */
export interface SubjectState {
  orderId: string;
  order: OrderSummary | null;
  transactionId?: string;
  fulfillmentId?: string;
  refundId?: string;
  applied?: boolean;
}

const units = (lines: ReadonlyArray<{ quantity: number }>) => lines.reduce((sum, line) => sum + line.quantity, 0);

function summary(state: PlacedOrderState, revision: number): OrderSummary {
  return {
    status: state.status,
    revision,
    totalMinor: state.order.totals.totalMinor,
    authorizedMinor: state.authorizations.filter((a) => !a.voided).reduce((sum, a) => sum + a.amountMinor, 0),
    capturedMinor: state.capturedMinor,
    refundedMinor: state.refundedMinor,
    units: units(state.order.lines),
    shippedUnits: state.lines.reduce((sum, line) => sum + line.fulfilled, 0),
    returnedUnits: state.lines.reduce((sum, line) => sum + line.returned, 0),
  };
}

function applied(subject: ShopifySubject, state: PlacedOrderState): boolean | undefined {
  switch (subject.kind) {
    case 'transaction':
      return state.authorizations.some((a) => a.authorizationId === subject.transactionId) || state.captureIds.includes(subject.transactionId);
    case 'fulfillment':
      return state.fulfillments.includes(subject.fulfillmentId);
    case 'refund':
      return state.refundIds.includes(subject.returnId) || state.returns.some((r) => r.returnId === subject.returnId);
    default:
      return undefined;
  }
}

/** Answers a Shopify delivery (or a re-sync) with the state of what it carried, read from the order now. */
@Injectable()
export class ShopifyAnswers {
  private readonly orders: CommandsOf<typeof orderAggregate>;

  constructor(@Inject(CommandDispatcher) dispatcher: CommandDispatcher) {
    this.orders = new AggregateCommands(dispatcher, orderAggregate);
  }

  async stateOf(subject: ShopifySubject): Promise<SubjectState> {
    const { state, revision } = await this.orders.current(subject.orderId);
    const placed = state.status === 'unplaced' ? undefined : state;
    const ids =
      subject.kind === 'transaction'
        ? { transactionId: subject.transactionId }
        : subject.kind === 'fulfillment'
          ? { fulfillmentId: subject.fulfillmentId }
          : subject.kind === 'refund'
            ? { refundId: subject.refundId }
            : {};
    const isApplied = subject.kind === 'order' ? undefined : placed ? applied(subject, placed) : false;
    return { orderId: subject.orderId, order: placed ? summary(placed, revision) : null, ...ids, ...(isApplied !== undefined ? { applied: isApplied } : {}) };
  }
}
