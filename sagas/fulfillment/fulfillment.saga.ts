import type { LineQuantity } from '../../src/order/order.commands';
import type { OrderEvent, OrderPlacedData } from '../../src/order/order.events';
import { ORDER_PREFIX, orderCommand } from '../order-commands';
import { later, type SagaDecision, type SagaDefinition, type SagaInput } from '../runtime/saga-definition';
import { compensationFor } from './compensation';
import { capturableMinor, evolveFulfillment, initialFulfillmentState, units, type FulfillmentEvent, type FulfillmentState, type StartedFulfillment } from './fulfillment.events';

export interface FulfillmentSagaConfig {
  /** Where shipped orders reserve their stock. */
  defaultLocationId: string;
  /** An order not fully paid this long after it was placed is compensated and cancelled. */
  paymentTimeoutMs: number;
  /** A paid pickup order not collected this long after payment is cancelled and refunded. */
  pickupTimeoutMs: number;
}

export const PAYMENT_DEADLINE = 'payment-deadline';
export const PICKUP_DEADLINE = 'pickup-deadline';

const FOLLOWED: ReadonlySet<string> = new Set<OrderEvent['type']>([
  'OrderPlaced',
  'InventoryReserved',
  'PaymentAuthorized',
  'PaymentCaptured',
  'ShipmentConfirmed',
  'PickupConfirmed',
  'OrderCancelled',
]);

type Decision = SagaDecision<FulfillmentEvent>;

/** The saga records a capture request only after the order took it: its PaymentCaptured is in the log, on its way. */
const captureInFlight = (state: StartedFulfillment): boolean => state.captureRequests.some((request) => !request.seen);

/**
 * The order journey: placed -> reserve every line at one location -> capture what the
 * channel authorized -> wait until every unit shipped or was picked up. The saga never
 * authorizes: channels (or the payment provider) do, and their PaymentAuthorized is the cue
 * to capture. Payment is complete when captures reach the order total. A register sale
 * (`soldAtCounter`) was paid and handed over when placed: nothing to do, it completes at once.
 * An order whose channel captures itself (`capturedByChannel`, Shopify) is reserved and followed
 * to its last shipment, but the saga neither captures it nor times its payment out: the channel
 * moves the money and reports each step, and cancels its own orders. A cancellation then gives
 * back the stock and the promotions; the channel's voids and refunds return the money.
 */
