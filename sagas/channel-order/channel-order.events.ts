import type { OrderCommand } from '../../src/order/order.commands';

/**
 * One thing the channel did that the order has to record: an authorization, a capture, a void,
 * a shipment or the cancellation, keyed by what the order will know it by
 * (`authorize:<id>`, `capture:<id>`, `void:<id>`, `ship:<id>`, `cancel`).
 */
export interface OrderStep {
  key: string;
  command: Extract<OrderCommand, { kind: 'AuthorizePayment' | 'CapturePayment' | 'VoidAuthorization' | 'ConfirmShipment' | 'CancelOrder' }>;
  /** `waiting`: the order has not recorded it yet; `stuck`: still so after the wait window; `applied`: recorded. */
  phase: 'waiting' | 'stuck' | 'applied';
}

/**
 * Money an order body claimed paid that no transaction the channel reported covered within the
 * wait, recorded under an id of its own (`payment-status-<n>`): a `capture` of what reported
 * authorizations left open, a `sale` (authorized and captured) or an `authorization`.
 * Transactions reported later are counted against what is not yet covered.
 */
export interface StatusPayment {
  paymentId: string;
  kind: 'capture' | 'sale' | 'authorization';
  amountMinor: number;
  /** Parts of it no later transaction has accounted for yet. */
  uncoveredAuthorizedMinor: number;
  uncoveredCapturedMinor: number;
}

export interface ChannelOrderSagaState {
  orderId?: string;
  currency?: string;
  /** In the order they became known. */
  steps: OrderStep[];
  /** Success transactions the channel reported, applied or covered: what is known paid. */
  reported: { authorizedMinor: number; capturedMinor: number };
  /** The most order bodies claimed authorized and captured, each with the time of the body that first claimed it. */
  claim?: { authorizedMinor: number; capturedMinor: number; authorizedAt: string; capturedAt: string };
  /** A claim transactions did not cover yet: its wait is running. */
  awaitingTransactions: boolean;
  statusPayments: StatusPayment[];
  /** Reported authorizations a status payment covered, by transaction id: a void of one voids the status payment. */
  coveredAuthorizations: Record<string, string>;
}

export type ChannelOrderSagaEvent =
  | { type: 'OrderStepsLearned'; data: { orderId: string; steps: Array<Omit<OrderStep, 'phase'>> } }
  | { type: 'OrderStepsApplied'; data: { keys: string[] } }
  | { type: 'OrderStepStuck'; data: { key: string; waitedUntil: string } }
  | { type: 'TransactionCounted'; data: { orderId: string; authorizedMinor: number; capturedMinor: number } }
  /** `check`: not covered yet, so the wait for its transactions starts. */
  | { type: 'PaymentStatusClaimed'; data: { orderId: string; currency: string; authorizedMinor: number; capturedMinor: number; at: string; check: boolean } }
  | { type: 'PaymentStatusChecked'; data: { dueAt: string } }
  | { type: 'StatusPaymentRecorded'; data: Omit<StatusPayment, 'uncoveredAuthorizedMinor' | 'uncoveredCapturedMinor'> }
  | { type: 'TransactionCoveredByStatus'; data: { transactionId: string; paymentId: string; authorizedMinor: number; capturedMinor: number } };

export const initialChannelOrderSagaState = (): ChannelOrderSagaState => ({
  steps: [],
  reported: { authorizedMinor: 0, capturedMinor: 0 },
  awaitingTransactions: false,
  statusPayments: [],
  coveredAuthorizations: {},
});

const withPhase = (steps: OrderStep[], keys: readonly string[], phase: OrderStep['phase']): OrderStep[] =>
  steps.map((step) => (keys.includes(step.key) && step.phase !== 'applied' ? { ...step, phase } : step));

export function evolveChannelOrderSaga(state: ChannelOrderSagaState, event: ChannelOrderSagaEvent): ChannelOrderSagaState {
  switch (event.type) {
    case 'OrderStepsLearned':
      return { ...state, orderId: event.data.orderId, steps: [...state.steps, ...event.data.steps.map((step) => ({ ...step, phase: 'waiting' as const }))] };
    case 'OrderStepsApplied':
      return { ...state, steps: withPhase(state.steps, event.data.keys, 'applied') };
    case 'OrderStepStuck':
      return { ...state, steps: state.steps.map((step) => (step.key === event.data.key && step.phase === 'waiting' ? { ...step, phase: 'stuck' } : step)) };
    case 'TransactionCounted':
      return {
        ...state,
        orderId: event.data.orderId,
        reported: { authorizedMinor: state.reported.authorizedMinor + event.data.authorizedMinor, capturedMinor: state.reported.capturedMinor + event.data.capturedMinor },
      };
    case 'PaymentStatusClaimed': {
      const { orderId, currency, authorizedMinor, capturedMinor, at, check } = event.data;
      const claim = state.claim ?? { authorizedMinor: 0, capturedMinor: 0, authorizedAt: at, capturedAt: at };
      const moreAuthorized = authorizedMinor > claim.authorizedMinor;
      const moreCaptured = capturedMinor > claim.capturedMinor;
      return {
        ...state,
        orderId,
        currency,
        awaitingTransactions: state.awaitingTransactions || check,
        claim: {
          authorizedMinor: moreAuthorized ? authorizedMinor : claim.authorizedMinor,
          authorizedAt: moreAuthorized ? at : claim.authorizedAt,
          capturedMinor: moreCaptured ? capturedMinor : claim.capturedMinor,
          capturedAt: moreCaptured ? at : claim.capturedAt,
        },
      };
    }
    case 'PaymentStatusChecked':
      return { ...state, awaitingTransactions: false };
    case 'StatusPaymentRecorded': {
      const { amountMinor, kind } = event.data;
      const payment: StatusPayment = {
        ...event.data,
        uncoveredAuthorizedMinor: kind === 'capture' ? 0 : amountMinor,
        uncoveredCapturedMinor: kind === 'authorization' ? 0 : amountMinor,
      };
      return { ...state, statusPayments: [...state.statusPayments, payment] };
    }
    case 'TransactionCoveredByStatus': {
      const { transactionId, paymentId, authorizedMinor, capturedMinor } = event.data;
      return {
        ...state,
        statusPayments: state.statusPayments.map((p) =>
          p.paymentId === paymentId
            ? { ...p, uncoveredAuthorizedMinor: p.uncoveredAuthorizedMinor - authorizedMinor, uncoveredCapturedMinor: p.uncoveredCapturedMinor - capturedMinor }
            : p,
        ),
        coveredAuthorizations: authorizedMinor > 0 ? { ...state.coveredAuthorizations, [transactionId]: paymentId } : state.coveredAuthorizations,
      };
    }
  }
}

/** The label operators see: the most urgent of the steps, or that an order body's payment is awaiting its transactions. */
export function channelOrderStatus(state: ChannelOrderSagaState): string | undefined {
  if (state.steps.some((step) => step.phase === 'stuck')) return 'stuck';
  if (state.steps.some((step) => step.phase === 'waiting')) return 'awaiting-order';
  if (state.awaitingTransactions) return 'awaiting-transactions';
  return state.steps.length > 0 || state.claim ? 'applied' : undefined;
}
