import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { AccessDeniedError, EventStoreDBClient, jsonEvent, UnavailableError, type ResolvedEvent } from '@eventstore/db-client';
import { startApp } from '../../src/app';
import { ConfigError, loadConfig } from '../../src/config/app-config';
import { SqliteEventStore } from '../../src/event-store/embedded/sqlite-event-store';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import { EsdbProtocolListener } from '../../src/esdb-protocol/esdb-protocol.module';
import { LogCapture } from '../support/log-capture';
import { tempDir } from '../support/temp-dir';

const CLI = resolve(__dirname, '..', '..', 'src', 'cli', 'esdb-protocol.js');

async function readAllOf(client: EventStoreDBClient, stream: string): Promise<ResolvedEvent[]> {
  const events: ResolvedEvent[] = [];
  for await (const resolved of client.readStream(stream)) events.push(resolved);
  return events;
}

describe('ESDB protocol endpoint: settings', () => {
  it('is off by default and read-write when on', () => {
    const config = loadConfig({});
    assert.equal(config.ESDB_PROTOCOL_PORT, undefined);
    assert.equal(config.ESDB_PROTOCOL_READ_ONLY, false);
    const on = loadConfig({ ESDB_PROTOCOL_PORT: '2113', ESDB_PROTOCOL_READ_ONLY: 'true' });
    assert.equal(on.ESDB_PROTOCOL_PORT, 2113);
    assert.equal(on.ESDB_PROTOCOL_READ_ONLY, true);
  });

  it('names bad values', () => {
    assert.throws(
      () => loadConfig({ ESDB_PROTOCOL_PORT: '70000', ESDB_PROTOCOL_READ_ONLY: 'yes' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /ESDB_PROTOCOL_PORT="70000": .*65535/);
        assert.match(error.message, /ESDB_PROTOCOL_READ_ONLY="yes": ESDB_PROTOCOL_READ_ONLY must be true or false/);
        return true;
      },
    );
  });
});

describe('ESDB protocol endpoint: with the application', () => {
  it('serves the app’s event store while the app runs, and stops with it', async () => {
    const dir = tempDir('esdb-app');
    const logs = new LogCapture();
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', GRPC_PORT: '0', DATA_DIR: dir.path, ESDB_PROTOCOL_PORT: '0' });
    const app = await startApp(config, { logDestination: logs });
    const port = app.get(EsdbProtocolListener).port;
    const client = EventStoreDBClient.connectionString(`esdb://127.0.0.1:${port}?tls=false`);
    try {
      const store = app.get<EventStore>(EVENT_STORE);
      const stream = `order-${randomUUID()}`;
      await store.appendToStream(stream, [{ eventId: randomUUID(), type: 'OrderPlaced', data: { totalMinor: 10519 } }], {
        expectedRevision: 'no_stream',
      });
      const [read] = await readAllOf(client, stream);
      assert.deepEqual(read.event?.data, { totalMinor: 10519 });
      await client.appendToStream(stream, jsonEvent({ type: 'PaymentCaptured', data: { amountMinor: 10519 } }), { expectedRevision: 0n });
      assert.deepEqual(
        (await store.readStream(stream)).map((e) => e.type),
        ['OrderPlaced', 'PaymentCaptured'],
      );
      assert.ok(
        logs.lines.some((line) => String(line.msg).includes(`EventStoreDB protocol endpoint on 127.0.0.1:${port} (read-write)`)),
        'the endpoint logs where it listens',
      );

      const subscription = client.subscribeToAll();
      const ended = new Promise<unknown>((resolve) => subscription.once('error', resolve));
      await app.close();
      assert.ok((await ended) instanceof UnavailableError, 'closing the app ends its subscriptions');
      await assert.rejects(readAllOf(client, stream), UnavailableError);
    } finally {
      await client.dispose();
      dir.remove();
    }
  });
});

describe('ESDB protocol endpoint: command line', () => {
  it('serves a store file read-only for an auditor, and stops on SIGTERM', async () => {
    const dir = tempDir('esdb-cli');
    const file = join(dir.path, 'events.sqlite');
    const stream = `settlement-${randomUUID()}`;
    const store = new SqliteEventStore({ file });
    await store.appendToStream(
      stream,
      [1, 2, 3].map((n) => ({ eventId: randomUUID(), type: 'SettlementReported', data: { n } })),
      { expectedRevision: 'no_stream' },
    );
    await store.close();

    const cli = spawn(process.execPath, [CLI, '--file', file, '--port', '0', '--read-only'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    cli.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    let client: EventStoreDBClient | undefined;
    try {
      while (!/esdb:\/\/\S+/.test(output)) await once(cli.stdout, 'data');
      const url = (output.match(/esdb:\/\/\S+/) as RegExpMatchArray)[0];
      assert.match(output, /\(read-only\)/);
      client = EventStoreDBClient.connectionString(url);
      assert.deepEqual(
        (await readAllOf(client, stream)).map((r) => r.event?.data),
        [{ n: 1 }, { n: 2 }, { n: 3 }],
      );
      await assert.rejects(client.appendToStream(stream, jsonEvent({ type: 'Tampered', data: {} })), AccessDeniedError);
    } finally {
      await client?.dispose();
      cli.kill('SIGTERM');
      const [code] = await once(cli, 'exit');
      assert.equal(code, 0);
      assert.match(output, /stopped/);
      dir.remove();
    }
  });

  it('refuses a store file that does not exist instead of creating one', () => {
    const dir = tempDir('esdb-cli-missing');
    const missing = join(dir.path, 'nope.sqlite');
    const run = spawnSync(process.execPath, [CLI, '--file', missing], { encoding: 'utf8' });
    dir.remove();
    assert.equal(run.status, 2);
    assert.match(run.stderr, /no event store file at .*nope\.sqlite/);
    assert.match(run.stderr, /usage:/);
  });
});
