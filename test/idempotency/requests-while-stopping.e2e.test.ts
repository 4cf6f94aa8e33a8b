import assert from 'node:assert/strict';
import { type BeforeApplicationShutdown, Injectable, Module } from '@nestjs/common';
import { after, before, describe, it } from 'node:test';
import { workedExampleOrder } from '../order/api/order-requests';
import { call, type HttpAnswer } from '../support/edge-app';
import { startTestApp, type TestApp } from '../support/test-app';
import { TEST_CALLERS, TEST_KEYS as KEYS } from '../support/test-keys';
import { tempDir } from '../support/temp-dir';

/** What a channel sent while the service was stopping: after sagas, projections and the rest stopped, before the servers close. */
const whileStopping: { base?: string; first?: HttpAnswer; retried?: HttpAnswer } = {};

@Injectable()
class OrderSentWhileStopping implements BeforeApplicationShutdown {
  async beforeApplicationShutdown(): Promise<void> {
    const send = () => call(whileStopping.base!, 'POST', '/orders', { key: KEYS.web, body: workedExampleOrder('stopping-1'), headers: { 'idempotency-key': 'stopping-1' } });
    whileStopping.first = await send();
    whileStopping.retried = await send();
  }
}

@Module({ providers: [OrderSentWhileStopping] })
class ChannelWhileStopping {}

describe('a request with an Idempotency-Key served while the service stops', () => {
  const dir = tempDir('idempotency-stopping');
  let app: TestApp;
  before(async () => {
    app = await startTestApp({ dataDir: dir.path, keys: TEST_CALLERS, env: { SHUTDOWN_DRAIN: '1ms' }, imports: [ChannelWhileStopping] });
    whileStopping.base = app.base;
  });
  after(() => dir.remove());

  it('is answered as at any other time, its key kept until the servers close (not a 500 from a key file already closed)', async () => {
    await app.close();
    assert.equal(whileStopping.first?.status, 201, JSON.stringify(whileStopping.first?.body));
    assert.equal(whileStopping.retried?.status, 201, 'the retry is answered from the key');
    assert.deepEqual(whileStopping.retried?.body, whileStopping.first?.body);
    assert.equal(whileStopping.retried?.headers.get('idempotent-replayed'), 'true');
  });
});
