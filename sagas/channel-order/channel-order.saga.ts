import { CHANNEL_ORDER_PREFIX } from '../../src/channels/channel-order.aggregate';
import { CHANNEL_ORDER_FACTS, type ChannelOrderEvent } from '../../src/channels/channel-order.events';
import type { OrderEvent } from '../../src/order/order.events';
import { ORDER_PREFIX, orderCommand } from '../order-commands';
import { later, type SagaCommand, type SagaDecision, type SagaDefinition, type SagaInput } from '../runtime/saga-definition';
import {
  channelOrderStatus,
  evolveChannelOrderSaga,
  initialChannelOrderSagaState,
  type ChannelOrderSagaEvent,
  type ChannelOrderSagaState,
  type OrderStep,
  type StatusPayment,
} from './channel-order.events';

export interface ChannelOrderSagaConfig {
  /** How long a step waits for its order before the instance shows as `stuck`. */
  orderWaitMs: number;
  /** How long money an order body claims paid waits for its transactions before it is recorded without them. */
  paymentWaitMs: number;
}

export const PAYMENT_STATUS_CHECK = 'payment-status-check';
export const stepWaitTimer = (key: string): string => `wait/${key}`;

const FOLLOWED: ReadonlySet<string> = new Set<OrderEvent['type']>([
  'OrderPlaced',
  'PaymentAuthorized',
  'PaymentCaptured',
  'AuthorizationVoided',
  'ShipmentConfirmed',
  'OrderCancelled',
]);

/**
 * What the order answers when it cannot take a step yet (not placed; a capture before its
 * authorization; a void of an authorization not recorded yet) or took it already (a try whose
 * event the saga has not seen yet). The step then waits and is tried again at the order's next
 * event. Anything else it answers is a real disagreement and parks the instance for an operator.
 */
const TRYING: Record<OrderStep['command']['kind'], string[]> = {
  AuthorizePayment: ['ORDER_NOT_FOUND', 'AUTHORIZATION_ALREADY_RECORDED'],
  CapturePayment: ['ORDER_NOT_FOUND', 'CAPTURE_EXCEEDS_AUTHORIZATION', 'CAPTURE_ALREADY_RECORDED'],
  VoidAuthorization: ['ORDER_NOT_FOUND', 'UNKNOWN_AUTHORIZATION', 'AUTHORIZATION_ALREADY_VOIDED'],
  ConfirmShipment: ['ORDER_NOT_FOUND', 'SHIPMENT_ALREADY_RECORDED'],
  CancelOrder: ['ORDER_NOT_FOUND', 'ORDER_CANCELLED'],
};

type Decision = SagaDecision<ChannelOrderSagaEvent>;
type Fact = ChannelOrderEvent;
type NewStep = Omit<OrderStep, 'phase'>;

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** What the order will record a step as, from one of its events. */
function appliedKey(event: OrderEvent): string | undefined {
  switch (event.type) {
    case 'PaymentAuthorized':
      return `authorize:${event.data.authorizationId}`;
    case 'PaymentCaptured':
      return `capture:${event.data.captureId}`;
    case 'AuthorizationVoided':
      return `void:${event.data.authorizationId}`;
    case 'ShipmentConfirmed':
      return `ship:${event.data.shipmentId}`;
    case 'OrderCancelled':
      return 'cancel';
    default:
      return undefined;
  }
}

/** Money known paid: transactions reported, and status payments for what they did not cover. */
function known(state: ChannelOrderSagaState): { authorizedMinor: number; capturedMinor: number } {
  return {
    authorizedMinor: state.reported.authorizedMinor + sum(state.statusPayments.map((p) => p.uncoveredAuthorizedMinor)),
    capturedMinor: state.reported.capturedMinor + sum(state.statusPayments.map((p) => p.uncoveredCapturedMinor)),
  };
}

/** A transaction's own authorize and capture steps, under its id and time (a status payment's capture may come later than its authorization). */
function paymentSteps(paymentId: string, kind: 'authorization' | 'capture' | 'sale', amountMinor: number, currency: string, at: string, capturedAt = at): NewStep[] {
  const authorize: NewStep = { key: `authorize:${paymentId}`, command: { kind: 'AuthorizePayment', authorizationId: paymentId, amountMinor, currency, at } };
  const capture: NewStep = { key: `capture:${paymentId}`, command: { kind: 'CapturePayment', captureId: paymentId, amountMinor, currency, at: capturedAt } };
  return kind === 'authorization' ? [authorize] : kind === 'capture' ? [capture] : [authorize, capture];
}

/**
 * Applies what a channel reports about one of its orders (Shopify's transactions, fulfillments
 * and cancellation, kept as facts in `channel-order-<shop>-<id>`) to the order, one instance per
 * order: a success `authorization`, `capture` or `sale` (both) as AuthorizePayment/CapturePayment
 * with the transaction's own id and time, a `void` as VoidAuthorization of its parent, a
 * successful fulfillment as ConfirmShipment of its units, the cancellation as CancelOrder.
 * Facts may come in any order and before their order: a step the order cannot take yet waits and
 * is tried again at each of the order's events, shown as `stuck` after the wait window. Money an
 * order body claims paid (`financial_status`) without transactions to show for it is recorded
 * under an id of its own once `paymentWaitMs` passed; transactions reported later are counted
 * against it instead of recorded twice. Refunds are the refund saga's.
 */
