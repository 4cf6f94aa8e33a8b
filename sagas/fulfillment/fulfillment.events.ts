import type { Fulfillment, LineQuantity } from '../../src/order/order.commands';

/**
 * What the fulfillment saga records about one order, in its own stream. Only what its
 * decisions need: the order's own stream stays the source of truth for amounts.
 */
/** The order as the saga starts fulfilling it: what it must reserve, capture and see shipped, and where. */
export interface FulfilledOrder {
  orderId: string;
  currency: string;
  totalMinor: number;
  fulfillment: Fulfillment;
  locationId: string;
  lines: LineQuantity[];
}

export type FulfillmentEvent =
  | {
      type: 'FulfillmentStarted';
      data: FulfilledOrder & {
        /** Promotions the order was placed with, whose usage a compensation gives back (absent in streams recorded before). */
        promotionIds?: string[];
        /** The channel records the payment itself (OrderPlaced `capturedByChannel`): nothing to capture, void or refund here. */
        capturedByChannel?: true;
      };
    }
  | { type: 'InventoryHeld'; data: { locationId: string; lines: LineQuantity[] } }
  | { type: 'AuthorizationSeen'; data: { authorizationId: string; amountMinor: number } }
  | { type: 'CaptureRequested'; data: { captureId: string; amountMinor: number } }
  | { type: 'CaptureSeen'; data: { captureId: string; amountMinor: number; fromAuthorizations: Array<{ authorizationId: string; amountMinor: number }> } }
  | { type: 'UnitsFulfilled'; data: { fulfillmentId: string; units: number } }
  | { type: 'CompensationStarted'; data: { reason: string } }
  /** The payment deadline passed while a capture the saga asked for was still on its way to it. */
  | { type: 'PaymentDeadlinePassed'; data: { dueAt: string } };

export interface AuthorizationHeld {
  authorizationId: string;
  amountMinor: number;
  capturedMinor: number;
}

export type FulfillmentState =
  | { phase: 'not-started' }
  | (FulfilledOrder & {
      phase: 'awaiting-payment' | 'awaiting-fulfillment' | 'compensating';
      promotionIds: string[];
      capturedByChannel: boolean;
      held: LineQuantity[];
      authorizations: AuthorizationHeld[];
      /** Captures this saga asked for; `seen` once the order recorded them. */
      captureRequests: Array<{ captureId: string; amountMinor: number; seen: boolean }>;
      capturedMinor: number;
      fulfilledUnits: number;
      /** Compensate once the captures asked for are seen, unless they complete the payment. */
      paymentDeadlinePassed: boolean;
    });

export type StartedFulfillment = Exclude<FulfillmentState, { phase: 'not-started' }>;

export const initialFulfillmentState = (): FulfillmentState => ({ phase: 'not-started' });

/** Authorized and neither captured nor already asked to be: what the saga may still capture. */
export function capturableMinor(state: StartedFulfillment): number {
  const uncaptured = state.authorizations.reduce((sum, auth) => sum + auth.amountMinor - auth.capturedMinor, 0);
  const requested = state.captureRequests.filter((request) => !request.seen).reduce((sum, request) => sum + request.amountMinor, 0);
  return uncaptured - requested;
}

/** Units on some lines: ordered (`state.lines`), held, shipped. */
export const units = (lines: Array<{ quantity: number }>): number => lines.reduce((sum, line) => sum + line.quantity, 0);

export function evolveFulfillment(state: FulfillmentState, event: FulfillmentEvent): FulfillmentState {
  if (event.type === 'FulfillmentStarted') {
    return {
      phase: 'awaiting-payment',
      ...event.data,
      promotionIds: event.data.promotionIds ?? [],
      capturedByChannel: event.data.capturedByChannel === true,
      held: [],
      authorizations: [],
      captureRequests: [],
      capturedMinor: 0,
      fulfilledUnits: 0,
      paymentDeadlinePassed: false,
    };
  }
  if (state.phase === 'not-started') return state;
  switch (event.type) {
    case 'InventoryHeld':
      return { ...state, held: [...state.held, ...event.data.lines] };
    case 'AuthorizationSeen':
      return { ...state, authorizations: [...state.authorizations, { ...event.data, capturedMinor: 0 }] };
    case 'CaptureRequested':
      return { ...state, captureRequests: [...state.captureRequests, { ...event.data, seen: false }] };
    case 'CaptureSeen': {
      const drawn = (id: string) => event.data.fromAuthorizations.filter((part) => part.authorizationId === id).reduce((sum, part) => sum + part.amountMinor, 0);
      const capturedMinor = state.capturedMinor + event.data.amountMinor;
      return {
        ...state,
        phase: state.phase === 'awaiting-payment' && capturedMinor >= state.totalMinor ? 'awaiting-fulfillment' : state.phase,
        capturedMinor,
        captureRequests: state.captureRequests.map((request) => (request.captureId === event.data.captureId ? { ...request, seen: true } : request)),
        authorizations: state.authorizations.map((auth) => ({ ...auth, capturedMinor: auth.capturedMinor + drawn(auth.authorizationId) })),
      };
    }
    case 'UnitsFulfilled':
      return { ...state, fulfilledUnits: state.fulfilledUnits + event.data.units };
    case 'CompensationStarted':
      return { ...state, phase: 'compensating' };
    case 'PaymentDeadlinePassed':
      return { ...state, paymentDeadlinePassed: true };
  }
}
