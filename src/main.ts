import { Logger } from 'nestjs-pino';
import { startApp } from './app';
import { ConfigError, loadConfig } from './config/app-config';
import { startTracing } from './observability/tracing/tracing';

/** A bad setting (from the environment, or found while building the app) stops with one plain message. */
function exitOnConfigError(error: unknown): never {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`ledgerbridge: ${error.message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    exitOnConfigError(error);
  }
  // Before the app: every span it starts goes to the SDK (OTEL_TRACES_EXPORTER; none by default).
  const tracing = startTracing(config.tracing);
  const app = await startApp(config).catch(exitOnConfigError);
  const store = config.EVENTSTORE_URL ? 'EventStoreDB' : `embedded store at ${config.embeddedStoreFile}`;
  app
    .get(Logger)
    .log(`listening: HTTP ${config.HOST}:${config.PORT}, gRPC ${config.HOST}:${config.GRPC_PORT}, ${store}${tracing ? `, spans to ${config.OTEL_TRACES_EXPORTER}` : ''}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`ledgerbridge failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
