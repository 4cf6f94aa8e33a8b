import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Projection } from '../../../projections/runner/projection';
import type { RebuildReport } from '../../../projections/runner/projection-rebuild';
import { ProjectionHost } from '../../../projections/host/projection-host';
import { call, type HttpAnswer } from '../../support/edge-app';
import { type GrpcAnswer, GRPC_SERVICES } from '../../support/grpc-client';
import { GENEROUS_RATE_LIMIT, startTestApp, type TestKey } from '../../support/test-app';
import { TEST_CALLERS, TEST_KEYS } from '../../support/test-keys';

export const KEYS = TEST_KEYS;

export interface FinanceViewsApp {
  app: NestFastifyApplication;
  base: string;
  /** A write as its owner sends it; fails the test unless it is accepted. */
  send(key: string, path: string, body: unknown): Promise<HttpAnswer>;
  get(path: string, key?: string): Promise<HttpAnswer>;
  /** A `ledgerbridge.finance.v1.Finance` method, as a client loading finance.proto calls it. */
  grpc(method: string, request: object, key?: string): Promise<GrpcAnswer>;
  /** Every projection has applied every event written so far. */
  caughtUp(): Promise<void>;
  /** Rebuilds a projection from position 0 beside the live one and compares them by hash (switching to it when equal), as POST /projections/:name/rebuild does. */
  rebuild(projection: Projection): Promise<RebuildReport>;
  close(): Promise<void>;
}

/**
 * The real app on 127.0.0.1 with projections in `dataDir` (and the embedded store, unless
 * `env` names EVENTSTORE_URL), for the test callers and `moreKeys`. Sagas are off so that
 * exactly the commands a test sends happen (no automatic capture or timeout).
 */
export async function startFinanceViewsApp(dataDir: string, env: Record<string, string> = {}, moreKeys: readonly TestKey[] = []): Promise<FinanceViewsApp> {
  const { app, base, grpc, close } = await startTestApp({
    dataDir,
    keys: [...TEST_CALLERS, ...moreKeys],
    env: { ...GENEROUS_RATE_LIMIT, ...env },
    grpc: { finance: GRPC_SERVICES.finance },
  });
  return {
    app,
    base,
    send: async (key, path, body) => {
      const answer = await call(base, 'POST', path, { key, body });
      if (answer.status !== 201) throw new Error(`${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      return answer;
    },
    get: (path, key = KEYS.finance) => call(base, 'GET', path, { key }),
    grpc: (method, request, key = KEYS.finance) => grpc.finance.call(method, request, key),
    caughtUp: () => app.get(ProjectionHost).caughtUp(),
    rebuild: async (projection) => (await app.get(ProjectionHost).rebuild(projection.name))!,
    close,
  };
}
