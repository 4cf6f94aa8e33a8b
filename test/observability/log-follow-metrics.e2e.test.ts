import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CommandDispatcher } from '../../src/runtime/command-dispatcher';
import { eventually, startEndpoint, type Endpoint } from '../esdb-protocol/endpoint-fixture';
import { AT, workedExampleSale } from '../order/api/order-requests';
import { call, type HttpAnswer } from '../support/edge-app';
import { assertWoken } from '../support/held-reads';
import { ORDER_KEYS as KEYS, type OrderApp, startOrderApp } from '../support/order-app';
import { type Sample, samplesOf, valueOf } from '../support/prometheus-text';
import { tempDir } from '../support/temp-dir';

/** A held read that was woken answers long before this; one that ran out would answer only after all of it. */
const WAIT_SECONDS = 25;
const WOKEN_WITHIN_MS = (WAIT_SECONDS - 5) * 1000;
const FOLLOWER_SERIES = /^ledgerbridge_log_follower_/;

const scrape = async (app: OrderApp): Promise<Sample[]> => {
  const answer = await fetch(`${app.base}/metrics`, { headers: { authorization: `Bearer ${KEYS.opsRead}` } });
  assert.equal(answer.status, 200);
  return samplesOf(await answer.text());
};

const heldRead = (app: OrderApp, orderId: string, revision: number, seconds: number): Promise<HttpAnswer> =>
  call(app.base, 'GET', `/orders/${orderId}`, { key: KEYS.web, headers: { 'if-none-match': `"${revision}"`, prefer: `wait=${seconds}` } });

/** Places the worked example and authorizes it (revision 1) through `app`. */
async function placedAndAuthorized(app: OrderApp, orderId: string): Promise<void> {
  for (const [path, body] of workedExampleSale(orderId).slice(0, 2)) {
    const sent = await call(app.base, 'POST', path, { key: KEYS.web, body });
    assert.equal(sent.status, 201, JSON.stringify(sent.body));
  }
}

const waitersOf = (app: OrderApp) => app.app.get(CommandDispatcher).changeWaiters;

/**
 * An operator's view of the follower that wakes a node's held reads on other nodes' appends: two
 * API nodes on EventStoreDB (the embedded store served over its protocol), and one on the
 * embedded store, which follows nothing.
 */
describe("GET /metrics: following other nodes' appends", () => {
  const dirs = [tempDir('follow-metrics-a'), tempDir('follow-metrics-b')];
  let endpoint: Endpoint;
  let a: OrderApp;
  let b: OrderApp;

  before(async () => {
    endpoint = await startEndpoint();
    const env = { EVENTSTORE_URL: endpoint.url, ROLES: 'api' };
    a = await startOrderApp(dirs[0].path, { env });
    b = await startOrderApp(dirs[1].path, { env });
  });
  after(async () => {
    await a?.close();
    await b?.close();
    await endpoint?.close();
    for (const dir of dirs) dir.remove();
  });

  it('shows the orders followed once a read waits, and counts the held read another node woke', async () => {
    assert.deepEqual(
      (await scrape(a)).filter((sample) => FOLLOWER_SERIES.test(sample.name)),
      [],
      'nothing followed before a read waits',
    );
    await placedAndAuthorized(b, 'follow-1');
    const heldSince = Date.now();
    const held = heldRead(a, 'follow-1', 1, WAIT_SECONDS);
    await eventually(() => waitersOf(a) === 1, 'the read waits on node a');
    const captured = await call(b.base, 'POST', '/orders/follow-1/captures', { key: KEYS.web, body: { captureId: 'cap-1', amountMinor: 10519, currency: 'USD', at: AT } });
    assert.equal(captured.status, 201);
    assert.equal((await held).status, 200);
    assertWoken(heldSince, WOKEN_WITHIN_MS, "node b's capture");

    const samples = await scrape(a);
    assert.equal(valueOf(samples, 'ledgerbridge_log_follower_subscription_open', { aggregate: 'order' }), 1, 'following orders');
    assert.equal(valueOf(samples, 'ledgerbridge_log_follower_woken_waiters_total', { aggregate: 'order' }), 1);
    assert.equal(valueOf(samples, 'ledgerbridge_log_follower_failures_total', { aggregate: 'order' }), undefined, 'no failure');
  });
});

describe("GET /metrics on the embedded store: no follower's series", () => {
  const dir = tempDir('follow-metrics-embedded');
  let app: OrderApp;
  before(async () => {
    app = await startOrderApp(dir.path);
  });
  after(async () => {
    await app?.close();
    dir.remove();
  });

  it('a read that waited leaves no series of following, not even zeros', async () => {
    await placedAndAuthorized(app, 'alone-1');
    assert.equal((await heldRead(app, 'alone-1', 1, 1)).status, 304);
    const samples = await scrape(app);
    assert.deepEqual(
      samples.filter((sample) => FOLLOWER_SERIES.test(sample.name)),
      [],
    );
    assert.ok(
      samples.some((sample) => sample.name === 'ledgerbridge_commands_total'),
      'the scrape has the other series',
    );
  });
});
