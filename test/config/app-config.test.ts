import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config/app-config';

describe('configuration from the environment', () => {
  it('starts on the embedded store with documented defaults when nothing is set', () => {
    const config = loadConfig({});
    assert.equal(config.PORT, 3000);
    assert.equal(config.GRPC_PORT, 50051);
    assert.equal(config.EVENTSTORE_URL, undefined);
    assert.equal(config.EMBEDDED_DURABILITY, 'full');
    assert.equal(config.embeddedStoreFile, resolve('data', 'events.sqlite'));
  });

  it('reads numbers and the EventStoreDB connection string', () => {
    const config = loadConfig({ PORT: '8080', GRPC_PORT: '9090', EVENTSTORE_URL: 'esdb://localhost:2113?tls=false' });
    assert.equal(config.PORT, 8080);
    assert.equal(config.GRPC_PORT, 9090);
    assert.equal(config.EVENTSTORE_URL, 'esdb://localhost:2113?tls=false');
  });

  it('names every bad setting and its value in one message', () => {
    assert.throws(
      () => loadConfig({ PORT: 'abc', EMBEDDED_DURABILITY: 'fast', EVENTSTORE_URL: 'http://localhost:2113' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /PORT="abc": .*integer/);
        assert.match(error.message, /EMBEDDED_DURABILITY="fast": .*full, normal/);
        assert.match(error.message, /EVENTSTORE_URL="http:\/\/localhost:2113": .*esdb:\/\//);
        return true;
      },
    );
  });

  it('stops the service at start with that message and exit code 1', () => {
    const main = resolve(__dirname, '..', '..', 'src', 'main.js');
    const run = spawnSync(process.execPath, [main], { env: { ...process.env, GRPC_PORT: '70000' }, encoding: 'utf8' });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /invalid configuration:\n\s+GRPC_PORT="70000": GRPC_PORT must not be greater than 65535/);
  });
});
