import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ErpSimulator } from '../../src/erp/simulator/erp-simulator';
import { eventually } from '../esdb-protocol/endpoint-fixture';
import { FAST, simulatorAdmin, simulatorSettings } from '../erp/connector-harness';
import { workedExampleSale } from '../order/api/order-requests';
import { call } from '../support/edge-app';
import { samplesOf, valueOf } from '../support/prometheus-text';
import { GENEROUS_RATE_LIMIT, startTestApp, type TestApp } from '../support/test-app';
import { TEST_CALLERS, TEST_KEYS as KEYS } from '../support/test-keys';
import { tempDir } from '../support/temp-dir';

const DAY = '2026-11-28';
const LANE = { target: 'netsuite', company_code: 'US01' };

describe('ERP delivery in /metrics, readiness and traces: backlog, oldest undelivered batch, outcomes, dead letters, the close’s trace on the delivery events', () => {
  const dir = tempDir('erp-signals');
  let simulator: ErpSimulator;
  let app: TestApp;
  let orders = 0;
  const http = (method: string, path: string, key: string, body?: unknown) => call(app.base, method, path, { key, ...(body === undefined ? {} : { body }) });
  const scrape = async () => samplesOf(await (await fetch(`${app.base}/metrics`, { headers: { authorization: `Bearer ${KEYS.opsRead}` } })).text());
  const readiness = async () => (await fetch(`${app.base}/ready`)).json() as Promise<{ status: string; info: Record<string, any>; details: Record<string, any> }>;

  /** A worked-example order placed, paid and shipped, its day closed into a batch (under `traceparent` when given); the batch id. */
  async function closeOneBatch(traceparent?: string): Promise<string> {
    const orderId = `erp-${++orders}`;
    for (const [path, body] of workedExampleSale(orderId)) assert.equal((await http('POST', path, KEYS.web, body)).status, 201, path);
    await eventually(
      async () => (await http('GET', '/projections', KEYS.finance)).body.projections.every((p: { eventsBehind: number }) => p.eventsBehind === 0),
      'the read models catch up',
    );
    const closed = await call(app.base, 'POST', '/posting-batches/closes', {
      key: KEYS.ops,
      body: { companyCode: 'US01', postingDate: DAY },
      headers: traceparent ? { traceparent } : {},
    });
    assert.equal(closed.status, 201, JSON.stringify(closed.body));
    return closed.body.batchId;
  }

  before(async () => {
    simulator = await ErpSimulator.start(simulatorSettings());
    const netsuite = {
      erp: 'netsuite',
      target: 'netsuite',
      url: simulator.urls.netsuite,
      accountId: '1234567_SB1',
      auth: { kind: 'tba', consumerKey: 'ck-test', consumerSecret: 'cs-secret-1', tokenId: 'tk-test', tokenSecret: 'ts-secret-1' },
      resilience: { ...FAST, retries: 0 },
      companyCodes: ['US01'],
    };
    app = await startTestApp({ dataDir: dir.path, keys: TEST_CALLERS, env: { ...GENEROUS_RATE_LIMIT, ERP_TARGETS: JSON.stringify([netsuite]), ERP_RETRY_MAX_DELAY: '200ms' } });
  });
  after(async () => {
    await app.close();
    await simulator.close();
    dir.remove();
  });

  it('shows an empty backlog once the ERP acknowledged, and counts the send and its outcome', async () => {
    const initial = await scrape();
    assert.equal(valueOf(initial, 'ledgerbridge_erp_delivery_backlog_batches', LANE), 0);
    const closing = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const batchId = await closeOneBatch(closing);
    await eventually(async () => (await http('GET', '/erp/deliveries', KEYS.opsRead)).body.deliveries[0].lastAcknowledged?.batchId === batchId, 'NetSuite acknowledges', 20_000);
    const deliveryEvents = (await app.store.readStream('erp-delivery-netsuite-US01')).filter((event) => (event.data as { batchId?: string }).batchId === batchId);
    assert.deepEqual(
      deliveryEvents.map((event) => event.type),
      ['BatchSentToErp', 'BatchAcknowledgedByErp'],
    );
    for (const event of deliveryEvents) assert.equal(event.metadata.traceparent, closing, `${event.type} carries the trace of the close that made the batch`);
    await eventually(
      async () => valueOf(await scrape(), 'ledgerbridge_erp_deliveries_total', { target: 'netsuite', outcome: 'acknowledged' }) === 1,
      'the acknowledgement is counted',
    );
    const samples = await scrape();
    assert.equal(valueOf(samples, 'ledgerbridge_erp_deliveries_total', { target: 'netsuite', erp: 'netsuite', outcome: 'sent' }), 1);
    assert.equal(valueOf(samples, 'ledgerbridge_erp_delivery_backlog_batches', LANE), 0);
    assert.equal(valueOf(samples, 'ledgerbridge_erp_delivery_oldest_undelivered_age_seconds', LANE), 0);
    assert.equal(valueOf(samples, 'ledgerbridge_erp_delivery_dead_letters', LANE), 0);
    const ready = await readiness();
    assert.equal(ready.status, 'ok');
    assert.deepEqual([ready.info.erp.status, ready.info.erp.targets['netsuite/US01'].backlog, ready.info.erp.targets['netsuite/US01'].breaker], ['up', 0, 'closed']);
  });

  it('makes readiness degraded, not down, while a dead letter waits, and shows it in the backlog', async () => {
    await simulatorAdmin(simulator).fault({ erp: 'netsuite', kind: 'refuse', match: `US01-${DAY}-2-1`, message: 'Invalid account reference key 118 for subsidiary 1.', times: 1 });
    await closeOneBatch();
    await eventually(async () => valueOf(await scrape(), 'ledgerbridge_erp_delivery_dead_letters', LANE) === 1, 'a dead letter', 20_000);
    const samples = await scrape();
    assert.equal(valueOf(samples, 'ledgerbridge_erp_delivery_backlog_batches', LANE), 1);
    // Whole seconds: a dead letter recorded within half a second of the close still shows 0, then the age grows.
    await eventually(async () => (valueOf(await scrape(), 'ledgerbridge_erp_delivery_oldest_undelivered_age_seconds', LANE) ?? 0) > 0, 'the undelivered batch ages');
    await eventually(
      async () => valueOf(await scrape(), 'ledgerbridge_erp_deliveries_total', { target: 'netsuite', outcome: 'dead-lettered' }) === 1,
      'the dead letter is counted',
    );
    const answer = await fetch(`${app.base}/ready`);
    assert.equal(answer.status, 200, 'orders are still taken while the ERP refuses');
    const ready = (await answer.json()) as { status: string; info: Record<string, any> };
    assert.equal(ready.status, 'degraded');
    assert.deepEqual([ready.info.erp.status, ready.info.erp.troubled], ['degraded', ['netsuite/US01']]);
    assert.equal(ready.info.erp.targets['netsuite/US01'].deadLetters, 1);
  });
});
