import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ErpSimulator } from '../../../src/erp/simulator/erp-simulator';
import { eventually, startEndpoint, type Endpoint } from '../../esdb-protocol/endpoint-fixture';
import { workedExampleSale } from '../../order/api/order-requests';
import { call } from '../../support/edge-app';
import { GENEROUS_RATE_LIMIT, startTestApp, type TestApp } from '../../support/test-app';
import { TEST_CALLERS, TEST_KEYS } from '../../support/test-keys';
import { tempDir } from '../../support/temp-dir';
import { FAST, simulatorAdmin, simulatorSettings } from '../connector-harness';

const DAY = '2026-11-28';

/**
 * Two delivery nodes on one EventStoreDB (the embedded store behind the protocol endpoint): one
 * runs the delivery thread under the `erp-delivery` lease, the other stands by and takes over
 * when the first stops; every batch reaches the ERP once.
 */
describe('ERP delivery on two nodes: one sends, the other stands by and takes over', () => {
  const dirs = [tempDir('delivery-node-a'), tempDir('delivery-node-b')];
  let endpoint: Endpoint;
  let simulator: ErpSimulator;
  let a: TestApp;
  let b: TestApp;
  let orders = 0;
  const http = (node: TestApp, method: string, path: string, key: string, body?: unknown) => call(node.base, method, path, { key, ...(body === undefined ? {} : { body }) });
  /** Whether a node sends or stands by, as its readiness probe says (its `node` part). */
  const deliveryRole = async (node: TestApp): Promise<string | undefined> => {
    const ready = (await fetch(`${node.base}/ready`).then((r) => r.json())) as { details?: { node?: unknown }; leases?: unknown };
    const described = (ready.details?.node ?? ready) as { leases?: Record<string, { role: string }> };
    return described.leases?.['erp-delivery']?.role;
  };

  /** An order placed, paid and shipped through `node`, its day closed into a batch there; the batch id. */
  async function closeOneBatch(node: TestApp): Promise<string> {
    const orderId = `o-${++orders}`;
    for (const [path, body] of workedExampleSale(orderId)) assert.equal((await http(node, 'POST', path, TEST_KEYS.web, body)).status, 201, path);
    await eventually(
      async () => (await http(node, 'GET', '/projections', TEST_KEYS.finance)).body.projections.every((p: { eventsBehind: number }) => p.eventsBehind === 0),
      'the read models catch up',
      30_000,
    );
    const closed = await http(node, 'POST', '/posting-batches/closes', TEST_KEYS.ops, { companyCode: 'US01', postingDate: DAY });
    assert.equal(closed.status, 201, JSON.stringify(closed.body));
    return closed.body.batchId;
  }

  const acknowledged = async (node: TestApp, batchId: string) =>
    (await http(node, 'GET', '/erp/deliveries', TEST_KEYS.opsRead)).body.deliveries.every(
      (lane: { lastAcknowledged?: { batchId: string } }) => lane.lastAcknowledged?.batchId === batchId,
    );

  /** Waits for `batchId` to be acknowledged through `node`; if it never is, prints the node's delivery logs and lanes. */
  const untilAcknowledged = (node: TestApp, batchId: string, what: string) =>
    eventually(() => acknowledged(node, batchId), what, 30_000).catch(async (error) => {
      console.error(
        node.logs.lines
          .filter((line) => (line.level as number) >= 40 || /Erp|Deliver/.test(String(line.context)))
          .map((line) => JSON.stringify(line))
          .join('\n'),
      );
      console.error(JSON.stringify((await http(node, 'GET', '/erp/deliveries', TEST_KEYS.opsRead)).body));
      throw error;
    });

  before(async () => {
    endpoint = await startEndpoint();
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
    const env = { ...GENEROUS_RATE_LIMIT, EVENTSTORE_URL: endpoint.url, ERP_TARGETS: JSON.stringify([netsuite]), ERP_RETRY_MAX_DELAY: '200ms', LEASE_TIMEOUT: '3s' };
    a = await startTestApp({ dataDir: dirs[0].path, keys: TEST_CALLERS, env });
    await eventually(async () => (await deliveryRole(a)) === 'active', 'node A sending');
    b = await startTestApp({ dataDir: dirs[1].path, keys: TEST_CALLERS, env });
  });
  after(async () => {
    await a?.close().catch(() => undefined);
    await b?.close();
    await simulator?.close();
    await endpoint?.close();
    for (const dir of dirs) dir.remove();
  });

  it('the standby sends nothing and says who does; once the sender stops, it takes over; each batch reaches the ERP once', async () => {
    await eventually(async () => (await deliveryRole(b)) === 'standby', 'node B standing by');
    const standby = await http(b, 'GET', `/erp/reconciliation?companyCode=US01&target=netsuite&from=${DAY}&to=${DAY}`, TEST_KEYS.finance);
    assert.equal(standby.status, 503);
    assert.equal(standby.body.error.code, 'STANDBY');
    assert.match(standby.body.error.details.holder, new RegExp(`/${process.pid}/`), 'names the holder');

    const first = await closeOneBatch(a);
    await untilAcknowledged(a, first, 'the first batch acknowledged');

    await a.close();
    await eventually(async () => (await deliveryRole(b)) === 'active', 'node B taking over once node A released the lease');
    const second = await closeOneBatch(b);
    await untilAcknowledged(b, second, 'the second batch acknowledged');

    const documents = await simulatorAdmin(simulator).documents('netsuite');
    const keys = documents.map((document) => document.key);
    assert.equal(new Set(keys).size, keys.length, 'no entry posted twice');
    assert.ok(keys.some((key) => key.startsWith(first)) && keys.some((key) => key.startsWith(second)), JSON.stringify(keys));
  });
});
