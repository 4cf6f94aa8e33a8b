import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SqliteEventStore } from '../event-store/embedded/sqlite-event-store';
import { EsdbProtocolServer } from '../esdb-protocol/esdb-protocol-server';

const USAGE = `usage: node dist/src/cli/esdb-protocol.js --file <events.sqlite> [--port 2113] [--host 127.0.0.1] [--read-only]

Serves one embedded store file over EventStoreDB's gRPC protocol, so stock EventStoreDB
clients can read, replay and subscribe to it (esdb://<host>:<port>?tls=false).
Serve a file no running Ledgerbridge is writing to (a copy or backup): subscriptions only
see appends made through this process.`;

interface CliOptions {
  file: string;
  host: string;
  port: number;
  readOnly: boolean;
}

function parse(argv: string[]): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      file: { type: 'string' },
      port: { type: 'string', default: '2113' },
      host: { type: 'string', default: '127.0.0.1' },
      'read-only': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (!values.file) throw new UsageError('--file is required');
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0-65535, got "${values.port}"`);
  const file = resolve(values.file);
  // The store would create a missing file; an auditor pointing at the wrong path must hear about it instead.
  if (!existsSync(file)) throw new UsageError(`no event store file at ${file}`);
  return { file, host: values.host, port, readOnly: values['read-only'] };
}

class UsageError extends Error {}

async function main(): Promise<void> {
  let options: CliOptions;
  try {
    options = parse(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`esdb-protocol: ${(error as Error).message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  const store = new SqliteEventStore({ file: options.file });
  const server = new EsdbProtocolServer(store, { readOnly: options.readOnly });
  const port = await server.listen(options.host, options.port);
  const mode = options.readOnly ? 'read-only' : 'read-write';
  process.stdout.write(`esdb-protocol: serving ${options.file} (${mode}) on esdb://${options.host}:${port}?tls=false\n`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    await store.close();
    process.stdout.write('esdb-protocol: stopped\n');
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`esdb-protocol failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
