import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setImmediate as turn } from 'node:timers/promises';
import { documentsToReadBack, reconcile } from '../../../projections/erp-delivery/erp-reconciliation';
import { ErpDeliveryQueries } from '../../../projections/erp-delivery/erp-deliveries.queries';
import { loadChartOfAccounts, SHIPPED_CHART_OF_ACCOUNTS } from '../../../src/config/chart-of-accounts/chart-of-accounts.file';
import { readBackOf } from '../../../src/erp/delivery/erp-read-backs';
import type { DeliveryLaneState } from '../../../src/erp/delivery/erp-delivery.state';
import { accountFor } from '../../../src/ledger/chart-of-accounts/chart-of-accounts';
import { EXAMPLE_DATE } from '../../projections/posting-batches/worked-example';
import { type DeliveryHarness, deliveryHarness } from './delivery-harness';
import { VirtualClock } from './virtual-clock';

const MINUTE = 60_000;
const ERPS = ['sap', 'netsuite', 'd365'] as const;
const COMPANIES = ['US01', 'DE01'] as const;
/** Requests in flight to one ERP target at most (its bulkhead), shared by the target's two lanes. */
const M = 1;
const OUTAGE = { from: 5 * MINUTE, to: 35 * MINUTE };

describe('a 30-minute outage of every ERP on a virtual clock, while orders keep coming', () => {
  const clock = new VirtualClock(Date.parse('2026-11-28T20:00:00Z'));
  const start = clock.now();
  let h: DeliveryHarness;
  const closed: Record<string, string[]> = { US01: [], DE01: [] };
  let closedDuringOutage = 0;
  let drainedAt: number | undefined;
  const backlogAtRecovery: Array<{ lane: string; undelivered: number }> = [];

  /** Lets the runner finish what it can do now: every lane back asleep, SAP's callbacks in. */
  async function settle(): Promise<void> {
    for (let round = 0; round < 2; round++) {
      await turn();
      await h.runner.idle();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  const lanes = async () => Promise.all(ERPS.flatMap((erp) => COMPANIES.map(async (company) => ({ erp, company, state: await h.state(erp, company) }))));
  const drained = (all: Array<{ company: string; state: DeliveryLaneState }>) =>
    all.every(({ company, state }) => state.open.length === 0 && state.next === closed[company].length);

  before(async () => {
    h = await deliveryHarness('delivery-outage', {
      erps: ERPS,
      companyCodes: COMPANIES,
      clock,
      resilience: { retries: 0, maxInFlight: M, maxQueued: 16, breakAfterFailures: 3, halfOpenAfterMs: 50, halfOpenMaxMs: 50 },
      settings: { window: 1, pollMs: 5_000, retryInitialMs: 1_000, retryMaxMs: MINUTE, confirmationWaitMs: 15 * MINUTE },
    });
    h.runner.start();
    // Every minute a batch closes, the companies taking turns; the ERPs go down at 5 minutes and come back at 35.
    for (let minute = 0; clock.now() - start < 75 * MINUTE; minute++) {
      const elapsed = clock.now() - start;
      if (elapsed === OUTAGE.from) for (const erp of ERPS) await h.simulator.startOutage({ erp, seconds: 3600, mode: 'refuse-connections' });
      if (elapsed === OUTAGE.to) {
        for (const { erp, company, state } of await lanes())
          backlogAtRecovery.push({ lane: `${erp} ${company}`, undelivered: closed[company].length - (state.lastAcknowledged ? state.lastAcknowledged.chainIndex + 1 : 0) });
        for (const erp of ERPS) await h.simulator.endOutage(erp);
      }
      if (elapsed < 45 * MINUTE) {
        const company = COMPANIES[minute % 2];
        closed[company].push(await h.closeOneBatch(company));
        if (elapsed >= OUTAGE.from && elapsed < OUTAGE.to) closedDuringOutage += 1;
      }
      for (let step = 0; step < 2; step++) {
        await settle();
        clock.advance(30_000);
      }
      await settle();
      if (drainedAt === undefined && clock.now() - start > OUTAGE.to && clock.now() - start >= 45 * MINUTE && drained(await lanes())) drainedAt = clock.now() - start;
    }
  });
  after(async () => {
    await h.close();
  });

  it('keeps taking orders and closing batches while the ERPs are down', () => {
    assert.equal(closedDuringOutage, 30);
    assert.equal(closed.US01.length + closed.DE01.length, 45);
  });

  it('loses no batch: the backlog grows while the ERPs are down, drains after recovery, and every lane has every batch of its company acknowledged', async () => {
    // Each company closed 15 batches during the outage (and one just before it, which may have gone out).
    for (const lane of backlogAtRecovery) assert.ok(lane.undelivered >= 15, `${lane.lane}: ${lane.undelivered} undelivered when the ERPs came back`);
    assert.equal(backlogAtRecovery.length, 6);
    assert.ok(drainedAt !== undefined, `not drained: ${JSON.stringify(await lanes())}`);
    for (const { erp, company, state } of await lanes()) {
      assert.deepEqual([state.next, state.open], [closed[company].length, []], `${erp} ${company}`);
      assert.equal(state.lastAcknowledged?.batchId, closed[company].at(-1), `${erp} ${company}`);
    }
  });

  it('duplicates nothing at the ERPs and keeps each company in chain order there, never more than M requests in flight', async () => {
    for (const erp of ERPS) {
      const documents = await h.admin.documents(erp);
      assert.equal(new Set(documents.map((d) => d.key)).size, documents.length, `${erp}: an ERP key twice`);
      const expected = COMPANIES.reduce((sum, company) => sum + closed[company].length * (erp === 'd365' ? 1 : company === 'US01' ? 5 : 3), 0);
      assert.equal(documents.length, expected, erp);
      for (const company of COMPANIES) {
        const order = documents.map((d) => closed[company].findIndex((batchId) => d.key.includes(`${batchId}-`) || d.key.endsWith(` ${batchId}`))).filter((index) => index >= 0);
        assert.deepEqual(
          order,
          [...order].sort((a, b) => a - b),
          `${erp} ${company}: batches reached the ERP out of chain order`,
        );
        assert.equal(new Set(order).size, closed[company].length);
      }
      assert.ok(h.simulator.stats()[erp].maxInFlight <= M, `${erp}: ${h.simulator.stats()[erp].maxInFlight} requests in flight at once`);
      const acknowledged = (await Promise.all(COMPANIES.map((company) => h.events(erp, company)))).flat().filter((e) => e.type === 'BatchAcknowledgedByErp');
      assert.equal(acknowledged.length, 45, `${erp}: each batch acknowledged once`);
    }
  });

  it("leaves each simulated ERP's ledger equal to Ledgerbridge's batches, entry for entry, and reconciliation finds no difference", async () => {
    const chart = loadChartOfAccounts(SHIPPED_CHART_OF_ACCOUNTS);
    for (const erp of ERPS) {
      const documents = await h.admin.documents(erp);
      for (const company of COMPANIES) {
        for (const batchId of closed[company]) {
          const batch = h.batches.queries.find(batchId)!;
          const entries = h.batches.queries.entriesOf(batch);
          const keys = h.connectors[ERPS.indexOf(erp)].keys({ batch: { ...batch }, entries, chart });
          entries.forEach((entry, index) => {
            const expected = entry.lines.map((line) => {
              const account = accountFor(chart, company, erp, line.role);
              return `${entry.postingDate} ${account.glAccount} ${line.currency} ${line.side === 'debit' ? line.amountMinor : 0}/${line.side === 'credit' ? line.amountMinor : 0}`;
            });
            const held =
              erp === 'd365'
                ? documents.find((d) => d.key === keys.batch)!.lines.filter((line: any) => line.voucher === keys.entries[index])
                : documents.find((d) => d.key === keys.entries[index])!.lines;
            const booked = (held as Array<{ date: string; account: string; currency: string; debitMinor: number; creditMinor: number }>).map(
              (line) => `${line.date} ${line.account} ${line.currency} ${line.debitMinor}/${line.creditMinor}`,
            );
            assert.deepEqual(booked.sort(), expected.sort(), `${erp}: ${batchId} entry ${index + 1}`);
          });
        }
        const queries = new ErpDeliveryQueries(h.batches.db);
        const { lines } = queries.batchedLines(company, erp, EXAMPLE_DATE, EXAMPLE_DATE);
        const acknowledged = (await h.events(erp, company)).filter((e) => e.type === 'BatchAcknowledgedByErp');
        const recorded = acknowledged.flatMap((e) =>
          (e.data.documents as Array<{ entry: { position: number; entryId: string } | null; documentNumber: string; internalId?: string }>).map((d) => ({
            target: erp,
            erp,
            batchId: String(e.data.batchId),
            position: d.entry?.position ?? 0,
            entryId: d.entry?.entryId ?? null,
            documentNumber: d.documentNumber,
            internalId: d.internalId ?? null,
            generation: 0,
            at: String(e.data.at),
          })),
        );
        const readBack = await readBackOf(h.connectors[ERPS.indexOf(erp)], chart, company, { from: EXAMPLE_DATE, to: EXAMPLE_DATE }, documentsToReadBack(erp, lines, recorded));
        const result = reconcile({ companyCode: company, target: erp, erp, from: EXAMPLE_DATE, to: EXAMPLE_DATE, checkpoint: null, chart, lines, documents: recorded, readBack });
        assert.equal(result.erpBooks.readBack, true, JSON.stringify(result.erpBooks));
        assert.deepEqual(result.differences, [], `${erp} ${company}`);
      }
    }
  });
});
