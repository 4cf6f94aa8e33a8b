import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config/app-config';
import { tempDir } from '../support/temp-dir';

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

  it('takes KurrentDB connection strings too (kurrentdb://, kurrentdb+discover://)', () => {
    for (const url of ['kurrentdb://kurrentdb:2113?tls=false', 'kurrentdb+discover://admin:changeit@cluster.example.com:2113']) {
      assert.equal(loadConfig({ EVENTSTORE_URL: url }).EVENTSTORE_URL, url);
    }
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

  it('knows three environments, spelled exactly', () => {
    for (const env of ['development', 'production', 'test']) assert.equal(loadConfig({ NODE_ENV: env }).NODE_ENV, env);
    for (const env of ['Production', 'prod', 'staging']) {
      assert.throws(() => loadConfig({ NODE_ENV: env }), new RegExp(`NODE_ENV="${env}": NODE_ENV must be one of development, production, test`));
    }
  });

  it('bounds slow and idle connections by default, and reads the bounds as durations', () => {
    const defaults = loadConfig({});
    assert.deepEqual(
      [defaults.httpHeadersTimeoutMs, defaults.httpRequestTimeoutMs, defaults.httpKeepAliveTimeoutMs, defaults.httpIdleTimeoutMs],
      [10_000, 30_000, 72_000, 120_000],
    );
    assert.deepEqual([defaults.grpcKeepaliveTimeMs, defaults.grpcKeepaliveTimeoutMs, defaults.grpcMaxConnectionIdleMs], [60_000, 20_000, 300_000]);
    const set = loadConfig({ HTTP_HEADERS_TIMEOUT: '500ms', HTTP_REQUEST_TIMEOUT: '2s', GRPC_MAX_CONNECTION_IDLE: '1m' });
    assert.deepEqual([set.httpHeadersTimeoutMs, set.httpRequestTimeoutMs, set.grpcMaxConnectionIdleMs], [500, 2000, 60_000]);
  });

  it('refuses a timeout that is no duration, that no timer holds, or headers allowed longer than the whole request', () => {
    assert.throws(
      () => loadConfig({ HTTP_IDLE_TIMEOUT: '0s', GRPC_KEEPALIVE_TIME: '30d', HTTP_HEADERS_TIMEOUT: '1m', HTTP_REQUEST_TIMEOUT: '30s' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /HTTP_IDLE_TIMEOUT="0s": HTTP_IDLE_TIMEOUT must be a duration/);
        assert.match(error.message, /GRPC_KEEPALIVE_TIME="30d": GRPC_KEEPALIVE_TIME must be at most 24d/);
        assert.match(error.message, /HTTP_HEADERS_TIMEOUT="1m": HTTP_HEADERS_TIMEOUT must not be longer than HTTP_REQUEST_TIMEOUT/);
        return true;
      },
    );
  });

  it('refuses NODE_ENV=Production at start instead of serving as if in development', () => {
    const main = resolve(__dirname, '..', '..', 'src', 'main.js');
    // Free ports, a throwaway folder and a time limit: should the setting be taken, a whole service starts.
    const dir = tempDir('config-node-env');
    const env = { ...process.env, NODE_ENV: 'Production', HOST: '127.0.0.1', PORT: '0', GRPC_PORT: '0', DATA_DIR: dir.path };
    const run = spawnSync(process.execPath, [main], { env, encoding: 'utf8', timeout: 20_000, killSignal: 'SIGKILL' });
    dir.remove();
    assert.equal(run.status, 1);
    assert.equal(run.stdout, '', 'nothing started, nothing logged');
    assert.equal(run.stderr, 'ledgerbridge: invalid configuration:\n  NODE_ENV="Production": NODE_ENV must be one of development, production, test\n');
  });

  it('stops the service at start with that message and exit code 1', () => {
    const main = resolve(__dirname, '..', '..', 'src', 'main.js');
    const run = spawnSync(process.execPath, [main], { env: { ...process.env, GRPC_PORT: '70000' }, encoding: 'utf8' });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /invalid configuration:\n\s+GRPC_PORT="70000": GRPC_PORT must not be greater than 65535/);
  });
});
