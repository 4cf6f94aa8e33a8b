import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ErpSimulator } from '../../../src/erp/simulator/erp-simulator';
import { workedExampleSale } from '../../order/api/order-requests';
import { ServiceProcess } from '../../projections/runner/projection-kill-service';
import { freePort } from '../../support/free-port';
import { backOfficeNiceness } from '../../support/process-threads';
import { tempDir } from '../../support/temp-dir';
import { SAP_CALLBACK_CREDENTIALS, simulatedErpTargets, simulatorAdmin, simulatorSettings } from '../connector-harness';

const ERPS = ['sap', 'netsuite', 'd365'] as const;
/** The request of each ERP that posts (SAP's message, NetSuite's first entry, D365's journal header) is held this long. */
const HELD_MS = 2500;

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read().catch(() => undefined);
    if (value !== undefined && done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The real service (`node dist/src/main.js`) SIGKILLed while each ERP is posting the batch it was
 * sent (the attempt recorded, no answer yet), and started again: it resends under the same ERP
 * keys, and each ERP holds the batch once.
 */
describe('SIGKILL between sending a batch and its acknowledgement', () => {
  const dir = tempDir('delivery-kill');
  const settings = simulatorSettings();
  let simulator: ErpSimulator;
  let service: ServiceProcess | undefined;
  const json = async (path: string, body?: unknown) => {
    const response = await fetch(
      `${service!.base}${path}`,
      body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
    );
    return { status: response.status, body: (await response.json()) as any };
  };
  let port: string;
  // SAP's communication system has one fixed host: the restart listens where the first run did, the callback set before
  // either starts. Set after a restart instead, the resend's confirmation would go to the killed process and be lost.
  const start = async () => {
    service = await ServiceProcess.start(dir.path, {
      PORT: port,
      ERP_TARGETS: simulatedErpTargets(simulator, { retries: 0, requestTimeoutMs: 10_000 }),
      ERP_RETRY_MAX_DELAY: '500ms',
      SAGAS_ENABLED: 'false',
    });
  };

  before(async () => {
    port = String(await freePort());
    settings.sap.callback = { url: `http://127.0.0.1:${port}/erp/sap/confirmations`, ...SAP_CALLBACK_CREDENTIALS };
    simulator = await ErpSimulator.start(settings);
  });
  after(async () => {
    if (service?.running) await service.kill();
    await simulator.close();
    dir.remove();
  });

  it('posts the batch once at each ERP after the restart, and records both attempts and one acknowledgement', async () => {
    await start();
    const admin = simulatorAdmin(simulator);
    for (const [erp, method] of [
      ['sap', 'POST'],
      ['netsuite', 'PUT'],
      ['d365', 'POST'],
    ] as const)
      await admin.fault({ erp, kind: 'slow', delayMs: HELD_MS, method, times: 1 });
    for (const [path, body] of workedExampleSale('o-kill')) {
      assert.equal((await json(path, body)).status, 201, path);
    }
    await until(
      'the journal',
      () => json('/projections'),
      (r) => r.body.projections.every((p: { eventsBehind: number }) => p.eventsBehind === 0),
    );
    const closed = await json('/posting-batches/closes', { companyCode: 'US01', postingDate: '2026-11-28' });
    assert.equal(closed.status, 201, JSON.stringify(closed.body));
    const batchId = closed.body.batchId as string;

    // Each ERP is posting what it was sent, held by the fault: the service dies without an answer.
    await until(
      'every ERP holding its request',
      async () => Promise.all(ERPS.map((erp) => admin.requests(erp))),
      (logs) => logs.every((log) => log.some((r) => r.fault === 'slow')),
    );
    const exit = await service!.kill();
    assert.equal(exit.signal, 'SIGKILL');

    await start();
    // The delivery thread runs as back office (BACK_OFFICE_NICENESS, 10 by default) under its own name.
    const { expected, threads } = backOfficeNiceness(service!.pid, 10);
    assert.deepEqual(
      threads.filter((thread) => thread.name === 'lb-erp-delivery').map((thread) => thread.niceness),
      [expected],
    );
    const lanes = await until(
      'every lane acknowledging the batch',
      () => json('/erp/deliveries'),
      (r) => r.body.deliveries?.every((lane: { lastAcknowledged: { batchId: string } | null }) => lane.lastAcknowledged?.batchId === batchId),
    );
    assert.equal(lanes.body.deliveries.length, 3);
    // The held requests complete on their own: wait for them before counting what the ERPs hold.
    await until(
      'the held requests',
      async () => simulator.stats(),
      (stats) => ERPS.every((erp) => stats[erp].inFlight === 0),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const erp of ERPS) {
      const documents = await admin.documents(erp);
      assert.equal(documents.length, erp === 'd365' ? 1 : 3, `${erp}: ${documents.map((d) => d.key).join(', ')}`);
      assert.equal(new Set(documents.map((d) => d.key)).size, documents.length, `${erp}: a key twice`);
    }
    await until(
      'the delivery read model',
      () => json(`/erp/deliveries?batchId=${batchId}`),
      (r) => r.body.history?.filter((item: { type: string }) => item.type === 'BatchAcknowledgedByErp').length === 3,
    );
    const { history } = (await json(`/erp/deliveries?batchId=${batchId}`)).body;
    for (const erp of ERPS) {
      const lane = history.filter((item: { target: string }) => item.target === erp);
      const sent = lane
        .filter((item: { type: string }) => item.type === 'BatchSentToErp')
        .map((item: { details: { attempt: number; generation: number } }) => [item.details.attempt, item.details.generation]);
      assert.deepEqual(
        sent.slice(0, 2),
        [
          [1, 0],
          [2, 0],
        ],
        `${erp}: the attempt cut by the kill, then its resend under the same keys`,
      );
      assert.equal(lane.filter((item: { type: string }) => item.type === 'BatchAcknowledgedByErp').length, 1, erp);
    }
    await service!.stop();
  });
});
