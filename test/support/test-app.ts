import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { hashApiKey } from '../../src/access/api-key';
import { startApp, type StartOptions } from '../../src/app';
import { loadConfig } from '../../src/config/app-config';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import { freePort } from './free-port';
import { GrpcClient, type GrpcService } from './grpc-client';
import { LogCapture } from './log-capture';

/** A key a test presents in plaintext; the app is configured with its hash only. */
export interface TestKey {
  name: string;
  key: string;
  scopes: readonly string[];
}

/** Settings for suites that send many requests and are not about rate limiting. */
export const GENEROUS_RATE_LIMIT = { RATE_LIMIT_PER_SECOND: '10000', RATE_LIMIT_BURST: '10000' } as const;

export interface TestAppOptions<Clients extends string> {
  dataDir: string;
  /** Without keys the app serves everyone, as `npm start` on a fresh machine does. */
  keys?: readonly TestKey[];
  /**
   * Settings over the defaults: sagas are off unless `SAGAS_ENABLED: 'true'`, so that exactly
   * the commands a test sends happen. `API_KEYS: ''` runs the app without keys.
   */
  env?: Record<string, string>;
  /** gRPC clients the suite calls, opened once and closed with the app. */
  grpc?: Record<Clients, GrpcService>;
  /** Extra modules and their gRPC packages (test slices, probes). */
  imports?: StartOptions['imports'];
  grpcPackages?: StartOptions['grpcPackages'];
}

/**
 * nestjs-pino builds one root logger per process, with the destination of the first app that
 * logs: every later app in the same process writes there too, whatever destination it is given.
 * So the process has one capture, and an app's `logs` are the lines written since it started
 * (with two apps running at once in one process, both apps' lines).
 */
const processLogs = new LogCapture();

export interface AppLogs {
  /** Every log line written since the app started, parsed. */
  readonly lines: Array<Record<string, unknown>>;
}

export interface TestApp<Clients extends string = never> {
  app: NestFastifyApplication;
  base: string;
  grpcPort: number;
  store: EventStore;
  logs: AppLogs;
  grpc: Record<Clients, GrpcClient>;
  close: () => Promise<void>;
}

/** The real application on 127.0.0.1 (HTTP on a port it picks, gRPC on a free one), its data in `dataDir`. */
export async function startTestApp<Clients extends string = never>(options: TestAppOptions<Clients>): Promise<TestApp<Clients>> {
  const grpcPort = await freePort();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    GRPC_PORT: String(grpcPort),
    DATA_DIR: options.dataDir,
    ...(options.keys ? { API_KEYS: JSON.stringify(options.keys.map(({ name, key, scopes }) => ({ name, hash: hashApiKey(key), scopes }))) } : {}),
    SAGAS_ENABLED: 'false',
    ...options.env,
  });
  const firstLine = processLogs.lines.length;
  const logs: AppLogs = {
    get lines() {
      return processLogs.lines.slice(firstLine);
    },
  };
  const app = await startApp(config, { logDestination: processLogs, imports: options.imports, grpcPackages: options.grpcPackages });
  const services = Object.entries(options.grpc ?? {}) as Array<[Clients, GrpcService]>;
  const grpc = Object.fromEntries(services.map(([name, spec]) => [name, new GrpcClient(grpcPort, spec)])) as Record<Clients, GrpcClient>;
  return {
    app,
    base: await app.getUrl(),
    grpcPort,
    store: app.get<EventStore>(EVENT_STORE),
    logs,
    grpc,
    close: async () => {
      for (const client of Object.values<GrpcClient>(grpc)) client.close();
      await app.close();
    },
  };
}
