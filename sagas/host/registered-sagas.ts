import type { AppConfig } from '../../src/config/app-config';
import { orderAggregate } from '../../src/order/order.aggregate';
import { promotionAggregate } from '../../src/promotion/promotion.aggregate';
import type { AggregateType } from '../../src/runtime/decider';
import type { FulfillmentState } from '../fulfillment/fulfillment.events';
import { fulfillmentSaga } from '../fulfillment/fulfillment.saga';
import type { SagaDefinition } from '../runtime/saga-definition';
import type { SagaEffect } from '../runtime/saga-effect';
import { providerRefundEffect } from '../refund/provider-refund';
import { refundSaga } from '../refund/refund.saga';
import { PAYMENT_PROVIDER, type PaymentProvider } from '../../src/payments/payment-provider.port';
import { channelOrderSaga } from '../channel-order/channel-order.saga';

/** The settings the sagas are built from, as plain values: the saga thread is given them (workerData). */
export interface SagaSettings {
  defaultLocationId: string;
  fulfillmentPaymentTimeoutMs: number;
  fulfillmentPickupTimeoutMs: number;
  refundOrderWaitMs: number;
  channelOrderWaitMs: number;
  channelPaymentWaitMs: number;
}

export function sagaSettingsOf(config: AppConfig): SagaSettings {
  return {
    defaultLocationId: config.DEFAULT_LOCATION_ID,
    fulfillmentPaymentTimeoutMs: config.fulfillmentPaymentTimeoutMs,
    fulfillmentPickupTimeoutMs: config.fulfillmentPickupTimeoutMs,
    refundOrderWaitMs: config.refundOrderWaitMs,
    channelOrderWaitMs: config.channelOrderWaitMs,
    channelPaymentWaitMs: config.channelPaymentWaitMs,
  };
}

/** What a saga's effects may ask of the app when they are built (on the main thread): providers such as a payment-provider port. */
export interface SagaHostContext {
  /** A provider from the app's container, by its injection token. */
  get<T>(this: void, token: string | symbol | (abstract new (...args: never[]) => T)): T;
}

export interface RegisteredSaga {
  /** Builds the saga's pure definition from the settings (on the saga thread). */
  definition(settings: SagaSettings): SagaDefinition<unknown>;
  /** The aggregates its commands go to. */
  aggregates: AggregateType[];
  /** Command targets outside the store (a payment provider ...), built from the app's providers on the main thread. */
  effects?(context: SagaHostContext): SagaEffect[];
}

/** Every saga the service runs, each on its own runtime (checkpoint, instances, timers). */
export const REGISTERED_SAGAS: RegisteredSaga[] = [
  {
    definition: (settings) => ({
      ...fulfillmentSaga({
        defaultLocationId: settings.defaultLocationId,
        paymentTimeoutMs: settings.fulfillmentPaymentTimeoutMs,
        pickupTimeoutMs: settings.fulfillmentPickupTimeoutMs,
      }),
      // Operators see where each order stands: awaiting-payment, awaiting-fulfillment, compensating.
      status: (state: FulfillmentState) => (state.phase === 'not-started' ? undefined : state.phase),
    }),
    // Compensation gives promotion usage back.
    aggregates: [orderAggregate, promotionAggregate],
  },
  {
    definition: (settings) => refundSaga({ orderWaitMs: settings.refundOrderWaitMs }),
    // Returns and refunds on the order, clawbacks on the promotions, money back through the provider.
    aggregates: [orderAggregate, promotionAggregate],
    effects: ({ get }) => [providerRefundEffect(get<PaymentProvider>(PAYMENT_PROVIDER))],
  },
  {
    definition: (settings) => channelOrderSaga({ orderWaitMs: settings.channelOrderWaitMs, paymentWaitMs: settings.channelPaymentWaitMs }),
    // A channel's payments, shipments and cancellation, recorded on its orders.
    aggregates: [orderAggregate],
  },
];
