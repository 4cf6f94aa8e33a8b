import { join } from 'node:path';
import { EventStoreDBClient } from '@eventstore/db-client';
import { SqliteEventStore } from '../../src/event-store/embedded/sqlite-event-store';
import { EsdbProtocolServer, type EsdbProtocolOptions } from '../../src/esdb-protocol/esdb-protocol-server';
import { tempDir } from '../support/temp-dir';

export interface Endpoint {
  store: SqliteEventStore;
  server: EsdbProtocolServer;
  /** `127.0.0.1:<port>`, for raw gRPC clients. */
  address: string;
  /** `esdb://127.0.0.1:<port>?tls=false`, as an auditor would connect. */
  url: string;
  /** A stock EventStoreDB client on the endpoint, disposed with it. */
  client(): EventStoreDBClient;
  close(): Promise<void>;
}

/** A fresh embedded store served on a free 127.0.0.1 port. */
export async function startEndpoint(options: EsdbProtocolOptions = {}): Promise<Endpoint> {
  const dir = tempDir('esdb-protocol');
  const store = new SqliteEventStore({ file: join(dir.path, 'events.sqlite') });
  const server = new EsdbProtocolServer(store, options);
  const port = await server.listen('127.0.0.1', 0);
  const address = `127.0.0.1:${port}`;
  const url = `esdb://${address}?tls=false`;
  const clients: EventStoreDBClient[] = [];
  return {
    store,
    server,
    address,
    url,
    client: () => {
      const client = EventStoreDBClient.connectionString(url);
      clients.push(client);
      return client;
    },
    close: async () => {
      await Promise.all(clients.map((client) => client.dispose()));
      await server.close();
      await store.close();
      dir.remove();
    },
  };
}

/** Polls until `check` holds; fails with `what` if it never does. Never asserts on durations. */
export async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for: ${what}`);
}
