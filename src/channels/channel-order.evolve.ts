import type { ChannelFulfillment, ChannelTransaction } from './channel-order.commands';
import type { ChannelOrderEvent } from './channel-order.events';

/** The facts recorded so far about one channel order. */
export interface ChannelOrderState {
  transactions: Map<string, ChannelTransaction>;
  /** Each fulfillment as last reported. */
  fulfillments: Map<string, ChannelFulfillment>;
  cancelled: boolean;
  /** The most the order bodies claimed paid so far. */
  claimed: { authorizedMinor: number; capturedMinor: number };
  unmatchedRecorded: boolean;
}

export function initialChannelOrderState(): ChannelOrderState {
  return { transactions: new Map(), fulfillments: new Map(), cancelled: false, claimed: { authorizedMinor: 0, capturedMinor: 0 }, unmatchedRecorded: false };
}

/** Extends the maps in place: the runtime only evolves a state it owns, after the append succeeded. */
export function evolveChannelOrder(state: ChannelOrderState, event: ChannelOrderEvent): ChannelOrderState {
  switch (event.type) {
    case 'ChannelTransactionReported': {
      const { transactionId, kind, status, amountMinor, currency, at, parentId } = event.data;
      state.transactions.set(transactionId, { transactionId, kind, status, amountMinor, currency, at, ...(parentId !== undefined ? { parentId } : {}) });
      return state;
    }
    case 'ChannelFulfillmentReported': {
      const { fulfillmentId, status, lines, at } = event.data;
      state.fulfillments.set(fulfillmentId, { fulfillmentId, status, lines, at });
      return state;
    }
    case 'ChannelCancellationReported':
      return { ...state, cancelled: true };
    case 'ChannelPaymentStatusReported':
      return {
        ...state,
        claimed: {
          authorizedMinor: Math.max(state.claimed.authorizedMinor, event.data.authorizedMinor),
          capturedMinor: Math.max(state.claimed.capturedMinor, event.data.capturedMinor),
        },
      };
    case 'ChannelDiscountsUnmatched':
      return { ...state, unmatchedRecorded: true };
  }
}