export function fulfillmentSaga(config: FulfillmentSagaConfig): SagaDefinition<FulfillmentState, FulfillmentEvent> {
  function start(order: OrderPlacedData, now: string): Decision {
    const locationId = order.fulfillment.type === 'pickup' ? order.fulfillment.locationId : config.defaultLocationId;
    const lines: LineQuantity[] = order.lines.map((line) => ({ lineId: line.lineId, quantity: line.quantity }));
    const started: FulfillmentEvent = {
      type: 'FulfillmentStarted',
      data: {
        orderId: order.orderId,
        currency: order.currency,
        totalMinor: order.totals.totalMinor,
        fulfillment: order.fulfillment,
        locationId,
        lines,
        promotionIds: [...new Set(order.discounts.map((discount) => discount.promotionId))],
        ...(order.capturedByChannel ? { capturedByChannel: true as const } : {}),
      },
    };
    // Sold at a register: the customer paid and took the goods when it was placed, and the channel
    // records that capture and pickup itself. Reserving or capturing again would be refused and park.
    if (order.soldAtCounter) return { events: [started], complete: true };
    return {
      events: [started],
      commands: [orderCommand(order.orderId, { kind: 'ReserveInventory', locationId, lines, at: now })],
      ...(order.capturedByChannel ? {} : { schedule: [{ timerId: PAYMENT_DEADLINE, dueAt: later(now, config.paymentTimeoutMs) }] }),
    };
  }

  /** Records what was learned, then captures whatever became capturable once the stock is held. */
  function learn(state: StartedFulfillment, events: FulfillmentEvent[], now: string): Decision {
    const next = events.reduce(evolveFulfillment, state) as StartedFulfillment;
    if (next.paymentDeadlinePassed && next.phase === 'awaiting-payment') {
      if (captureInFlight(next)) return { events };
      const compensation = compensate(next, 'payment not captured in time', now, true);
      return { ...compensation, events: [...events, ...compensation.events!] };
    }
    const capturable = capturableMinor(next);
    if (next.capturedByChannel || next.phase !== 'awaiting-payment' || units(next.held) < units(next.lines) || capturable <= 0) return { events };
    const captureId = `${next.orderId}-capture-${next.captureRequests.length + 1}`;
    return {
      events: [...events, { type: 'CaptureRequested', data: { captureId, amountMinor: capturable } }],
      commands: [orderCommand(next.orderId, { kind: 'CapturePayment', captureId, amountMinor: capturable, currency: next.currency, at: now })],
    };
  }

  function compensate(state: StartedFulfillment, reason: string, now: string, cancelOrder: boolean): Decision {
    return {
      events: [{ type: 'CompensationStarted', data: { reason } }],
      commands: compensationFor(state, reason, now, { cancelOrder }),
      complete: true,
    };
  }

  function onEvent(state: StartedFulfillment, event: OrderEvent, now: string): Decision {
    switch (event.type) {
      case 'InventoryReserved':
        return learn(state, [{ type: 'InventoryHeld', data: { locationId: event.data.locationId, lines: event.data.lines } }], now);
      case 'PaymentAuthorized':
        return learn(state, [{ type: 'AuthorizationSeen', data: { authorizationId: event.data.authorizationId, amountMinor: event.data.amountMinor } }], now);
      case 'PaymentCaptured': {
        const { captureId, amountMinor, fromAuthorizations } = event.data;
        const decision = learn(state, [{ type: 'CaptureSeen', data: { captureId, amountMinor, fromAuthorizations } }], now);
        if (state.capturedMinor >= state.totalMinor || state.capturedMinor + amountMinor < state.totalMinor) return decision;
        const pickup = state.fulfillment.type === 'pickup' && state.fulfilledUnits === 0;
        return {
          ...decision,
          cancelTimers: [PAYMENT_DEADLINE],
          ...(pickup ? { schedule: [{ timerId: PICKUP_DEADLINE, dueAt: later(now, config.pickupTimeoutMs) }] } : {}),
        };
      }
      case 'ShipmentConfirmed':
      case 'PickupConfirmed': {
        const id = event.type === 'ShipmentConfirmed' ? event.data.shipmentId : event.data.pickupId;
        const fulfilled: FulfillmentEvent = { type: 'UnitsFulfilled', data: { fulfillmentId: id, units: units(event.data.amounts.lines) } };
        const done = state.fulfilledUnits + fulfilled.data.units >= units(state.lines);
        return { events: [fulfilled], ...(done ? { complete: true } : {}) };
      }
      case 'OrderCancelled':
        return compensate(state, `order cancelled: ${event.data.reason}`, now, false);
      default:
        return {};
    }
  }

  function onTimer(state: StartedFulfillment, timerId: string, dueAt: string, now: string): Decision {
    if (timerId === PAYMENT_DEADLINE && state.phase === 'awaiting-payment') {
      // A capture the saga asked for is recorded on the order but not seen here yet: compensating now
      // would void a captured authorization (refused: parked for good) and leave the money unrefunded.
      if (captureInFlight(state)) return { events: [{ type: 'PaymentDeadlinePassed', data: { dueAt } }] };
      return compensate(state, 'payment not captured in time', now, true);
    }
    if (timerId === PICKUP_DEADLINE && state.fulfilledUnits === 0) return compensate(state, 'not collected by the pickup deadline', now, true);
    return {};
  }

  return {
    name: 'fulfillment',
    follows: [ORDER_PREFIX],
    initialState: initialFulfillmentState,
    evolve: evolveFulfillment,
    correlate: (event) => (event.streamId.startsWith(ORDER_PREFIX) && FOLLOWED.has(event.type) ? event.streamId.slice(ORDER_PREFIX.length) : undefined),
    decide(state: FulfillmentState, input: SagaInput, now: string): Decision {
      if (state.phase === 'not-started') {
        return input.kind === 'event' && input.type === 'OrderPlaced' ? start(input.data as OrderPlacedData, now) : {};
      }
      if (state.phase === 'compensating') return {};
      if (input.kind === 'timer') return onTimer(state, input.timerId, input.dueAt, now);
      return onEvent(state, { type: input.type, data: input.data } as OrderEvent, now);
    },
  };
}
