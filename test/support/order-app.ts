import type { EventStore } from '../../src/event-store/event-store.port';
import { type GrpcClient, GRPC_SERVICES } from './grpc-client';
import { GENEROUS_RATE_LIMIT, startTestApp, type TestApp } from './test-app';

/** Plaintext keys the order tests present; the app only knows their hashes. */
export const ORDER_KEYS = {
  web: 'lbk_order-test-web-key-000000000000000000',
  pos: 'lbk_order-test-pos-key-000000000000000000',
  finance: 'lbk_order-test-finance-key-0000000000000',
  audit: 'lbk_order-test-audit-key-00000000000000000',
  ops: 'lbk_order-test-ops-key-000000000000000000',
} as const;

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
    keys: [
      { name: 'web-shop', key: ORDER_KEYS.web, scopes: ['channel:web:write'] },
      { name: 'pos-eu', key: ORDER_KEYS.pos, scopes: ['channel:pos:write'] },
      { name: 'finance', key: ORDER_KEYS.finance, scopes: ['finance:read'] },
      { name: 'auditor', key: ORDER_KEYS.audit, scopes: ['audit:read'] },
      { name: 'operator', key: ORDER_KEYS.ops, scopes: ['ops:admin'] },
    ],
    env: { ...GENEROUS_RATE_LIMIT, SAGAS_ENABLED: String(options.sagas ?? false), ...options.env },
    grpc: { orders: GRPC_SERVICES.orders },
  });
  return { ...app, orders: app.grpc.orders };
}

/** Every event in the store, to show that a refused request appended nothing. */
export async function allEvents(store: EventStore): Promise<string[]> {
  return (await store.readAll()).map((e) => `${e.globalPosition}:${e.streamId}:${e.type}`);
}
