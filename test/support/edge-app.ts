import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { resolve } from 'node:path';
import { hashApiKey } from '../../src/access/api-key';
import { startApp } from '../../src/app';
import { loadConfig } from '../../src/config/app-config';
import { freePort } from './free-port';
import { LogCapture } from './log-capture';
import { TabEdgeModule } from './tab-edge.module';

/** tab.proto stays in the source tree; this file runs from dist/test/support. */
const TAB_PROTO = resolve(__dirname, '..', '..', '..', 'test', 'support', 'tab.proto');

/** Plaintext keys the tests present; the app is configured with their hashes only. */
export const KEYS = {
  web: 'lbk_test-web-channel-key-0000000000000000000',
  pos: 'lbk_test-pos-channel-key-0000000000000000000',
  finance: 'lbk_test-finance-key-000000000000000000000',
  ops: 'lbk_test-ops-key-00000000000000000000000000',
} as const;

const ENTRIES = [
  { name: 'web-shop', hash: hashApiKey(KEYS.web), scopes: ['channel:web:write'] },
  { name: 'pos-eu', hash: hashApiKey(KEYS.pos), scopes: ['channel:pos:write'] },
  { name: 'finance', hash: hashApiKey(KEYS.finance), scopes: ['finance:read'] },
  { name: 'operator', hash: hashApiKey(KEYS.ops), scopes: ['ops:admin'] },
];

export interface EdgeApp {
  app: NestFastifyApplication;
  base: string;
  grpcPort: number;
  logs: LogCapture;
  close(): Promise<void>;
}

/** The real app on 127.0.0.1 with the tab module's HTTP and gRPC endpoints. */
export async function startEdgeApp(dataDir: string, env: Record<string, string> = {}): Promise<EdgeApp> {
  const grpcPort = await freePort();
  const logs = new LogCapture();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    GRPC_PORT: String(grpcPort),
    DATA_DIR: dataDir,
    API_KEYS: JSON.stringify(ENTRIES),
    // The edge tests are about the edge; sagas would only add writes of their own.
    SAGAS_ENABLED: 'false',
    ...env,
  });
  const app = await startApp(config, {
    logDestination: logs,
    imports: [TabEdgeModule],
    grpcPackages: [{ package: 'ledgerbridge.test.v1', protoPath: TAB_PROTO }],
  });
  return { app, base: await app.getUrl(), grpcPort, logs, close: () => app.close() };
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: any;
}

/** A JSON request; `key` goes in Authorization: Bearer. */
export async function call(base: string, method: string, path: string, options: { key?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<HttpAnswer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${base}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

export interface GrpcAnswer {
  error?: grpc.ServiceError;
  response?: any;
  /** Response headers (initial metadata). */
  headers?: grpc.Metadata;
}

/** Calls a method of the test Tabs service with the given metadata; never throws. */
export async function callTabs(port: number, method: 'AddItem' | 'Fail', request: object, metadata: Record<string, string> = {}): Promise<GrpcAnswer> {
  const definition = protoLoader.loadSync(TAB_PROTO, { keepCase: true, defaults: true });
  const proto = grpc.loadPackageDefinition(definition) as any;
  const client = new proto.ledgerbridge.test.v1.Tabs(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const md = new grpc.Metadata();
  for (const [k, v] of Object.entries(metadata)) md.set(k, v);
  try {
    return await new Promise<GrpcAnswer>((done) => {
      const answer: GrpcAnswer = {};
      const unary = client[method](request, md, (error: grpc.ServiceError | null, response: unknown) => {
        if (error) answer.error = error;
        else answer.response = response;
        done(answer);
      });
      unary.on('metadata', (headers: grpc.Metadata) => (answer.headers = headers));
    });
  } finally {
    client.close();
  }
}

/** The JSON error body a gRPC error carries in its trailing metadata. */
export function grpcErrorBody(error: grpc.ServiceError): any {
  const raw = error.metadata.get('ledgerbridge-error-bin')[0];
  return raw ? JSON.parse(raw.toString()) : undefined;
}
