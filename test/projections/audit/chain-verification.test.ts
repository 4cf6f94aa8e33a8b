import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { verifyCompanyChain } from '../../../projections/audit/chain-verification';
import { SqliteEventStore } from '../../../src/event-store/embedded/sqlite-event-store';
import type { EventStore, ReadStreamOptions } from '../../../src/event-store/event-store.port';
import type { PostingBatchClosedData } from '../../../src/ledger/posting-batch/posting-batch';
import { tempDir } from '../../support/temp-dir';
import { closeBatches, sendPayout, sendWorkedExample, startAuditApp, tamperEventData, WORKED_EXAMPLE_DATES } from './audit-app';
import { runAudit } from './audit-cli-run';

/** Every stream read, in order, and what each read of the chain's stream returned. */
interface Read {
  streamId: string;
  maxCount?: number;
  batchIds: string[];
}

/** The store as the verification sees it, noting each stream read. */
function recording(store: EventStore, reads: Read[]): EventStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'readStream') return Reflect.get(target, property, receiver);
      return async (streamId: string, options?: ReadStreamOptions) => {
        const read: Read = { streamId, ...(options?.maxCount !== undefined && { maxCount: options.maxCount }), batchIds: [] };
        reads.push(read);
        const events = await target.readStream(streamId, options);
        if (streamId.startsWith('posting-batches-')) read.batchIds = events.map((e) => (e.data as PostingBatchClosedData).batchId);
        return events;
      };
    },
  });
}

describe('verify-chain with entries: batch by batch, in bounded memory', () => {
  const data = tempDir('chain-verification');
  let batches: PostingBatchClosedData[];

  before(async () => {
    const app = await startAuditApp(data.path);
    try {
      await sendWorkedExample(app, 'o-1001');
      await sendPayout(app, 'o-1001', 'po_1001');
      await closeBatches(app, WORKED_EXAMPLE_DATES);
      batches = (await app.store.readStream('posting-batches-US01')).map((e) => e.data as PostingBatchClosedData);
    } finally {
      await app.close();
    }
  });
  after(() => data.remove());

  it("reads the chain a page of batches at a time and rebuilds each batch's entries before reading the next batch", async () => {
    const store = new SqliteEventStore({ file: join(data.path, 'events.sqlite'), readOnly: true });
    const reads: Read[] = [];
    try {
      const verification = await verifyCompanyChain(recording(store, reads), 'US01', { withEntries: true, batchPage: 1 });
      assert.deepEqual([verification.intact, verification.batchCount, verification.head?.batchId], [true, 3, 'US01-2026-12-03-1']);
    } finally {
      await store.close();
    }
    const chainReads = reads.filter((read) => read.streamId === 'posting-batches-US01');
    assert.ok(
      chainReads.every((read) => read.maxCount === 1),
      'the chain is read one batch a page',
    );
    assert.deepEqual(
      chainReads.flatMap((read) => read.batchIds),
      batches.map((b) => b.batchId),
    );
    batches.forEach((batch, k) => {
      const readAt = reads.findIndex((read) => read.batchIds.includes(batch.batchId));
      const nextAt = k + 1 < batches.length ? reads.findIndex((read) => read.batchIds.includes(batches[k + 1].batchId)) : reads.length;
      const between = new Set(reads.slice(readAt + 1, nextAt).map((read) => read.streamId));
      for (const ref of batch.entries) {
        assert.ok(between.has(`${ref.sourceType}-${ref.sourceId}`), `entry ${ref.entryId} of ${batch.batchId} is rebuilt before the next batch is read`);
      }
    });
  });

  it('still finds an entry history no longer implies, naming its batch, while the batches alone hash and link (npm run audit)', async () => {
    // The order's capture edited in the store file after its batch closed: only rebuilding entries shows it.
    tamperEventData(join(data.path, 'events.sqlite'), 'order-o-1001', 2, (captured) => {
      captured.amountMinor += 1;
    });
    const shallow = await runAudit(data.path, 'verify-chain', 'US01');
    assert.equal(shallow.code, 0, shallow.stdout + shallow.stderr);
    const deep = await runAudit(data.path, 'verify-chain', 'US01', '--entries', '--json');
    assert.equal(deep.code, 1, deep.stdout + deep.stderr);
    const verification = JSON.parse(deep.stdout);
    assert.equal(verification.intact, false);
    assert.equal(verification.batchCount, 3);
    assert.deepEqual([verification.firstBroken.batchId, verification.firstBroken.kind], ['US01-2026-11-28-1', 'entry-hash']);
    assert.match(verification.firstBroken.entryId, /\/payment-captured$/);
  });
});
