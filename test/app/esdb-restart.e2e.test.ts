import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ProjectionHost } from '../../projections/host/projection-host';
import { ErpSimulator } from '../../src/erp/simulator/erp-simulator';
import { EsdbProtocolServer } from '../../src/esdb-protocol/esdb-protocol-server';
import { StreamNotFoundError } from '../../src/event-store/event-store.errors';
import { type Endpoint, eventually, startEndpoint } from '../esdb-protocol/endpoint-fixture';
import { SAP_CALLBACK_CREDENTIALS, simulatedErpTargets, simulatorAdmin, simulatorSettings } from '../erp/connector-harness';
import { workedExampleOrder } from '../order/api/order-requests';
import { call } from '../support/edge-app';
import { tempDir } from '../support/temp-dir';
import { GENEROUS_RATE_LIMIT, startTestApp, type TestApp } from '../support/test-app';
import { TEST_CALLERS, TEST_KEYS } from '../support/test-keys';

/** Paid by gift card, so OrderPlaced itself posts a journal entry. */
const giftCardOrder = (orderId: string) => ({ ...workedExampleOrder(orderId), tenders: [{ kind: 'gift_card', amountMinor: 10519, reference: `gc-${orderId}` }] });

/** An order's event types, read from the file behind the endpoint, which answers while the endpoint is down. */
async function typesOf(endpoint: Endpoint, orderId: string): Promise<string[]> {
  try {
    return (await endpoint.store.readStream(`order-${orderId}`)).map((event) => event.type);
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
}
const postingBatches = async (base: string) =>
  (await call(base, 'GET', '/posting-batches?companyCode=US01', { key: TEST_KEYS.finance })).body.batches as Array<Record<string, any>>;
const everyProjectionLive = async (base: string) =>
  ((await call(base, 'GET', '/projections', { key: TEST_KEYS.finance })).body.projections as Array<Record<string, any>>).every(
    (projection) => projection.state === 'live' && projection.eventsBehind === 0,
  );

describe('EventStoreDB restarting under the running service (projections, sagas, size-triggered batch closing and ERP delivery on)', () => {
  const dir = tempDir('esdb-restart');
  let endpoint: Endpoint;
  let restarted: EsdbProtocolServer | undefined;
  let service: TestApp;
  let simulator: ErpSimulator;
  const types = (orderId: string) => typesOf(endpoint, orderId);
  const batches = () => postingBatches(service.base);
  const lanes = async () => (await call(service.base, 'GET', '/erp/deliveries', { key: TEST_KEYS.opsRead })).body.deliveries as Array<Record<string, any>>;
  const acknowledgedEverywhere = async (batchId: string) => (await lanes()).every((lane) => lane.lastAcknowledged?.batchId === batchId);

  before(async () => {
    endpoint = await startEndpoint();
    const settings = simulatorSettings();
    simulator = await ErpSimulator.start(settings);
    service = await startTestApp({
      dataDir: dir.path,
      keys: TEST_CALLERS,
      env: {
        ...GENEROUS_RATE_LIMIT,
        EVENTSTORE_URL: endpoint.url,
        SAGAS_ENABLED: 'true',
        BATCH_MAX_ENTRIES: '2',
        ERP_TARGETS: simulatedErpTargets(simulator, { retries: 0 }),
        ERP_RETRY_MAX_DELAY: '200ms',
      },
    });
    // SAP acknowledges by calling back, as its outbound interface does.
    settings.sap.callback = { url: `${service.base}/erp/sap/confirmations`, ...SAP_CALLBACK_CREDENTIALS };
  });
  after(async () => {
    await service.close();
    await simulator.close();
    await restarted?.close();
    await endpoint.close();
    dir.remove();
  });

  it('the projections, the sagas, the batch closing and ERP delivery follow the log again by themselves, from where they were: nothing skipped, nothing twice', async () => {
    // NetSuite answers the first batch late: the restart comes while it is on its way, before its outcome is recorded.
    await simulatorAdmin(simulator).fault({ erp: 'netsuite', kind: 'slow', delayMs: 1500, times: 1 });
    for (const orderId of ['in-flight-1', 'in-flight-2', 'before-restart']) {
      const placed = await call(service.base, 'POST', '/orders', { key: TEST_KEYS.web, body: giftCardOrder(orderId) });
      assert.equal(placed.status, 201);
    }
    await eventually(async () => (await types('before-restart')).includes('InventoryReserved'), 'the saga reserves the orders');
    await service.app.get(ProjectionHost).caughtUp();
    await eventually(async () => (await batches()).length === 1, 'the first two orders fill a batch');
    const [inFlight] = await batches();
    await eventually(async () => (await simulatorAdmin(simulator).requests('netsuite')).length > 0, 'NetSuite receives the batch');

    // The node restarts on the same address: every open subscription breaks.
    const port = Number(endpoint.address.split(':')[1]);
    await endpoint.server.close();
    restarted = new EsdbProtocolServer(endpoint.store);
    await restarted.listen('127.0.0.1', port);

    // The first command may find the client reconnecting (503, retry), never another answer.
    let answer = await call(service.base, 'POST', '/orders', { key: TEST_KEYS.web, body: giftCardOrder('after-restart') });
    for (let tries = 0; answer.status === 503 && tries < 20; tries++) {
      await new Promise((done) => setTimeout(done, 250));
      answer = await call(service.base, 'POST', '/orders', { key: TEST_KEYS.web, body: giftCardOrder('after-restart') });
    }
    assert.equal(answer.status, 201, JSON.stringify(answer.body));

    await eventually(async () => (await types('after-restart')).includes('InventoryReserved'), 'the saga reserves the order placed after the restart', 30_000);
    await eventually(() => everyProjectionLive(service.base), 'every projection live again and caught up', 30_000);
    for (const orderId of ['before-restart', 'after-restart']) {
      const reserved = (await types(orderId)).filter((type) => type === 'InventoryReserved');
      assert.equal(reserved.length, 1, `order-${orderId}: reserved once`);
    }
    await eventually(async () => (await batches()).length === 2, 'the day filled by the order placed after the restart closes', 30_000);
    const filled = (await batches()).find((batch) => batch.batchId !== inFlight.batchId)!;
    assert.equal(filled.entryCount, 2);
    // In order: the batch on its way during the restart first, then the one closed after it.
    await eventually(() => acknowledgedEverywhere(filled.batchId), 'every ERP acknowledges both batches', 30_000);
    for (const erp of ['sap', 'netsuite', 'd365'] as const) {
      const keys = (await simulatorAdmin(simulator).documents(erp)).map((document) => document.key);
      assert.equal(new Set(keys).size, keys.length, `${erp}: no document posted twice (${keys.join(', ')})`);
      for (const { batchId } of [inFlight, filled])
        assert.ok(
          keys.some((key) => key.includes(batchId)),
          `${erp}: ${batchId} posted (${keys.join(', ')})`,
        );
    }
    const callbacks = (await simulatorAdmin(simulator).requests('sap')).filter((request) => request.direction === 'callback').map((request) => request.status);
    assert.ok(
      callbacks.every((status) => status === 200 || status === 503),
      `SAP's confirmations were stored, or asked to come again while the store was away (503), never failed: ${callbacks.join(', ')}`,
    );
    assert.deepEqual(
      (await lanes()).map((lane) => [lane.target, lane.backlog, lane.deadLetters]),
      [
        ['sap', 0, 0],
        ['netsuite', 0, 0],
        ['d365', 0, 0],
      ],
    );
    const report = (await service.app.get(ProjectionHost).rebuild('journal'))!;
    assert.equal(report.equal, true, `the journal equals a clean rebuild: ${report.differingTables.join(', ')}`);

    const said = service.logs.lines.map((line) => String(line.msg));
    assert.ok(
      said.some((msg) => /projection journal failed: .*restarting it from its checkpoint in [\d.]+ s/.test(msg)),
      'the log says which projection failed, why, and when it restarts',
    );
  });
});

describe('EventStoreDB not up yet when the service starts (as when both start together)', () => {
  const dir = tempDir('esdb-late');
  let endpoint: Endpoint;
  let late: EsdbProtocolServer | undefined;
  let service: TestApp | undefined;
  after(async () => {
    await service?.close();
    await late?.close();
    await endpoint.close();
    dir.remove();
  });

  it('starts, answers 503 until the store answers, then takes orders while its projections and sagas start by themselves', async () => {
    endpoint = await startEndpoint();
    const port = Number(endpoint.address.split(':')[1]);
    await endpoint.server.close();

    service = await startTestApp({
      dataDir: dir.path,
      keys: TEST_CALLERS,
      env: { ...GENEROUS_RATE_LIMIT, EVENTSTORE_URL: endpoint.url, SAGAS_ENABLED: 'true', BATCH_MAX_ENTRIES: '1' },
    });
    const { base } = service;
    assert.equal((await call(base, 'GET', '/health')).status, 200);
    assert.equal((await call(base, 'GET', '/ready')).status, 503);
    const refused = await call(base, 'POST', '/orders', { key: TEST_KEYS.web, body: giftCardOrder('while-down') });
    assert.equal(refused.status, 503, JSON.stringify(refused.body));
    assert.equal(refused.body.error.code, 'UNAVAILABLE');
    assert.equal(refused.headers.get('retry-after'), '1', 'the client is told when to try again');
    // An operator restarting a projection meanwhile hears that the store is away, and does not end its retries.
    const restarted = await call(base, 'POST', '/projections/journal/restart', { key: TEST_KEYS.ops });
    assert.deepEqual([restarted.status, restarted.body.error?.code], [503, 'UNAVAILABLE'], JSON.stringify(restarted.body));

    late = new EsdbProtocolServer(endpoint.store);
    await late.listen('127.0.0.1', port);
    await eventually(async () => (await call(base, 'GET', '/ready')).status === 200, 'ready once the store answers', 30_000);
    const placed = await call(base, 'POST', '/orders', { key: TEST_KEYS.web, body: giftCardOrder('once-up') });
    assert.equal(placed.status, 201, JSON.stringify(placed.body));
    await eventually(async () => (await typesOf(endpoint, 'once-up')).includes('InventoryReserved'), 'the saga reserves the order', 30_000);
    await eventually(() => everyProjectionLive(base), 'every projection started and caught up', 30_000);
    await eventually(async () => (await postingBatches(base)).length === 1, 'size-triggered closing closes the full day', 30_000);
    // Each try is one line: a start the store's absence stopped is said by its retry, not also as a start that failed.
    const said = service.logs.lines.map((line) => String(line.msg));
    assert.ok(
      said.some((msg) => /projection journal failed: .*restarting it from its checkpoint in [\d.]+ s/.test(msg)),
      said.join('\n'),
    );
    assert.deepEqual(
      said.filter((msg) => /projection \S+ did not start/.test(msg)),
      [],
    );
  });
});
