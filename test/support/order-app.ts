import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { resolve } from 'node:path';
import { hashApiKey } from '../../src/access/api-key';
import { startApp } from '../../src/app';
import { loadConfig } from '../../src/config/app-config';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import type { GrpcAnswer } from './edge-app';
import { freePort } from './free-port';
import { LogCapture } from './log-capture';

/** The order contract as a client has it; this file runs from dist/test/support. */
export const ORDER_PROTO = resolve(__dirname, '..', '..', '..', 'proto', 'ledgerbridge', 'order', 'v1', 'order.proto');

/** Plaintext keys the order tests present; the app only knows their hashes. */
export const ORDER_KEYS = {
  web: 'lbk_order-test-web-key-000000000000000000',
  pos: 'lbk_order-test-pos-key-000000000000000000',
  finance: 'lbk_order-test-finance-key-0000000000000',
  audit: 'lbk_order-test-audit-key-00000000000000000',
  ops: 'lbk_order-test-ops-key-000000000000000000',
} as const;

const ENTRIES = [
  { name: 'web-shop', hash: hashApiKey(ORDER_KEYS.web), scopes: ['channel:web:write'] },
  { name: 'pos-eu', hash: hashApiKey(ORDER_KEYS.pos), scopes: ['channel:pos:write'] },
  { name: 'finance', hash: hashApiKey(ORDER_KEYS.finance), scopes: ['finance:read'] },
  { name: 'auditor', hash: hashApiKey(ORDER_KEYS.audit), scopes: ['audit:read'] },
  { name: 'operator', hash: hashApiKey(ORDER_KEYS.ops), scopes: ['ops:admin'] },
];

export interface OrderApp {
  app: NestFastifyApplication;
  base: string;
  grpcPort: number;
  store: EventStore;
  orders: OrdersClient;
  logs: LogCapture;
  close(): Promise<void>;
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
  const grpcPort = await freePort();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    GRPC_PORT: String(grpcPort),
    DATA_DIR: dataDir,
    API_KEYS: JSON.stringify(ENTRIES),
    RATE_LIMIT_PER_SECOND: '10000',
    RATE_LIMIT_BURST: '10000',
    SAGAS_ENABLED: String(options.sagas ?? false),
    ...options.env,
  });
  const logs = new LogCapture();
  const app = await startApp(config, { logDestination: logs });
  const orders = new OrdersClient(grpcPort);
  return {
    app,
    base: await app.getUrl(),
    grpcPort,
    store: app.get<EventStore>(EVENT_STORE),
    orders,
    logs,
    close: async () => {
      orders.close();
      await app.close();
    },
  };
}

/** `ledgerbridge.order.v1.Orders` through @grpc/grpc-js, loaded from the .proto as any client would. */
export class OrdersClient {
  private readonly client: any;

  constructor(port: number) {
    const definition = protoLoader.loadSync(ORDER_PROTO, { keepCase: true, longs: String, defaults: true });
    const proto = grpc.loadPackageDefinition(definition) as any;
    this.client = new proto.ledgerbridge.order.v1.Orders(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  }

  /** Never throws: the error or the response. */
  call(method: string, request: object, key?: string, metadata: Record<string, string> = {}): Promise<GrpcAnswer> {
    const md = new grpc.Metadata();
    if (key) md.set('authorization', `Bearer ${key}`);
    for (const [name, value] of Object.entries(metadata)) md.set(name, value);
    return new Promise((done) => {
      this.client[method](request, md, (error: grpc.ServiceError | null, response: unknown) => done(error ? { error } : { response }));
    });
  }

  close(): void {
    this.client.close();
  }
}

/** Every event in the store, to show that a refused request appended nothing. */
export async function allEvents(store: EventStore): Promise<string[]> {
  return (await store.readAll()).map((e) => `${e.globalPosition}:${e.streamId}:${e.type}`);
}