export function channelOrderSaga(config: ChannelOrderSagaConfig): SagaDefinition<ChannelOrderSagaState, ChannelOrderSagaEvent> {
  const tryStep = (orderId: string, step: NewStep | OrderStep): SagaCommand => orderCommand(orderId, step.command, TRYING[step.command.kind]);

  /** New steps: recorded, tried at once, each with its wait window. */
  function learn(state: ChannelOrderSagaState, orderId: string, steps: NewStep[], now: string, before: ChannelOrderSagaEvent[] = []): Decision {
    const fresh = steps.filter((step) => !state.steps.some((s) => s.key === step.key));
    const events: ChannelOrderSagaEvent[] = [...before, ...(fresh.length ? [{ type: 'OrderStepsLearned' as const, data: { orderId, steps: fresh } }] : [])];
    return {
      ...(events.length ? { events } : {}),
      ...(fresh.length
        ? { commands: fresh.map((step) => tryStep(orderId, step)), schedule: fresh.map((step) => ({ timerId: stepWaitTimer(step.key), dueAt: later(now, config.orderWaitMs) })) }
        : {}),
    };
  }

  /**
   * A success transaction: counted as known money, then recorded as its own steps, unless a
   * status payment recorded for want of it already holds that money (then counted against it).
   */
  function onTransaction(state: ChannelOrderSagaState, fact: Extract<Fact, { type: 'ChannelTransactionReported' }>['data'], now: string): Decision {
    const { orderId, transactionId, kind, status, amountMinor, currency, at, parentId } = fact;
    if (status !== 'success') return {};
    if (kind === 'void') {
      if (parentId === undefined) return {};
      const authorizationId = state.coveredAuthorizations[parentId] ?? parentId;
      return learn(state, orderId, [{ key: `void:${authorizationId}`, command: { kind: 'VoidAuthorization', authorizationId, at } }], now);
    }
    if (kind !== 'authorization' && kind !== 'capture' && kind !== 'sale') return {};
    const authorizedMinor = kind === 'capture' ? 0 : amountMinor;
    const capturedMinor = kind === 'authorization' ? 0 : amountMinor;
    const counted: ChannelOrderSagaEvent = { type: 'TransactionCounted', data: { orderId, authorizedMinor, capturedMinor } };
    const covering = state.statusPayments.find((p) => p.uncoveredAuthorizedMinor >= authorizedMinor && p.uncoveredCapturedMinor >= capturedMinor);
    if (covering) {
      return { events: [counted, { type: 'TransactionCoveredByStatus', data: { transactionId, paymentId: covering.paymentId, authorizedMinor, capturedMinor } }] };
    }
    const learned = learn(state, orderId, paymentSteps(transactionId, kind, amountMinor, currency, at), now, [counted]);
    const shown = claimShown(evolveChannelOrderSaga(state, counted), now);
    return { ...learned, events: [...(learned.events ?? []), ...(shown.events ?? [])], ...(shown.cancelTimers ? { cancelTimers: shown.cancelTimers } : {}) };
  }

  /** The transactions now show all an order body claimed: its wait is over, nothing will be recorded for it. */
  function claimShown(state: ChannelOrderSagaState, now: string): { cancelTimers?: string[]; events?: ChannelOrderSagaEvent[] } {
    const { claim } = state;
    if (!state.awaitingTransactions || !claim) return {};
    const paid = known(state);
    if (paid.authorizedMinor < claim.authorizedMinor || paid.capturedMinor < claim.capturedMinor) return {};
    return { cancelTimers: [PAYMENT_STATUS_CHECK], events: [{ type: 'PaymentStatusChecked', data: { dueAt: now } }] };
  }

  /** An order body says it was paid: if transactions do not show it yet, give them the wait window. */
  function onPaymentStatus(state: ChannelOrderSagaState, fact: Extract<Fact, { type: 'ChannelPaymentStatusReported' }>['data'], now: string): Decision {
    const { orderId, currency, authorizedMinor, capturedMinor, at } = fact;
    const paid = known(state);
    const check = authorizedMinor > paid.authorizedMinor || capturedMinor > paid.capturedMinor;
    const claimed: ChannelOrderSagaEvent = { type: 'PaymentStatusClaimed', data: { orderId, currency, authorizedMinor, capturedMinor, at, check } };
    const schedule = check && !state.awaitingTransactions ? [{ timerId: PAYMENT_STATUS_CHECK, dueAt: later(now, config.paymentWaitMs) }] : [];
    return { events: [claimed], ...(schedule.length ? { schedule } : {}) };
  }

  /**
   * The wait is over: money claimed and still not shown by transactions is recorded as status
   * payments, capturing first what reported authorizations left open, then a sale for the rest,
   * then an authorization for money claimed authorized only.
   */
  function onPaymentStatusCheck(state: ChannelOrderSagaState, dueAt: string, now: string): Decision {
    const checked: ChannelOrderSagaEvent = { type: 'PaymentStatusChecked', data: { dueAt } };
    const { claim, orderId, currency } = state;
    if (!claim || !orderId || !currency) return { events: [checked] };
    const paid = known(state);
    const missingCapture = Math.max(0, claim.capturedMinor - paid.capturedMinor);
    const fromOpen = Math.min(missingCapture, Math.max(0, paid.authorizedMinor - paid.capturedMinor));
    const sale = missingCapture - fromOpen;
    const authorization = Math.max(0, claim.authorizedMinor - paid.authorizedMinor - sale);
    const plan = (
      [
        ['capture', fromOpen],
        ['sale', sale],
        ['authorization', authorization],
      ] as Array<[StatusPayment['kind'], number]>
    ).filter(([, amount]) => amount > 0);
    const recorded = plan.map(([kind, amountMinor], i): ChannelOrderSagaEvent => ({
      type: 'StatusPaymentRecorded',
      data: { paymentId: `payment-status-${state.statusPayments.length + i + 1}`, kind, amountMinor },
    }));
    const steps = plan.flatMap(([kind, amountMinor], i) =>
      paymentSteps(
        `payment-status-${state.statusPayments.length + i + 1}`,
        kind,
        amountMinor,
        currency,
        kind === 'capture' ? claim.capturedAt : claim.authorizedAt,
        claim.capturedAt,
      ),
    );
    const next = [checked, ...recorded].reduce(evolveChannelOrderSaga, state);
    return learn(next, orderId, steps, now, [checked, ...recorded]);
  }

  function onFact(state: ChannelOrderSagaState, fact: Fact, now: string): Decision {
    switch (fact.type) {
      case 'ChannelTransactionReported':
        return onTransaction(state, fact.data, now);
      case 'ChannelFulfillmentReported': {
        const { orderId, fulfillmentId, status, lines, at } = fact.data;
        if (status !== 'success') return {};
        return learn(state, orderId, [{ key: `ship:${fulfillmentId}`, command: { kind: 'ConfirmShipment', shipmentId: fulfillmentId, lines, shippedAt: at } }], now);
      }
      case 'ChannelCancellationReported':
        return learn(
          state,
          fact.data.orderId,
          [{ key: 'cancel', command: { kind: 'CancelOrder', reason: `cancelled in the channel: ${fact.data.reason}`, at: fact.data.at } }],
          now,
        );
      case 'ChannelPaymentStatusReported':
        return onPaymentStatus(state, fact.data, now);
      default:
        return {};
    }
  }

  /** The order recorded something: mark the steps it took, then try the ones still waiting again. */
  function onOrderEvent(state: ChannelOrderSagaState, event: OrderEvent): Decision {
    if (!state.orderId) return {};
    const key = appliedKey(event);
    const taken = state.steps.filter((step) => step.phase !== 'applied' && step.key === key).map((step) => step.key);
    const rest = state.steps.filter((step) => step.phase !== 'applied' && !taken.includes(step.key));
    const events: ChannelOrderSagaEvent[] = taken.length ? [{ type: 'OrderStepsApplied', data: { keys: taken } }] : [];
    return {
      ...(events.length ? { events } : {}),
      ...(rest.length ? { commands: rest.map((step) => tryStep(state.orderId!, step)) } : {}),
      ...(taken.length ? { cancelTimers: taken.map(stepWaitTimer) } : {}),
    };
  }

  function onTimer(state: ChannelOrderSagaState, timerId: string, dueAt: string, now: string): Decision {
    if (timerId === PAYMENT_STATUS_CHECK) return onPaymentStatusCheck(state, dueAt, now);
    const waiting = state.steps.find((step) => step.phase === 'waiting' && stepWaitTimer(step.key) === timerId);
    return waiting ? { events: [{ type: 'OrderStepStuck', data: { key: waiting.key, waitedUntil: dueAt } }] } : {};
  }

  return {
    name: 'channel-order',
    follows: [ORDER_PREFIX, CHANNEL_ORDER_PREFIX],
    initialState: initialChannelOrderSagaState,
    evolve: evolveChannelOrderSaga,
    status: channelOrderStatus,
    correlate(event) {
      if (event.streamId.startsWith(ORDER_PREFIX) && FOLLOWED.has(event.type)) return event.streamId.slice(ORDER_PREFIX.length);
      if (event.streamId.startsWith(CHANNEL_ORDER_PREFIX) && CHANNEL_ORDER_FACTS.has(event.type)) return (event.data as { orderId: string }).orderId;
      return undefined;
    },
    decide(state: ChannelOrderSagaState, input: SagaInput, now: string): Decision {
      if (input.kind === 'timer') return onTimer(state, input.timerId, input.dueAt, now);
      if (input.streamId.startsWith(CHANNEL_ORDER_PREFIX)) return onFact(state, { type: input.type, data: input.data } as Fact, now);
      return onOrderEvent(state, { type: input.type, data: input.data } as OrderEvent);
    },
  };
}
