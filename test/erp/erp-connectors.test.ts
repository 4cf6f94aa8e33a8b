import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BatchExportInput } from '../../src/erp/batch-export';
import type { ErpSendOutcome } from '../../src/erp/connector/erp-send-outcome';
import type { BreakerState, ErpResilienceSettings } from '../../src/erp/connector/erp-target-resilience';
import { erpConnectorFor, type AnyErpConnector } from '../../src/erp/erp-connectors';
import { SapConnector } from '../../src/erp/sap/sap-connector';
import { ErpSimulator } from '../../src/erp/simulator/erp-simulator';
import { ERP_NAMES, type ErpName } from '../../src/ledger/chart-of-accounts/chart-of-accounts';
import { asBatch, simulatorAdmin, simulatorSettings, startSapCallback, targetSettings, workedExampleBatch } from './connector-harness';

/** Per ERP: what its documents look like and how many it makes of the worked example's batch (5 entries). */
const EXPECTED: Record<ErpName, { number: RegExp; documents: number }> = {
  sap: { number: /^1010\/01\d{8}\/2026$/, documents: 5 },
  netsuite: { number: /^JE\d+$/, documents: 5 },
  d365: { number: /^\d{6}$/, documents: 1 },
};

/** The key of the batch's second entry, which a refuse fault names. */
const secondEntryKey = (connector: AnyErpConnector, input: BatchExportInput) => connector.keys(input).entries[1];

let workedExample: BatchExportInput;
before(async () => {
  workedExample = await workedExampleBatch('erp-connectors');
});

