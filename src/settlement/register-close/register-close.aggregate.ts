import type { AggregateType, Decider } from '../../runtime/decider';
import type { RegisterCloseCommand } from './register-close.commands';
import { decideRegisterClose } from './register-close.decide';
import type { RegisterCloseEvent } from './register-close.events';
import { evolveRegisterClose, initialRegisterCloseState, type RegisterCloseState } from './register-close.evolve';

export const registerCloseDecider: Decider<RegisterCloseCommand, RegisterCloseEvent, RegisterCloseState> = {
  initialState: initialRegisterCloseState,
  decide: decideRegisterClose,
  evolve: evolveRegisterClose,
};

/**
 * Its own category, not commands on a payout's stream: a register day and a provider payout
 * share no identity, no invariant and no state, so one decider over both would only branch.
 * Streams are `register-close-<storeId>/<registerId>/<businessDate>`: that key is what makes
 * "closes once per day" an append-time guarantee.
 */
export const registerCloseAggregate: AggregateType<RegisterCloseCommand, RegisterCloseEvent, RegisterCloseState> = {
  category: 'register-close',
  decider: registerCloseDecider,
};

// Each part is URI-encoded so no store or register id can forge another's key with a '/'.
export function registerCloseId(close: { storeId: string; registerId: string; businessDate: string }): string {
  return [close.storeId, close.registerId, close.businessDate].map(encodeURIComponent).join('/');
}
