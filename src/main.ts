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
  // The app's modules load once the settings are known good (a bad one stops the start at once, not after ~2 s of loading).
  const [{ startApp }, { Logger }] = await Promise.all([import('./app'), import('nestjs-pino')]);
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
