import { StreamNotFoundError } from '../../src/event-store/event-store.errors';
import type { EventStore } from '../../src/event-store/event-store.port';
import { callOnce, type GrpcAnswer, GRPC_SERVICES } from './grpc-client';
import { startTestApp, type TestApp } from './test-app';

/** Plaintext keys for the promotion and settlement API tests; the app holds their hashes only. */
export const FINANCE_KEYS = {
  promotions: 'lbk_test-promotions-key-00000000000000000000',
  settlements: 'lbk_test-settlements-key-0000000000000000000',
  finance: 'lbk_test-finance-reader-key-00000000000000000',
  pos: 'lbk_test-pos-channel-key-00000000000000000000',
} as const;

/** The real app on 127.0.0.1 with the keys above, the embedded store in `dataDir`. */
export function startFinanceApp(dataDir: string): Promise<TestApp> {
  return startTestApp({
    dataDir,
    keys: [
      { name: 'marketing', key: FINANCE_KEYS.promotions, scopes: ['promotions:write'] },
      { name: 'psp-importer', key: FINANCE_KEYS.settlements, scopes: ['settlements:write'] },
      { name: 'controller', key: FINANCE_KEYS.finance, scopes: ['finance:read'] },
      { name: 'pos-eu', key: FINANCE_KEYS.pos, scopes: ['channel:pos:write'] },
    ],
  });
}

const SERVICES = {
  Promotions: GRPC_SERVICES.promotions,
  Settlements: GRPC_SERVICES.settlements,
  GiftCards: GRPC_SERVICES.giftCards,
} as const;

/** Calls one method of a served service with an API key (and more metadata); never throws. */
export function callService(
  port: number,
  service: keyof typeof SERVICES,
  method: string,
  request: object,
  key: string | undefined,
  metadata: Record<string, string> = {},
): Promise<GrpcAnswer> {
  return callOnce(port, SERVICES[service], method, request, key, metadata);
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
