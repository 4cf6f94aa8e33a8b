import assert from 'node:assert/strict';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { tempDir } from '../../support/temp-dir';
import { audit, type AuditApp, callAudit, closeBatches, sendPayout, sendWorkedExample, startAuditApp, tamperEventData, WORKED_EXAMPLE_DATES } from './audit-app';

describe('auditor tools over posting batches: rebuild a closed batch from history, verify the hash chain', () => {
  const dir = tempDir('audit-batches');
  let app: AuditApp;
  let batchIds: string[];

  before(async () => {
    app = await startAuditApp(dir.path);
    await sendWorkedExample(app, 'o-1001');
    await sendPayout(app, 'o-1001', 'po_1001');
    batchIds = await closeBatches(app, WORKED_EXAMPLE_DATES);
  });
  after(async () => {
    await app.close();
    dir.remove();
  });

  it('rebuilds every closed batch from its entries’ source events: same entry hashes, totals and batch hash', async () => {
    assert.deepEqual(batchIds, ['US01-2026-11-28-1', 'US01-2026-11-30-1', 'US01-2026-12-03-1']);
    for (const batchId of batchIds) {
      const answer = await audit(app, `/batches/${batchId}/rebuild`);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(answer.body.match, true, `${batchId}: ${JSON.stringify(answer.body.differences)} ${answer.body.problem ?? ''}`);
      assert.equal(answer.body.rebuiltHash, answer.body.recordedHash);
      assert.ok(answer.body.entries.length > 0 && answer.body.entries.every((e: any) => e.match && e.rebuiltHash === e.recordedHash));
    }
    const first = (await audit(app, `/batches/${batchIds[0]}/rebuild`)).body;
    assert.deepEqual(first.rebuiltTotals, [{ currency: 'USD', debitMinor: 10519 + 10519 + 1000 + 500 + 500, creditMinor: 23038, lineCount: 10 }]);
  });

  it('verifies the whole chain of the company code: intact, three batches, the head named, entries as history implies', async () => {
    const answer = await audit(app, '/batch-chains/US01/verification');
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.deepEqual(
      [answer.body.intact, answer.body.batchCount, answer.body.head.batchId, answer.body.firstBroken, answer.body.problems],
      [true, 3, 'US01-2026-12-03-1', null, []],
    );
    const deep = (await audit(app, '/batch-chains/US01/verification?withEntries=true')).body;
    assert.deepEqual([deep.intact, deep.withEntries, deep.problems], [true, true, []], 'every listed entry is what history implies');
    const overGrpc = await callAudit(app, 'VerifyChain', { companyCode: 'US01' });
    assert.deepEqual([overGrpc.response.intact, overGrpc.response.batchCount], [true, 3]);
  });

  it('answers 404 for an unknown batch or company, 400 for a malformed company code', async () => {
    assert.equal((await audit(app, '/batches/US01-2026-11-29-1/rebuild')).status, 404);
    assert.equal((await audit(app, '/batches/nonsense/rebuild')).status, 404);
    assert.equal((await audit(app, '/batch-chains/DE01/verification')).status, 404);
    const malformed = await audit(app, `/batch-chains/${encodeURIComponent('US 01')}/verification`);
    assert.equal(malformed.status, 400);
    assert.deepEqual(
      malformed.body.error.fields.map((f: any) => f.path),
      ['companyCode'],
    );
    const badFlag = await audit(app, '/batch-chains/US01/verification?withEntries=maybe');
    assert.equal(badFlag.status, 400);
    assert.deepEqual(
      badFlag.body.error.fields.map((f: any) => f.path),
      ['withEntries'],
    );
    assert.equal((await callAudit(app, 'RebuildBatch', { batchId: 'US01-2026-11-29-1' })).error?.code, GrpcStatus.NOT_FOUND);
  });

  it('catches history rewritten in the store file: the payout amount of a batched entry, then a batch’s totals', async () => {
    const eventsFile = join(dir.path, 'events.sqlite');
    // A payout report edited after the fact: its entries no longer hash as the batch recorded them.
    tamperEventData(eventsFile, 'settlement-stripe/po_1001', 0, (data) => {
      data.payoutAmountMinor = 9184;
    });
    const payoutBatch = (await audit(app, `/batches/${batchIds[1]}/rebuild`)).body;
    assert.equal(payoutBatch.match, false);
    assert.deepEqual(
      payoutBatch.entries.map((e: any) => [e.entryId.split('/')[1], e.match]),
      [
        ['settlement-fees', true],
        ['settlement-payout', false],
      ],
    );
    assert.ok(payoutBatch.differences.some((d: any) => d.path === 'totals[0].debitMinor' && d.recorded === 10519 && d.rebuilt === 9519));
    assert.ok(payoutBatch.differences.some((d: any) => d.path === 'hash'));

    // The batches themselves still hash and link correctly: only rebuilding their entries shows it.
    assert.equal((await audit(app, '/batch-chains/US01/verification')).body.intact, true);
    const deep = (await audit(app, '/batch-chains/US01/verification?withEntries=true')).body;
    assert.equal(deep.intact, false);
    assert.deepEqual([deep.firstBroken.batchId, deep.firstBroken.kind, deep.firstBroken.entryId.split('/')[1]], ['US01-2026-11-30-1', 'entry-hash', 'settlement-payout']);
    assert.deepEqual(
      deep.problems.map((p: any) => p.kind),
      ['entry-hash', 'totals'],
    );
    const deepOverGrpc = await callAudit(app, 'VerifyChain', { companyCode: 'US01', withEntries: true });
    assert.deepEqual([deepOverGrpc.response.intact, deepOverGrpc.response.firstBroken.kind], [false, 'entry-hash']);

    // A closed batch's totals edited in place: its own hash no longer holds, so the chain breaks there first.
    tamperEventData(eventsFile, 'posting-batches-US01', 1, (data) => {
      data.totals[0].debitMinor += 100;
      data.totals[0].creditMinor += 100;
    });
    const chain = (await audit(app, '/batch-chains/US01/verification')).body;
    assert.equal(chain.intact, false);
    assert.deepEqual([chain.firstBroken.batchId, chain.firstBroken.kind], ['US01-2026-11-30-1', 'batch-hash']);
    const overGrpc = await callAudit(app, 'RebuildBatch', { batchId: batchIds[1] });
    assert.equal(overGrpc.response.match, false);
    assert.ok(overGrpc.response.differences.some((d: any) => d.path === 'totals[0].debitMinor'));
  });
});
