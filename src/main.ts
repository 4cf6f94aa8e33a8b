import { Logger } from 'nestjs-pino';
import { startApp } from './app';
import { ConfigError, loadConfig } from './config/app-config';

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
  const app = await startApp(config).catch(exitOnConfigError);
  const store = config.EVENTSTORE_URL ? 'EventStoreDB' : `embedded store at ${config.embeddedStoreFile}`;
  app.get(Logger).log(`listening: HTTP ${config.HOST}:${config.PORT}, gRPC ${config.HOST}:${config.GRPC_PORT}, ${store}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`ledgerbridge failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
