import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { resolve } from 'node:path';
import { hashApiKey } from '../../src/access/api-key';
import { startApp } from '../../src/app';
import { loadConfig } from '../../src/config/app-config';
import { StreamNotFoundError } from '../../src/event-store/event-store.errors';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import type { EdgeApp, GrpcAnswer } from './edge-app';
import { freePort } from './free-port';
import { LogCapture } from './log-capture';

/** Plaintext keys for the promotion and settlement API tests; the app holds their hashes only. */
export const FINANCE_KEYS = {
  promotions: 'lbk_test-promotions-key-00000000000000000000',
  settlements: 'lbk_test-settlements-key-0000000000000000000',
  finance: 'lbk_test-finance-reader-key-00000000000000000',
  pos: 'lbk_test-pos-channel-key-00000000000000000000',
} as const;

const ENTRIES = [
  { name: 'marketing', hash: hashApiKey(FINANCE_KEYS.promotions), scopes: ['promotions:write'] },
  { name: 'psp-importer', hash: hashApiKey(FINANCE_KEYS.settlements), scopes: ['settlements:write'] },
  { name: 'controller', hash: hashApiKey(FINANCE_KEYS.finance), scopes: ['finance:read'] },
  { name: 'pos-eu', hash: hashApiKey(FINANCE_KEYS.pos), scopes: ['channel:pos:write'] },
];

/** The real app on 127.0.0.1 with the keys above, the embedded store in `dataDir`. */
export async function startFinanceApp(dataDir: string): Promise<EdgeApp & { store: EventStore }> {
  const grpcPort = await freePort();
  const logs = new LogCapture();
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', GRPC_PORT: String(grpcPort), DATA_DIR: dataDir, API_KEYS: JSON.stringify(ENTRIES), SAGAS_ENABLED: 'false' });
  const app = await startApp(config, { logDestination: logs });
  return { app, base: await app.getUrl(), grpcPort, logs, store: app.get(EVENT_STORE), close: () => app.close() };
}

const PROTO_ROOT = resolve(__dirname, '..', '..', '..', 'proto');
const SERVICES = {
  Promotions: { file: 'ledgerbridge/promotion/v1/promotion.proto', path: ['ledgerbridge', 'promotion', 'v1', 'Promotions'] },
  Settlements: { file: 'ledgerbridge/settlement/v1/settlement.proto', path: ['ledgerbridge', 'settlement', 'v1', 'Settlements'] },
  GiftCards: { file: 'ledgerbridge/gift_card/v1/gift_card.proto', path: ['ledgerbridge', 'gift_card', 'v1', 'GiftCards'] },
} as const;

/** Calls one method of a served service with an API key (and more metadata); never throws. */
export async function callService(
  port: number,
  service: keyof typeof SERVICES,
  method: string,
  request: object,
  key: string | undefined,
  metadata: Record<string, string> = {},
): Promise<GrpcAnswer> {
  const { file, path } = SERVICES[service];
  const definition = protoLoader.loadSync(file, { includeDirs: [PROTO_ROOT], keepCase: true, longs: Number, defaults: true });
  const Client = path.reduce((node: any, part) => node[part], grpc.loadPackageDefinition(definition)) as typeof grpc.Client;
  const client = new Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure()) as any;
  const md = new grpc.Metadata();
  if (key) md.set('authorization', `Bearer ${key}`);
  for (const [k, v] of Object.entries(metadata)) md.set(k, v);
  try {
    return await new Promise<GrpcAnswer>((done) => {
      client[method](request, md, (error: grpc.ServiceError | null, response: unknown) => done(error ? { error } : { response }));
    });
  } finally {
    client.close();
  }
}

/** The events of a stream as type and data, or none when it does not exist. */
export async function recorded(store: EventStore, streamId: string): Promise<Array<{ type: string; data: any }>> {
  try {
    return (await store.readStream(streamId)).map((e) => ({ type: e.type, data: e.data }));
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
}
