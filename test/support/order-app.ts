import type { EventStore } from '../../src/event-store/event-store.port';
import { type GrpcClient, GRPC_SERVICES } from './grpc-client';
import { GENEROUS_RATE_LIMIT, startTestApp, type TestApp } from './test-app';
import { TEST_CALLERS } from './test-keys';

export { TEST_KEYS as ORDER_KEYS } from './test-keys';

export interface OrderApp extends TestApp {
  /** `ledgerbridge.order.v1.Orders`, loaded from the .proto as any client would. */
  orders: GrpcClient;
}

export interface OrderAppOptions {
  /**
   * Run the sagas (default false): these tests are about the API, and the fulfillment saga
   * would add its own commands to every order placed. Saga tests pass true.
   */
  sagas?: boolean;
  /** More settings, e.g. short saga timeouts. */
  env?: Record<string, string>;
}

/** The real application on 127.0.0.1 with API keys configured and a generous rate limit. */
export async function startOrderApp(dataDir: string, options: OrderAppOptions = {}): Promise<OrderApp> {
  const app = await startTestApp({
    dataDir,
    keys: TEST_CALLERS,
    env: { ...GENEROUS_RATE_LIMIT, SAGAS_ENABLED: String(options.sagas ?? false), ...options.env },
    grpc: { orders: GRPC_SERVICES.orders },
  });
  return { ...app, orders: app.grpc.orders };
}

/** Every event in the store, to show that a refused request appended nothing. */
export async function allEvents(store: EventStore): Promise<string[]> {
  return (await store.readAll()).map((e) => `${e.globalPosition}:${e.streamId}:${e.type}`);
}
