import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { erpDeliveriesProjection } from '../../../projections/erp-delivery/erp-deliveries.projection';
import { ProjectionDatabase } from '../../../projections/runner/projection-database';
import { ErpSimulator } from '../../../src/erp/simulator/erp-simulator';
import { eventually } from '../../esdb-protocol/endpoint-fixture';
import { workedExampleSale } from '../../order/api/order-requests';
import { call } from '../../support/edge-app';
import { GrpcClient } from '../../support/grpc-client';
import { GENEROUS_RATE_LIMIT, startTestApp, type TestApp } from '../../support/test-app';
import { TEST_CALLERS, TEST_KEYS } from '../../support/test-keys';
import { tempDir } from '../../support/temp-dir';
import { SAP_CALLBACK_CREDENTIALS, simulatedErpTargets, simulatorAdmin, simulatorSettings } from '../connector-harness';

const ERP_DELIVERY_GRPC = { proto: 'ledgerbridge/ops/v1/erp_delivery.proto', service: 'ledgerbridge.ops.v1.ErpDelivery', longs: Number };
const DAY = '2026-11-28';

describe('ERP delivery in the service: the delivery thread, the operators and finance over HTTP and gRPC, SAP calling back', () => {
  const dir = tempDir('erp-delivery-service');
  const settings = simulatorSettings();
  let simulator: ErpSimulator;
  let app: TestApp;
  let grpc: GrpcClient;
  let orders = 0;
  const http = (method: string, path: string, key: string, body?: unknown) => call(app.base, method, path, { key, ...(body === undefined ? {} : { body }) });
  const admin = () => simulatorAdmin(simulator);

  /** A worked-example order placed, paid and shipped over HTTP (three journal entries), its day closed into a batch; the batch id. */
  async function closeOneBatch(): Promise<string> {
    orders += 1;
    const orderId = `o-${orders}`;
    for (const [path, body] of workedExampleSale(orderId)) assert.equal((await http('POST', path, TEST_KEYS.web, body)).status, 201, path);
    await readModelsCaughtUp();
    const closed = await http('POST', '/posting-batches/closes', TEST_KEYS.ops, { companyCode: 'US01', postingDate: DAY });
    assert.equal(closed.status, 201, JSON.stringify(closed.body));
    return closed.body.batchId;
  }

  const readModelsCaughtUp = () =>
    eventually(
      async () => (await http('GET', '/projections', TEST_KEYS.finance)).body.projections.every((p: { eventsBehind: number }) => p.eventsBehind === 0),
      'the read models catch up',
    );
  const lanes = async () => (await http('GET', '/erp/deliveries', TEST_KEYS.opsRead)).body.deliveries as Array<Record<string, any>>;
  const acknowledgedEverywhere = async (batchId: string) => (await lanes()).every((lane) => lane.lastAcknowledged?.batchId === batchId);

  /** Makes the live delivery history refuse events of this type (it halts at the first) until released, as a damaged read model would. */
  function holdDeliveryHistoryAt(type: string): { release(): void } {
    const db = new ProjectionDatabase(join(dir.path, 'projections.sqlite'));
    const events = ProjectionDatabase.tableName(erpDeliveriesProjection.name, 'events', db.liveGeneration(erpDeliveriesProjection.name)!.generation);
    db.db.exec(`CREATE TRIGGER held_history BEFORE INSERT ON ${events} WHEN NEW.type = '${type}' BEGIN SELECT RAISE(ABORT, 'held by the test'); END`);
    return {
      release() {
        db.db.exec('DROP TRIGGER held_history');
        db.close();
      },
    };
  }

  before(async () => {
    simulator = await ErpSimulator.start(settings);
    app = await startTestApp({
      dataDir: dir.path,
      keys: TEST_CALLERS,
      env: { ...GENEROUS_RATE_LIMIT, ERP_TARGETS: simulatedErpTargets(simulator, { retries: 0 }), ERP_RETRY_MAX_DELAY: '200ms' },
    });
    settings.sap.callback = { url: `${app.base}/erp/sap/confirmations`, ...SAP_CALLBACK_CREDENTIALS };
    grpc = new GrpcClient(app.grpcPort, ERP_DELIVERY_GRPC);
  });
  after(async () => {
    grpc.close();
    await app.close();
    await simulator.close();
    dir.remove();
  });

  it('delivers a closed batch to SAP, NetSuite and D365 off the request loop and shows each lane with its last acknowledgement', async () => {
    const batchId = await closeOneBatch();
    await eventually(() => acknowledgedEverywhere(batchId), 'every ERP acknowledges the batch', 20_000);
    const view = await lanes();
    assert.deepEqual(
      view.map((lane) => [lane.target, lane.companyCode, lane.backlog, lane.breaker, lane.oldestUndelivered]),
      [
        ['sap', 'US01', 0, 'closed', null],
        ['netsuite', 'US01', 0, 'closed', null],
        ['d365', 'US01', 0, 'closed', null],
      ],
    );
    // Documents and history come from the delivery log's read model, which follows the log.
    await readModelsCaughtUp();
    const batch = (await http('GET', `/erp/deliveries?batchId=${batchId}`, TEST_KEYS.ops)).body;
    for (const delivery of batch.deliveries) assert.equal(delivery.status, 'acknowledged', delivery.target);
    const documents = Object.fromEntries(batch.deliveries.map((d: { target: string; documents: unknown[] }) => [d.target, d.documents.length]));
    assert.deepEqual(documents, { sap: 3, netsuite: 3, d365: 1 });
    // SAP's 202 is recorded as pending unless its confirmation came first; either way sent, then acknowledged by the callback.
    const sap = batch.history.filter((item: { target: string }) => item.target === 'sap');
    assert.equal(sap[0].type, 'BatchSentToErp');
    assert.deepEqual([sap.at(-1).type, sap.at(-1).details.via], ['BatchAcknowledgedByErp', 'confirmation']);
  });

  it("takes an auditor from a journal line to the ERP documents holding it, and shows a batch's delivery history with its place in history", async () => {
    const [line] = (await http('GET', '/audit/orders/o-1/lines', TEST_KEYS.audit)).body.lines;
    const lineage = (await http('GET', `/audit/lines/${encodeURIComponent(line.lineId)}`, TEST_KEYS.audit)).body;
    assert.equal(lineage.erp.batchId, `US01-${DAY}-1`);
    const atErps = await Promise.all((['sap', 'netsuite', 'd365'] as const).map((erp) => admin().documents(erp)));
    for (const document of lineage.erp.documents) {
      const erp = document.erp as 'sap' | 'netsuite' | 'd365';
      assert.ok(
        atErps[['sap', 'netsuite', 'd365'].indexOf(erp)].some((d) => d.documentNumber === document.documentNumber),
        `${erp} holds ${document.documentNumber}`,
      );
    }
    assert.deepEqual(lineage.erp.documents.map((d: { target: string }) => d.target).sort(), ['d365', 'netsuite', 'sap']);
    const audit = (await http('GET', `/audit/batches/US01-${DAY}-1/deliveries`, TEST_KEYS.audit)).body;
    assert.equal(audit.documents.length, 7);
    const sent = audit.history.find((item: { type: string; target: string }) => item.type === 'BatchSentToErp' && item.target === 'netsuite');
    assert.match(sent.event.streamId, /^erp-delivery-netsuite-US01$/);
    const stream = (await http('GET', `/audit/streams/${sent.event.streamId}/events`, TEST_KEYS.audit)).body;
    assert.ok(
      stream.events.some((event: { eventId: string }) => event.eventId === sent.event.eventId),
      'the history names the events as the log holds them',
    );
  });

  it('answers SAP a 401 without its outbound credentials, and records nothing', async () => {
    const response = await fetch(`${app.base}/erp/sap/confirmations`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml', authorization: 'Basic ' + Buffer.from('SAP_OUTBOUND:wrong').toString('base64') },
      body: '<x/>',
    });
    assert.equal(response.status, 401);
    assert.match(response.headers.get('www-authenticate') ?? '', /^Basic/);
    // XML is read on the callback route only.
    const elsewhere = await fetch(`${app.base}/orders`, { method: 'POST', headers: { 'content-type': 'text/xml', authorization: `Bearer ${TEST_KEYS.web}` }, body: '<order/>' });
    assert.equal(elsewhere.status, 415);
  });

  it("lists a refused batch as a dead letter with the ERP's message; reconciliation shows it; an operator's replay gets it through", async () => {
    const coming = `US01-${DAY}-2`;
    await admin().fault({ erp: 'netsuite', kind: 'refuse', match: `${coming}-3`, message: 'Invalid account reference key 118 for subsidiary 1.', times: 1 });
    // The delivery history (a read model) cannot take the refusal yet: it halts there, as a read
    // side behind would be at the moment the batch becomes a dead letter.
    const historyHeld = holdDeliveryHistoryAt('BatchRejectedByErp');
    const batchId = await closeOneBatch();
    assert.equal(batchId, coming);
    let letters: Array<Record<string, any>> = [];
    try {
      await eventually(async () => (letters = (await http('GET', '/erp/dead-letters', TEST_KEYS.opsRead)).body.deadLetters).length > 0, 'the dead letter', 20_000);
      assert.equal(letters.length, 1);
      const [letter] = letters;
      assert.deepEqual([letter.batchId, letter.target], [batchId, 'netsuite']);
      assert.ok(letter.rejection, 'the first answer listing the dead letter names the refusal');
      assert.deepEqual([letter.rejection.reason, letter.rejection.retryable, letter.rejection.httpStatus], ['refused', false, 400]);
      assert.match(letter.rejection.message, /Invalid account reference key 118 for subsidiary 1/);
      assert.deepEqual(
        letter.rejection.refusedEntries.map((entry: { position: number }) => entry.position),
        [3],
      );
      const overGrpc = await grpc.call('ListDeadLetters', { target: 'netsuite' }, TEST_KEYS.opsRead);
      assert.deepEqual(JSON.parse(overGrpc.response.deadLetters[0].rejectionJson), letter.rejection, 'gRPC lists the same refusal');
      const history = async () => (await http('GET', '/projections', TEST_KEYS.ops)).body.projections.find((p: { projection: string }) => p.projection === 'erp_deliveries');
      await eventually(async () => (await history()).state === 'halted', 'the delivery history halted');
      assert.equal((await history()).halt.type, 'BatchRejectedByErp', 'the delivery history never had the refusal');
    } finally {
      historyHeld.release();
      assert.equal((await http('POST', '/projections/erp_deliveries/restart', TEST_KEYS.ops)).status, 200);
    }
    await readModelsCaughtUp();
    const recorded = (await http('GET', `/erp/deliveries?batchId=${batchId}`, TEST_KEYS.ops)).body.history.find(
      (item: { type: string; target: string }) => item.type === 'BatchRejectedByErp' && item.target === 'netsuite',
    );
    assert.deepEqual({ ...recorded.details, at: recorded.at }, letters[0].rejection, 'the list shows the refusal as the delivery history records it');

    const before = (await http('GET', `/erp/reconciliation?companyCode=US01&target=netsuite&from=${DAY}&to=${DAY}`, TEST_KEYS.finance)).body;
    assert.ok(before.erpBooks, JSON.stringify(before));
    assert.equal(before.erpBooks.readBack, true);
    assert.ok(before.differences.length > 0, 'the refused entries are posted in Ledgerbridge, not acknowledged');
    assert.ok(
      before.differences.every((d: { kinds: string[] }) => d.kinds.includes('not-acknowledged') && !d.kinds.includes('erp-differs')),
      JSON.stringify(before.differences),
    );

    assert.equal((await http('POST', `/erp/deliveries/netsuite/batches/${batchId}/replay`, TEST_KEYS.opsRead, { reason: 'account 118 opened' })).status, 403);
    const replay = await http('POST', `/erp/deliveries/netsuite/batches/${batchId}/replay`, TEST_KEYS.ops, { reason: 'account 118 opened for subsidiary 1' });
    assert.equal(replay.status, 200, JSON.stringify(replay.body));
    assert.deepEqual([replay.body.decision, replay.body.who, replay.body.generation], ['replay-requested', 'operator', 1]);
    await eventually(() => acknowledgedEverywhere(batchId), 'the replayed batch is acknowledged', 20_000);

    await readModelsCaughtUp();
    for (const target of ['sap', 'netsuite', 'd365']) {
      const reconciliation = (await http('GET', `/erp/reconciliation?companyCode=US01&target=${target}&from=${DAY}&to=${DAY}`, TEST_KEYS.finance)).body;
      assert.equal(reconciliation.erpBooks.readBack, true, `${target}: ${JSON.stringify(reconciliation.erpBooks)}`);
      assert.deepEqual(reconciliation.differences, [], target);
      assert.ok(reconciliation.rows.length > 0);
    }
    const history = (await http('GET', `/erp/deliveries?batchId=${batchId}`, TEST_KEYS.ops)).body.history.filter((item: { target: string }) => item.target === 'netsuite');
    const replayed = history.find((item: { type: string }) => item.type === 'BatchReplayRequested');
    assert.deepEqual([replayed.details.who, replayed.details.why], ['operator', 'account 118 opened for subsidiary 1']);
  });

  it("skips a dead letter on an operator's word, with the reason kept, and the batches after it go on", async () => {
    const coming = `US01-${DAY}-3`;
    await admin().fault({ erp: 'd365', kind: 'refuse', match: `${coming}-1`, message: 'The value 113100 in field Account is not found.', times: 1 });
    const skipped = await closeOneBatch();
    await eventually(async () => (await http('GET', '/erp/dead-letters?target=d365', TEST_KEYS.ops)).body.deadLetters.length === 1, 'a D365 dead letter', 20_000);
    const next = await closeOneBatch();
    const skip = await grpc.call('SkipBatch', { target: 'd365', batchId: skipped, reason: 'posted by hand in D365 as journal 000777' }, TEST_KEYS.ops);
    assert.equal(skip.error, undefined, skip.error?.message);
    assert.equal(skip.response.decision, 'skipped');
    await eventually(async () => (await lanes()).find((lane) => lane.target === 'd365')?.lastAcknowledged?.batchId === next, 'the next batch reaches D365', 20_000);
    const again = await grpc.call('SkipBatch', { target: 'd365', batchId: skipped, reason: 'again' }, TEST_KEYS.ops);
    assert.equal(again.error?.code, 9 /* FAILED_PRECONDITION */);
    const listed = await grpc.call('ListDeliveries', { companyCode: 'US01', target: 'd365' }, TEST_KEYS.opsRead);
    assert.equal(listed.response.deliveries[0].lastAcknowledged.batchId, next);
    await readModelsCaughtUp();
    const delivery = (await http('GET', `/erp/deliveries?batchId=${skipped}`, TEST_KEYS.ops)).body.deliveries.find((d: { target: string }) => d.target === 'd365');
    assert.equal(delivery.status, 'skipped');
  });
});
