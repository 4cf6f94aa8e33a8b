import type { AuthorizePayment, CapturePayment, IssueRefund, VoidAuthorization } from './order.commands';
import type { AuthorizationVoided, PaymentAuthorized, PaymentCaptured, RefundIssued } from './order.events';
import type { AuthorizationState, PlacedOrderState } from './order.state';
import { refuse, requireAmount } from './order-refusals';

const uncaptured = (a: AuthorizationState): number => (a.voided ? 0 : a.amountMinor - a.capturedMinor);

function requireOrderCurrency(state: PlacedOrderState, currency: string): void {
  if (currency !== state.order.currency) {
    refuse('CURRENCY_MISMATCH', `the order is in ${state.order.currency}, not ${currency}`, { expected: state.order.currency, actual: currency });
  }
}

export function authorizePayment(command: AuthorizePayment, state: PlacedOrderState): PaymentAuthorized {
  const { authorizationId, amountMinor } = command;
  if (state.authorizations.some((a) => a.authorizationId === authorizationId)) {
    refuse('AUTHORIZATION_ALREADY_RECORDED', `authorization ${authorizationId} is already recorded`, { authorizationId });
  }
  requireOrderCurrency(state, command.currency);
  requireAmount(amountMinor, 'authorization amount', true);
  // A voided authorization no longer holds funds beyond what was captured on it.
  const heldMinor = state.authorizations.reduce((a, auth) => a + auth.capturedMinor + uncaptured(auth), 0);
  if (heldMinor + amountMinor > state.order.totals.totalMinor) {
    refuse('AUTHORIZATION_EXCEEDS_ORDER_TOTAL', `authorizing ${amountMinor} more would hold more than the order total`, {
      heldMinor,
      amountMinor,
      totalMinor: state.order.totals.totalMinor,
    });
  }
  return { type: 'PaymentAuthorized', data: { authorizationId, amountMinor, currency: command.currency, at: command.at } };
}

export function capturePayment(command: CapturePayment, state: PlacedOrderState): PaymentCaptured {
  const { captureId, amountMinor } = command;
  if (state.captureIds.includes(captureId)) refuse('CAPTURE_ALREADY_RECORDED', `capture ${captureId} is already recorded`, { captureId });
  requireOrderCurrency(state, command.currency);
  requireAmount(amountMinor, 'capture amount', true);
  const capturableMinor = state.authorizations.reduce((a, auth) => a + uncaptured(auth), 0);
  if (amountMinor > capturableMinor) {
    refuse('CAPTURE_EXCEEDS_AUTHORIZATION', `capturing ${amountMinor} exceeds the ${capturableMinor} still authorized`, { amountMinor, capturableMinor });
  }
  // Oldest authorization first, so each one's remainder (what a void releases) stays exact.
  let left = amountMinor;
  const fromAuthorizations = state.authorizations.flatMap((auth) => {
    const drawn = Math.min(left, uncaptured(auth));
    left -= drawn;
    return drawn > 0 ? [{ authorizationId: auth.authorizationId, amountMinor: drawn }] : [];
  });
  return { type: 'PaymentCaptured', data: { captureId, amountMinor, currency: command.currency, at: command.at, fromAuthorizations } };
}

export function voidAuthorization(command: VoidAuthorization, state: PlacedOrderState): AuthorizationVoided {
  const { authorizationId } = command;
  const auth = state.authorizations.find((a) => a.authorizationId === authorizationId);
  if (!auth) return refuse('UNKNOWN_AUTHORIZATION', `no authorization ${authorizationId} on this order`, { authorizationId });
  if (auth.voided) refuse('AUTHORIZATION_ALREADY_VOIDED', `authorization ${authorizationId} is already voided`, { authorizationId });
  const voidedMinor = uncaptured(auth);
  if (voidedMinor === 0) refuse('AUTHORIZATION_FULLY_CAPTURED', `authorization ${authorizationId} is fully captured: nothing to void`, { authorizationId });
  return { type: 'AuthorizationVoided', data: { authorizationId, voidedMinor, currency: state.order.currency, at: command.at } };
}

export function issueRefund(command: IssueRefund, state: PlacedOrderState): RefundIssued {
  const { refundId, amountMinor, returnId } = command;
  if (state.refundIds.includes(refundId)) refuse('REFUND_ALREADY_RECORDED', `refund ${refundId} is already recorded`, { refundId });
  requireOrderCurrency(state, command.currency);
  requireAmount(amountMinor, 'refund amount', true);
  if (returnId !== undefined && !state.returns.some((r) => r.returnId === returnId)) {
    refuse('UNKNOWN_RETURN', `no return ${returnId} on this order`, { returnId });
  }
  const refundableMinor = state.capturedMinor - state.refundedMinor;
  if (amountMinor > refundableMinor) {
    refuse('REFUND_EXCEEDS_CAPTURED', `refunding ${amountMinor} exceeds the ${refundableMinor} captured and not yet refunded`, { amountMinor, refundableMinor });
  }
  return {
    type: 'RefundIssued',
    data: { refundId, amountMinor, currency: command.currency, at: command.at, ...(returnId !== undefined ? { returnId } : {}) },
  };
}
