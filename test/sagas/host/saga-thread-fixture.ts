import { REGISTERED_SAGAS } from '../../../sagas/host/registered-sagas';
import type { SagaThreadInit } from '../../../sagas/host/saga-thread.messages';
import type { EventStore } from '../../../src/event-store/event-store.port';
import { orderAggregate } from '../../../src/order/order.aggregate';
import type { CommandDispatcher } from '../../../src/runtime/command-dispatcher';
import { workedExample } from '../../order/order.fixtures';

const HOUR = 3_600_000;

/**
 * The saga thread as these tests start it: every registered saga on the embedded store at `file`,
 * waits of an hour or more (no timer fires during a test), timers checked every 100 ms, no effect
 * targets, at the service's priority.
 */
export function sagaThreadInit(file: string, { infoLines = false }: { infoLines?: boolean } = {}): SagaThreadInit {
  return {
    store: { kind: 'embedded', file },
    settings: {
      defaultLocationId: 'wh-main',
      fulfillmentPaymentTimeoutMs: HOUR,
      fulfillmentPickupTimeoutMs: 24 * HOUR,
      refundOrderWaitMs: HOUR,
      channelOrderWaitMs: HOUR,
      channelPaymentWaitMs: HOUR,
    },
    timerCheckIntervalMs: 100,
    effectTargets: REGISTERED_SAGAS.map(() => []),
    niceness: 0,
    infoLines,
  };
}

/** The worked-example order `orderId`, placed by the web channel through the main thread's actors. */
export function placeOrder(dispatcher: CommandDispatcher, orderId: string): Promise<unknown> {
  return dispatcher.dispatch(orderAggregate, { commandId: `place-${orderId}`, streamId: `order-${orderId}`, command: workedExample({ orderId }), metadata: { channel: 'web' } });
}

/** Whether the fulfillment saga's reservation is on the order. */
export async function stockReserved(store: EventStore, orderId: string): Promise<boolean> {
  return (await store.readStream(`order-${orderId}`)).some((event) => event.type === 'InventoryReserved');
}