for (const erp of ERP_NAMES) {
  describe(`${erp} connector against the simulator`, () => {
    let simulator: ErpSimulator;
    let callback: Awaited<ReturnType<typeof startSapCallback>>;
    let admin: ReturnType<typeof simulatorAdmin>;
    const connector = (resilience: Partial<ErpResilienceSettings> = {}) => erpConnectorFor(targetSettings(simulator, erp, resilience));

    before(async () => {
      callback = await startSapCallback();
      simulator = await ErpSimulator.start(simulatorSettings(callback.url));
      admin = simulatorAdmin(simulator);
    });
    after(async () => {
      await simulator.close();
      await callback.close();
    });

    /** The batch's final outcome: the send's, or for SAP the one its confirmation brings to the callback. */
    async function deliver(target: AnyErpConnector, input: BatchExportInput): Promise<{ sent: ErpSendOutcome; final: ErpSendOutcome }> {
      const confirmations = callback.received.length;
      const sent = await target.send(input, 1);
      if (!(target instanceof SapConnector) || sent.outcome !== 'pending') return { sent, final: sent };
      const messageId = target.keys(input).batch;
      const confirmation = await callback.next((c) => target.confirmedMessageId(c.body) === messageId, confirmations);
      assert.ok(target.callbackAuthorized(confirmation.authorization), 'SAP called back with its outbound user');
      return { sent, final: target.confirmationOutcome(confirmation.body, input, 1) };
    }

    it('delivers the batch and answers the ERP document numbers; the ERP books exactly its lines', async () => {
      const input = asBatch(workedExample, 1);
      const { sent, final } = await deliver(connector(), input);
      if (erp === 'sap') assert.equal(sent.outcome, 'pending', 'SAP takes the message with 202; its confirmation follows');
      assert.equal(final.outcome, 'acknowledged', JSON.stringify(final));
      assert.equal(final.documents.length, EXPECTED[erp].documents);
      for (const document of final.documents) assert.match(document.documentNumber, EXPECTED[erp].number);
      if (erp !== 'd365')
        assert.deepEqual(
          final.documents.map((d) => d.entry?.entryId),
          input.entries.map((e) => e.entryId),
        );
      const booked = (await admin.documents(erp)).filter((d) => final.documents.some((f) => f.documentNumber === d.documentNumber));
      assert.equal(booked.length, EXPECTED[erp].documents);
      assert.equal(booked.flatMap((d) => d.lines).length, 16, 'every line of the batch, once');
    });

    it('a resend of the same batch returns the same documents and books nothing twice', async () => {
      const input = asBatch(workedExample, 1);
      const before = await admin.documents(erp);
      const first = (await deliver(connector(), input)).final;
      const again = (await deliver(connector(), input)).final;
      assert.equal(first.outcome, 'acknowledged');
      assert.equal(again.outcome, 'acknowledged');
      assert.deepEqual(again.documents, first.documents);
      const afterwards = await admin.documents(erp);
      assert.equal(afterwards.length, before.length, 'no new document');
      assert.deepEqual(
        afterwards.map((d) => d.lines.length),
        before.map((d) => d.lines.length),
        'no line added to any document',
      );
    });

    it("an entry the ERP refuses comes back as a non-retryable rejection with the ERP's message", async () => {
      const target = connector();
      const input = asBatch(workedExample, 2);
      await admin.fault({ erp, kind: 'refuse', match: secondEntryKey(target, input), message: 'Profit center YB101 is blocked for posting' });
      const { final } = await deliver(target, input);
      assert.equal(final.outcome, 'rejected', JSON.stringify(final));
      assert.equal(final.retryable, false);
      assert.equal(final.reason, 'refused');
      assert.match(final.message, /Profit center YB101 is blocked for posting/);
      assert.deepEqual(
        final.refusedEntries.map((e) => [e.position, e.entryId]),
        [[2, input.entries[1].entryId]],
      );
      assert.match(final.refusedEntries[0].message, /Profit center YB101 is blocked/);
      if (erp !== 'd365')
        assert.deepEqual(
          final.documents.map((d) => d.entry?.position),
          erp === 'sap' ? [1, 3, 4, 5] : [1],
          'what the ERP did post is reported',
        );
      await admin.clearFaults();
    });

    it('a 429 with Retry-After is retried, and not before the ERP said', async () => {
      const input = asBatch(workedExample, 3);
      await admin.fault({ erp, kind: 'throttle', retryAfterSeconds: 1, times: 1 });
      const { sent, final } = await deliver(connector(), input);
      assert.equal(final.outcome, 'acknowledged', JSON.stringify(final));
      assert.equal(sent.tries, 2, 'one retry after the 429');
      const requests = (await admin.requests(erp)).filter((r) => r.direction === 'in' && !r.path.includes('token'));
      const throttled = requests.findIndex((r) => r.status === 429);
      assert.ok(throttled >= 0, 'the simulator answered 429');
      const gap = Date.parse(requests[throttled + 1].receivedAt) - Date.parse(requests[throttled].receivedAt);
      assert.ok(gap >= 990, `the retry came ${gap} ms after the 429, before its Retry-After of 1 s`);
    });

    it('the breaker opens after repeated failures, refuses without calling the ERP, then half-opens and closes on success', async () => {
      const target = connector();
      const states: BreakerState[] = [];
      target.resilience.onBreakerChange((state) => states.push(state));
      await admin.fault({ erp, kind: 'error', status: 503 });
      const failed = await target.send(asBatch(workedExample, 4), 1);
      assert.equal(failed.outcome, 'rejected');
      assert.equal(failed.retryable, true);
      assert.equal(failed.reason, 'unavailable');
      assert.equal(failed.tries, 3, 'the first try and two retries');
      assert.equal(target.resilience.state().breaker, 'open');

      const seen = (await admin.requests(erp)).length;
      const refused = await target.send(asBatch(workedExample, 4), 2);
      assert.equal(refused.outcome === 'rejected' && refused.reason, 'circuit-open');
      assert.equal(refused.outcome === 'rejected' && refused.retryable, true);
      assert.equal((await admin.requests(erp)).length, seen, 'nothing reached the ERP while the breaker was open');

      await admin.clearFaults();
      await new Promise((resolve) => setTimeout(resolve, 350));
      const { final } = await deliver(target, asBatch(workedExample, 4));
      assert.equal(final.outcome, 'acknowledged', JSON.stringify(final));
      assert.equal(target.resilience.state().breaker, 'closed');
      assert.deepEqual(states, ['open', 'half-open', 'closed']);
    });

    it('an answer lost after the ERP processed the request is resent under the same key: one document', async () => {
      const input = asBatch(workedExample, 5);
      const before = (await admin.documents(erp)).length;
      await admin.fault({ erp, kind: 'lose-response', times: 1, method: erp === 'd365' ? 'POST' : undefined });
      const { sent, final } = await deliver(connector(), input);
      assert.equal(final.outcome, 'acknowledged', JSON.stringify(final));
      assert.equal(sent.tries, 2);
      assert.equal((await admin.documents(erp)).length, before + EXPECTED[erp].documents);
    });

    it('a request that hangs is cancelled at the timeout and tried again', async () => {
      const { sent, final } = await (async () => {
        await admin.fault({ erp, kind: 'hang', times: 1 });
        return deliver(connector({ requestTimeoutMs: 300 }), asBatch(workedExample, 6));
      })();
      assert.equal(final.outcome, 'acknowledged', JSON.stringify(final));
      assert.equal(sent.tries, 2);
      assert.ok((await admin.requests(erp)).some((r) => r.fault === 'hang'));
    });

    it('never has more requests in flight than the bulkhead allows', async () => {
      const target = connector({ maxInFlight: 2 });
      await admin.fault({ erp, kind: 'slow', delayMs: 50, times: 12 });
      const before = simulator.stats()[erp].maxInFlight;
      const outcomes = await Promise.all([7, 8, 9, 10, 11].map((n) => deliver(target, asBatch(workedExample, n))));
      assert.deepEqual(
        outcomes.map((o) => o.final.outcome),
        Array(5).fill('acknowledged'),
      );
      const most = simulator.stats()[erp].maxInFlight;
      assert.ok(most <= Math.max(2, before), `the ERP saw ${most} requests at once`);
      assert.equal(target.resilience.state().inFlight, 0);
      await admin.clearFaults();
    });
  });
}
