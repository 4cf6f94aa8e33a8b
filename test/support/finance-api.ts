import { StreamNotFoundError } from '../../src/event-store/event-store.errors';
import type { EventStore } from '../../src/event-store/event-store.port';
import { callOnce, type GrpcAnswer, GRPC_SERVICES } from './grpc-client';
import { startTestApp, type TestApp } from './test-app';
import { TEST_CALLERS } from './test-keys';

export { TEST_KEYS as FINANCE_KEYS } from './test-keys';

/** The real app on 127.0.0.1 with the keys above, the embedded store in `dataDir`. */
export function startFinanceApp(dataDir: string): Promise<TestApp> {
  return startTestApp({
    dataDir,
    keys: TEST_CALLERS,
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
