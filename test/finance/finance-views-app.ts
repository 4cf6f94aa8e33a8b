import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { resolve } from 'node:path';
import { hashApiKey } from '../../src/access/api-key';
import { startApp } from '../../src/app';
import { loadConfig } from '../../src/config/app-config';
import type { Projection } from '../../projections/runner/projection';
import { ProjectionDatabase } from '../../projections/runner/projection-database';
import { type RebuildReport, rebuildProjection } from '../../projections/runner/projection-rebuild';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import { ProjectionHost } from '../../src/projections-host/projection-host';
import { call, type GrpcAnswer, type HttpAnswer } from '../support/edge-app';
import { freePort } from '../support/free-port';
import { LogCapture } from '../support/log-capture';

/** Plaintext keys; the app holds their hashes only. */
export const KEYS = {
  web: 'lbk_finance-views-web-key-0000000000000000',
  promotions: 'lbk_finance-views-promotions-key-000000000',
  settlements: 'lbk_finance-views-settlements-key-00000000',
  finance: 'lbk_finance-views-finance-key-000000000000',
  ops: 'lbk_finance-views-ops-key-00000000000000000',
} as const;

const ENTRIES = [
  { name: 'web-shop', hash: hashApiKey(KEYS.web), scopes: ['channel:web:write'] },
  { name: 'marketing', hash: hashApiKey(KEYS.promotions), scopes: ['promotions:write'] },
  { name: 'psp-importer', hash: hashApiKey(KEYS.settlements), scopes: ['settlements:write'] },
  { name: 'controller', hash: hashApiKey(KEYS.finance), scopes: ['finance:read'] },
  { name: 'operator', hash: hashApiKey(KEYS.ops), scopes: ['ops:admin'] },
];

const FINANCE_PROTO = resolve(__dirname, '..', '..', '..', 'proto', 'ledgerbridge', 'finance', 'v1', 'finance.proto');

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
  /** Rebuilds a projection from position 0 beside the live one and compares them by hash. */
  rebuild(projection: Projection): Promise<RebuildReport>;
  close(): Promise<void>;
}

/**
 * The real app on 127.0.0.1 with projections in `dataDir` (and the embedded store, unless
 * `env` names EVENTSTORE_URL). Sagas are off so that
 * exactly the commands a test sends happen (no automatic capture or timeout).
 */
export async function startFinanceViewsApp(dataDir: string, env: Record<string, string> = {}): Promise<FinanceViewsApp> {
  const grpcPort = await freePort();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    GRPC_PORT: String(grpcPort),
    DATA_DIR: dataDir,
    API_KEYS: JSON.stringify(ENTRIES),
    RATE_LIMIT_PER_SECOND: '10000',
    RATE_LIMIT_BURST: '10000',
    SAGAS_ENABLED: 'false',
    ...env,
  });
  const app = await startApp(config, { logDestination: new LogCapture() });
  const base = await app.getUrl();
  const definition = protoLoader.loadSync(FINANCE_PROTO, { keepCase: true, longs: Number, defaults: true });
  const client = new (grpc.loadPackageDefinition(definition) as any).ledgerbridge.finance.v1.Finance(`127.0.0.1:${grpcPort}`, grpc.credentials.createInsecure());
  return {
    app,
    base,
    send: async (key, path, body) => {
      const answer = await call(base, 'POST', path, { key, body });
      if (answer.status !== 201) throw new Error(`${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      return answer;
    },
    get: (path, key = KEYS.finance) => call(base, 'GET', path, { key }),
    grpc: (method, request, key = KEYS.finance) => {
      const md = new grpc.Metadata();
      md.set('authorization', `Bearer ${key}`);
      return new Promise((done) => client[method](request, md, (error: grpc.ServiceError | null, response: unknown) => done(error ? { error } : { response })));
    },
    caughtUp: () => app.get(ProjectionHost).caughtUp(),
    rebuild: (projection) => rebuildProjection(app.get<EventStore>(EVENT_STORE), app.get(ProjectionDatabase), projection, { switchOver: 'when-equal' }),
    close: async () => {
      client.close();
      await app.close();
    },
  };
}
