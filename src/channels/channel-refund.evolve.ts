import type { ChannelRefundEvent, ChannelRefundReceivedData } from './channel-refund.events';

export interface ChannelRefundState {
  /** The first record of the refund; later deliveries never replace it. */
  received: ChannelRefundReceivedData | null;
}

export function initialChannelRefundState(): ChannelRefundState {
  return { received: null };
}

export function evolveChannelRefund(state: ChannelRefundState, event: ChannelRefundEvent): ChannelRefundState {
  switch (event.type) {
    case 'ChannelRefundReceived':
      return { ...state, received: event.data };
  }
}
