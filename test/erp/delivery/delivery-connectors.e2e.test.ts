import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BatchExportInput } from '../../../src/erp/batch-export';
import { deliveryLaneId } from '../../../src/erp/delivery/erp-delivery.events';
import type { ErpName } from '../../../src/ledger/chart-of-accounts/chart-of-accounts';
import { EXAMPLE_DATE } from '../../projections/posting-batches/worked-example';
import { type DeliveryHarness, deliveryHarness } from './delivery-harness';

/** What each ERP makes of one worked-example batch (5 entries): a document per entry, or one journal. */
const DOCUMENTS_PER_BATCH: Record<ErpName, number> = { sap: 5, netsuite: 5, d365: 1 };

const documentsOf = (events: Array<{ type: string; data: Record<string, unknown> }>, batchId: string) =>
  events
    .filter((e) => (e.type === 'BatchAcknowledgedByErp' || e.type === 'BatchRejectedByErp') && e.data.batchId === batchId)
    .flatMap((e) => e.data.documents as Array<{ documentNumber: string; entry: { position: number } | null }>);

for (const erp of ['sap', 'netsuite', 'd365'] as const) {
  describe(`ERP delivery to ${erp} through the delivery runner, against the simulator`, () => {
    let h: DeliveryHarness;
    /** The batches delivered so far, in chain order: every test adds to them. */
    const delivered: string[] = [];

    before(async () => {
      // Retries within a send off, so each request the ERP refuses is an outcome the log records.
      h = await deliveryHarness(`delivery-${erp}`, {
        erps: [erp],
        resilience: { retries: 0, breakAfterFailures: 3, halfOpenAfterMs: 300, halfOpenMaxMs: 300, maxRetryAfterMs: 1000 },
      });
      h.runner.start();
    });
    after(async () => {
      await h.close();
    });

    it('sends each batch once, in chain order, and records the ERP document numbers it answers', async () => {
      const first = await h.closeOneBatch();
      const second = await h.closeOneBatch();
      delivered.push(first, second);
      await h.until(erp, (state) => state.lastAcknowledged?.batchId === second);
      const events = await h.events(erp);
      const acknowledged = events.filter((e) => e.type === 'BatchAcknowledgedByErp').map((e) => e.data.batchId);
      assert.deepEqual(acknowledged, [first, second]);
      // Each attempt is recorded before it goes out, and the second batch goes only once the first is acknowledged.
      const order = events.map((e) => `${e.type}:${(e.data as { batchId: string }).batchId}`);
      assert.ok(order.indexOf(`BatchSentToErp:${first}`) < order.indexOf(`BatchAcknowledgedByErp:${first}`));
      assert.ok(order.indexOf(`BatchAcknowledgedByErp:${first}`) < order.indexOf(`BatchSentToErp:${second}`));
      const atErp = await h.admin.documents(erp);
      assert.equal(atErp.length, 2 * DOCUMENTS_PER_BATCH[erp]);
      const recorded = [...documentsOf(events, first), ...documentsOf(events, second)].map((d) => d.documentNumber).sort();
      assert.deepEqual(recorded, atErp.map((d) => d.documentNumber).sort(), 'the log holds exactly the documents the ERP made');
    });

    it("dead-letters a batch the ERP refuses, with the ERP's message; the next batch waits until a replay gets it through, with no document twice", async () => {
      // The third entry of the next batch, by the key the ERP knows it by, is refused once.
      const coming = `US01-${EXAMPLE_DATE}-${h.batches.queries.nextSequence('US01', EXAMPLE_DATE)}`;
      const key = h.connectors[0].keys({ batch: { batchId: coming }, entries: Array.from({ length: 5 }) } as unknown as BatchExportInput).entries[2];
      await h.admin.fault({ erp, kind: 'refuse', match: key, message: 'Konto 0000113100 ist im Buchungskreis gesperrt', times: 1 });
      const refused = await h.closeOneBatch();
      assert.equal(refused, coming);
      const next = await h.closeOneBatch();
      await h.until(erp, (state) => state.open.some((o) => o.batchId === refused && o.status === 'dead-lettered'));
      const events = await h.events(erp);
      const rejection = events.find((e) => e.type === 'BatchRejectedByErp' && e.data.batchId === refused)!;
      assert.equal(rejection.data.retryable, false);
      assert.match(String(rejection.data.message), /Konto 0000113100 ist im Buchungskreis gesperrt/);
      assert.ok(events.some((e) => e.type === 'BatchDeadLettered' && e.data.batchId === refused));
      assert.ok(!events.some((e) => e.type === 'BatchSentToErp' && e.data.batchId === next), 'the next batch is not sent past a dead letter');

      const replayed = await h.commands.send(
        deliveryLaneId(erp, 'US01'),
        { kind: 'RequestReplay', companyCode: 'US01', target: erp, batchId: refused, at: new Date().toISOString(), who: 'ops-key', why: 'account unblocked' },
        { commandId: `replay-${erp}`, metadata: {} },
      );
      assert.equal(replayed.events[0].type, 'BatchReplayRequested');
      h.runner.wake('US01', erp);
      await h.until(erp, (state) => state.lastAcknowledged?.batchId === next);
      delivered.push(refused, next);
      const atErp = await h.admin.documents(erp);
      assert.equal(atErp.length, delivered.length * DOCUMENTS_PER_BATCH[erp], 'every batch once at the ERP, the replayed one included');
      assert.equal(new Set(atErp.map((d) => d.key)).size, atErp.length, 'no ERP key twice');
      const after = await h.events(erp);
      const documents = documentsOf(after, refused);
      if (erp === 'sap') {
        // SAP never processes a message id twice: the replay is a new message, carrying only the refused entry.
        const resent = after.find((e) => e.type === 'BatchSentToErp' && e.data.batchId === refused && e.data.generation === 1)!;
        assert.deepEqual(resent.data.positions, [3]);
        assert.deepEqual(documents.map((d) => d.entry?.position).sort(), [1, 2, 3, 4, 5]);
      }
      assert.ok(documents.length >= DOCUMENTS_PER_BATCH[erp]);
    });

    it("honours the ERP's Retry-After: the batch goes again no sooner than it asked", async () => {
      await h.admin.fault({ erp, kind: 'throttle', retryAfterSeconds: 2, times: 1 });
      const batchId = await h.closeOneBatch();
      delivered.push(batchId);
      await h.until(erp, (state) => state.lastAcknowledged?.batchId === batchId);
      const events = (await h.events(erp)).filter((e) => e.data.batchId === batchId);
      const throttled = events.find((e) => e.type === 'BatchRejectedByErp')!;
      assert.equal(throttled.data.retryable, true);
      assert.equal(throttled.data.reason, 'throttled');
      assert.equal(throttled.data.retryAfterMs, 2000);
      const resent = events.filter((e) => e.type === 'BatchSentToErp')[1];
      assert.ok(
        Date.parse(String(resent.data.at)) - Date.parse(String(throttled.data.at)) >= 2000,
        `resent at ${resent.data.at as string}, throttled at ${throttled.data.at as string}`,
      );
      assert.ok(Date.parse(String(throttled.data.retryAt)) - Date.parse(String(throttled.data.at)) >= 2000);
    });

    it('opens the breaker after repeated failures, refuses without calling the ERP while open, half-opens, and delivers once it closes', async () => {
      const before = (await h.admin.requests(erp)).length;
      await h.admin.fault({ erp, kind: 'error', status: 503, times: 3 });
      const batchId = await h.closeOneBatch();
      delivered.push(batchId);
      await h.until(erp, (state) => state.lastAcknowledged?.batchId === batchId);
      const breaker = h.reports.filter((r) => r.includes(`ERP target ${erp}: breaker`)).map((r) => r.replace(/.*breaker /, ''));
      assert.deepEqual(breaker.slice(0, 3), ['open', 'half-open', 'closed']);
      const rejections = (await h.events(erp)).filter((e) => e.type === 'BatchRejectedByErp' && e.data.batchId === batchId).map((e) => e.data.reason);
      assert.ok(rejections.includes('circuit-open'), `rejections: ${rejections.join(', ')}`);
      const failed = (await h.admin.requests(erp)).slice(before).filter((r) => r.fault === 'error');
      assert.equal(failed.length, 3, 'while open, nothing reached the ERP');
      assert.equal((await h.admin.documents(erp)).length, delivered.length * DOCUMENTS_PER_BATCH[erp]);
    });
  });
}
