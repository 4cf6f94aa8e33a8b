import type { BusinessError, BusinessErrorEvent } from './business-errors.events';

/**
 * One entry of the queue: `open` until reprocessing gets the payload through (`resolved`) or an
 * operator dismisses it; `problem` is why it is (or was last) refused.
 */
export interface BusinessErrorState {
  entry: BusinessError | null;
  status: 'open' | 'resolved' | 'dismissed';
  problem: Pick<BusinessError, 'reason' | 'message' | 'details'> | null;
  reprocessed: number;
  dismissal?: { reason: string; by: string; at: string };
}

export function initialBusinessErrorState(): BusinessErrorState {
  return { entry: null, status: 'open', problem: null, reprocessed: 0 };
}

export function evolveBusinessError(state: BusinessErrorState, event: BusinessErrorEvent): BusinessErrorState {
  switch (event.type) {
    case 'ChannelPayloadRejected': {
      const { reason, message, details } = event.data;
      return { ...state, entry: event.data, problem: { reason, message, details } };
    }
    case 'BusinessErrorReprocessed': {
      const { outcome } = event.data;
      if (outcome.status === 'resolved') return { ...state, status: 'resolved', reprocessed: state.reprocessed + 1 };
      return { ...state, problem: { reason: outcome.reason, message: outcome.message, details: outcome.details }, reprocessed: state.reprocessed + 1 };
    }
    case 'BusinessErrorDismissed':
      return { ...state, status: 'dismissed', dismissal: event.data };
  }
}
