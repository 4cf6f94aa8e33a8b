import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { verifyChain } from '../../../src/ledger/posting-batch/verify-chain';
import type { PostingBatchClosedData } from '../../../src/ledger/posting-batch/posting-batch';
import { journalProjection } from '../../../projections/journal/journal.projection';
import { journalEntries, journalTables } from '../../../projections/journal/journal.queries';
import { PostingBatchQueries } from '../../../projections/posting-batches/posting-batches.queries';
import { StreamNotFoundError, WrongExpectedRevisionError } from '../../../src/event-store/event-store.errors';
import { ConcurrencyRetriesExhaustedError } from '../../../src/runtime/aggregate-actor';
import { BusinessRuleRefusal } from '../../../src/runtime/business-rule-refusal';
import { BatchSizeWatcher } from '../../../projections/posting-batches/batch-size-watcher';
import { eventually } from '../../esdb-protocol/endpoint-fixture';
import type { OrderCommand } from '../../../src/order/order.commands';
import { entryKeyOf } from '../journal/entry-key';
import { refusalOf } from '../../support/refusal';
import { batchHarness } from './batch-harness';
import { EXAMPLE_DATE, workedExampleCommands } from './worked-example';

type Harness = Awaited<ReturnType<typeof batchHarness>>;

/** The company's chain as recorded in the event store, in append order. */
async function recordedChain(harness: Harness, companyCode = 'US01'): Promise<PostingBatchClosedData[]> {
  return (await harness.store.readStream(`posting-batches-${companyCode}`)).map((e) => {
    assert.equal(e.type, 'PostingBatchClosed');
    return e.data as PostingBatchClosedData;
  });
}

/** Journal entries as they are in the read model, by id: what a chain is verified against. */
function journalLookup(harness: Harness) {
  return (entryId: string) => harness.queries.entriesOf({ entries: [{ entryId }] } as PostingBatchClosedData)[0];
}

/** The same command with its business times moved to another day. */
const retimed = (command: OrderCommand, day: string): OrderCommand => JSON.parse(JSON.stringify(command).replaceAll(EXAMPLE_DATE, day)) as OrderCommand;

describe('closing posting batches on command', () => {
  it('closes the worked example into one batch on the company stream, then answers clearly when asked again', async () => {
    const h = await batchHarness('close-command');
    try {
      await h.send('o-1001', ...workedExampleCommands('o-1001'));
      assert.equal(h.queries.openEntries('US01', EXAMPLE_DATE).length, 5);

      const batch = await h.closer.close('US01', EXAMPLE_DATE);
      assert.equal(batch.batchId, 'US01-2026-11-28-1');
      assert.deepEqual(
        batch.entries.map((e) => e.kind),
        ['payment-captured', 'revenue-recognized', 'vendor-claim', 'return-received', 'refund-paid'],
      );
      assert.deepEqual(batch.totals, [{ currency: 'USD', debitMinor: 29186, creditMinor: 29186, lineCount: 16 }]);
      assert.deepEqual(await recordedChain(h), [batch], 'one PostingBatchClosed, at revision 0 of posting-batches-US01');
      assert.deepEqual(h.queries.openEntries('US01', EXAMPLE_DATE), [], 'nothing is open once batched');
      assert.deepEqual(
        h.queries.list().map((b) => [b.batchId, b.chainIndex, b.entries.length]),
        [['US01-2026-11-28-1', 0, 5]],
      );

      const again = await refusalOf(h.closer.close('US01', EXAMPLE_DATE));
      assert.equal(again.code, 'BATCH_ALREADY_CLOSED');
      assert.match(again.message, /already closed in US01-2026-11-28-1/);
      assert.deepEqual(again.details.batchIds, ['US01-2026-11-28-1'], 'the refusal names the batch holding the day');
      const nothing = await refusalOf(h.closer.close('US01', '2026-11-29'));
      assert.equal(nothing.code, 'NOTHING_TO_CLOSE');
      assert.equal((await recordedChain(h)).length, 1, 'refusals append nothing');
    } finally {
      await h.close();
    }
  });

  it('links each batch to the previous one of the same company, across days', async () => {
    const h = await batchHarness('close-chain');
    try {
      await h.send('o-1', ...workedExampleCommands('o-1'));
      const first = await h.closer.close('US01', EXAMPLE_DATE);
      await h.send('o-2', ...workedExampleCommands('o-2'));
      const second = await h.closer.close('US01', EXAMPLE_DATE);
      assert.equal(second.batchId, 'US01-2026-11-28-2');
      assert.equal(second.previousBatchId, first.batchId);
      assert.equal(second.previousHash, first.hash);
      assert.deepEqual(verifyChain(await recordedChain(h), journalLookup(h)), []);
    } finally {
      await h.close();
    }
  });

  it('detects a journal row changed after its batch closed, naming the entry', async () => {
    const h = await batchHarness('close-tamper');
    try {
      await h.send('o-1', ...workedExampleCommands('o-1'));
      const batch = await h.closer.close('US01', EXAMPLE_DATE);
      const journal = journalTables(h.db);
      const victim = batch.entries.find((e) => e.kind === 'refund-paid')!.entryId;
      const entry = entryKeyOf(journal, victim);
      h.db.db.prepare(`UPDATE ${journal.lines} SET amount_minor = amount_minor + 100 WHERE entry_key = ${entry.sql}`).run(...entry.params);
      const problems = verifyChain(await recordedChain(h), journalLookup(h));
      assert.deepEqual(
        problems.map((p) => [p.batchId, p.kind, p.entryId]),
        [
          [batch.batchId, 'entry-hash', victim],
          [batch.batchId, 'totals', undefined],
        ],
      );
    } finally {
      await h.close();
    }
  });

  it('refuses a day whose entries do not balance, appending nothing and plugging nothing', async () => {
    const h = await batchHarness('close-unbalanced');
    try {
      await h.send('o-1', ...workedExampleCommands('o-1'));
      h.db.db.prepare(`UPDATE ${journalTables(h.db).lines} SET amount_minor = amount_minor + 1 WHERE role = 'revenue.shipping'`).run();
      const refusal = await refusalOf(h.closer.close('US01', EXAMPLE_DATE));
      assert.equal(refusal.code, 'BATCH_UNBALANCED');
      assert.match(refusal.message, /USD debits 29186 vs credits 29187/);
      await assert.rejects(h.store.readStream('posting-batches-US01'), /not found/);
    } finally {
      await h.close();
    }
  });

  it('refuses while the journal holds a refused entry, naming it', async () => {
    const h = await batchHarness('close-posting-error');
    try {
      await h.send('o-1', ...workedExampleCommands('o-1'));
      // A capture on an order stream that never saw OrderPlaced: the rules cannot post it.
      const orphan = await h.store.appendToStream(
        'order-orphan',
        [{ eventId: '0b0e7a52-1111-4c1e-9a3e-000000000001', type: 'PaymentCaptured', data: { captureId: 'cap-x', amountMinor: 500, currency: 'USD', at: '2026-11-28T09:00:00Z' } }],
        { expectedRevision: 'no_stream' },
      );
      await h.journalReached(orphan.position);
      const refusal = await refusalOf(h.closer.close('US01', EXAMPLE_DATE));
      assert.equal(refusal.code, 'POSTING_ERRORS_OPEN');
      assert.match(JSON.stringify(refusal.details), /0b0e7a52-1111-4c1e-9a3e-000000000001/);
      assert.match(refusal.message, /company code is unknown, so it holds back every company's 2026-11-28/);
      await assert.rejects(h.store.readStream('posting-batches-US01'), /not found/);
      await h.send('o-2', ...workedExampleCommands('o-2').map((c) => retimed(c, '2026-11-29')));
      assert.equal((await h.closer.close('US01', '2026-11-29')).entries.length, 5, 'the orphan holds back its own day only');
    } finally {
      await h.close();
    }
  });

  it('holds back only the company and day a refused entry belongs to', async () => {
    const h = await batchHarness('close-posting-error-scope');
    try {
      await h.send('o-1', ...workedExampleCommands('o-1'));
      // Raw facts the rules refuse (a capture of 1.5 cents): one for DE01 on the example's day, one for US01 the day after.
      const refusedCapture = async (stream: string, companyCode: string, at: string, n: number) => {
        const placed = { orderId: stream, companyCode, currency: 'USD', sourceRef: `payload://${stream}`, placedAt: at, tenders: [] };
        const appended = await h.store.appendToStream(
          `order-${stream}`,
          [
            { eventId: `0b0e7a52-2222-4c1e-9a3e-00000000000${n}`, type: 'OrderPlaced', data: placed },
            { eventId: `0b0e7a52-3333-4c1e-9a3e-00000000000${n}`, type: 'PaymentCaptured', data: { captureId: 'cap-x', amountMinor: 1.5, currency: 'USD', at } },
          ],
          { expectedRevision: 'no_stream' },
        );
        await h.journalReached(appended.position);
      };
      await refusedCapture('de-1', 'DE01', '2026-11-28T09:00:00Z', 1);
      await refusedCapture('us-late', 'US01', '2026-11-29T09:00:00Z', 2);

      const batch = await h.closer.close('US01', EXAMPLE_DATE);
      assert.equal(batch.entries.length, 5, "US01's example day closes: neither error is its own");
      const german = await refusalOf(h.closer.close('DE01', EXAMPLE_DATE));
      assert.equal(german.code, 'POSTING_ERRORS_OPEN');
      assert.match(german.message, /^DE01 2026-11-28 has 1 refused journal entry: .*1\.5/);
      const nextDay = await refusalOf(h.closer.close('US01', '2026-11-29'));
      assert.equal(nextDay.code, 'POSTING_ERRORS_OPEN');
      assert.match(JSON.stringify(nextDay.details), /0b0e7a52-3333-4c1e-9a3e-000000000002/);

      // A payout recorded without a company code: its day is known, so every company's batch of that day waits.
      const payout = await h.store.appendToStream(
        'settlement-psp-p-1',
        [
          {
            eventId: '0b0e7a52-4444-4c1e-9a3e-000000000001',
            type: 'SettlementReported',
            data: { provider: 'psp', payoutId: 'p-1', payoutDate: '2026-11-28', currency: 'USD', payoutAmountMinor: 0, transactions: [] },
          },
        ],
        { expectedRevision: 'no_stream' },
      );
      await h.journalReached(payout.position);
      await h.send('o-2', ...workedExampleCommands('o-2'));
      const unknownCompany = await refusalOf(h.closer.close('US01', EXAMPLE_DATE));
      assert.equal(unknownCompany.code, 'POSTING_ERRORS_OPEN');
      assert.match(unknownCompany.message, /company code is unknown, so it holds back every company's 2026-11-28/);
      assert.equal(h.queries.openEntries('US01', '2026-11-29').length, 0, "the next day's only fact was refused");
      assert.deepEqual(
        (await recordedChain(h)).map((b) => b.batchId),
        ['US01-2026-11-28-1'],
        'refusals append nothing',
      );
    } finally {
      await h.close();
    }
  });
});

describe('closing posting batches by size', () => {
  it('never puts more than BATCH_MAX_ENTRIES entries in a batch closed on command: the rest stay open for the next', async () => {
    const h = await batchHarness('close-command-capped', 3);
    try {
      await h.send('o-1', ...workedExampleCommands('o-1'));
      const first = await h.closer.close('US01', EXAMPLE_DATE);
      assert.deepEqual(
        first.entries.map((e) => e.kind),
        ['payment-captured', 'revenue-recognized', 'vendor-claim'],
        'the oldest three',
      );
      assert.equal(h.queries.openCount('US01', EXAMPLE_DATE), 2);
      const second = await h.closer.close('US01', EXAMPLE_DATE, { limit: 10 });
      assert.deepEqual([second.batchId, second.entries.length, second.previousHash], ['US01-2026-11-28-2', 2, first.hash]);
    } finally {
      await h.close();
    }
  });

  it('closes a company and day once BATCH_MAX_ENTRIES entries are open, and leaves the rest open', async () => {
    const h = await batchHarness('close-size', 3);
    try {
      await h.send('o-1', ...workedExampleCommands('o-1'));
      await h.send('o-2', ...workedExampleCommands('o-2'));
      const { closed, skipped } = await h.closer.closeFullBatches();
      assert.deepEqual(skipped, []);
      assert.deepEqual(
        closed.map((b) => [b.batchId, b.entries.length]),
        [
          ['US01-2026-11-28-1', 3],
          ['US01-2026-11-28-2', 3],
          ['US01-2026-11-28-3', 3],
        ],
      );
      assert.equal(h.queries.openEntries('US01', EXAMPLE_DATE).length, 1, '10 entries: three full batches, one entry waits');
      assert.deepEqual((await h.closer.closeFullBatches()).closed, [], 'nothing more is full');
    } finally {
      await h.close();
    }
  });
});

describe('open entries', () => {
  it('are exactly the entries of the day no batch holds, in history order, however the closes cut the day and entries keep coming', async () => {
    const h = await batchHarness('open-entries', 500);
    /** Every entry of the day less those the recorded chain holds, from the journal's full listing. */
    const reference = async () => {
      // No chain before the first close.
      const chain = await recordedChain(h).catch((error: unknown) => {
        if (error instanceof StreamNotFoundError) return [];
        throw error;
      });
      const batched = new Set(chain.flatMap((batch) => batch.entries.map((entry) => entry.entryId)));
      return journalEntries(h.db)
        .filter((entry) => entry.company_code === 'US01' && entry.posting_date === EXAMPLE_DATE && !batched.has(entry.entry_id))
        .map((entry) => entry.entry_id);
    };
    const open = () => h.queries.openEntries('US01', EXAMPLE_DATE).map((entry) => entry.entryId);
    try {
      await h.send('o-1', ...workedExampleCommands('o-1'));
      // Cuts of 1, 2 and 3 entries: the first splits an event's entries, the last two cross orders.
      for (const [limit, next] of [
        [1, 'o-2'],
        [2, undefined],
        [3, 'o-3'],
        [2, undefined],
        [1, 'o-4'],
      ] as const) {
        assert.deepEqual(open(), await reference());
        await h.closer.close('US01', EXAMPLE_DATE, { limit });
        assert.deepEqual(open(), await reference(), `after a close of ${limit}`);
        if (next) await h.send(next, ...workedExampleCommands(next));
      }
      assert.ok((await reference()).length > 5, 'entries are still open at the end');
      assert.deepEqual(
        h.queries.openEntries('US01', EXAMPLE_DATE, 4).map((entry) => entry.entryId),
        (await reference()).slice(0, 4),
        'a limit takes the oldest',
      );
      const fresh = new PostingBatchQueries(h.db);
      assert.deepEqual(
        fresh.openEntries('US01', EXAMPLE_DATE).map((entry) => entry.entryId),
        await reference(),
        'a reader with nothing remembered reads the same',
      );
      await h.closer.close('US01', EXAMPLE_DATE);
      assert.deepEqual(open(), [], 'a close of all leaves none open');
      await h.send('o-5', ...workedExampleCommands('o-5'));
      assert.deepEqual(open(), await reference(), 'entries after a day closed whole are all open');
      assert.ok(open().length > 0);
    } finally {
      await h.close();
    }
  });
});

describe('the size watcher', () => {
  it("finds the days a sweep's streams post to, each once in code and date order, and which of them are full", async () => {
    const h = await batchHarness('size-watcher-days', 3);
    try {
      await h.send('o-1', ...workedExampleCommands('o-1'));
      await h.send('o-2', ...workedExampleCommands('o-2').map((command) => retimed(command, '2026-11-29')));
      await h.send('o-3', ...workedExampleCommands('o-3'));
      const [day1, day2] = [
        { companyCode: 'US01', postingDate: EXAMPLE_DATE },
        { companyCode: 'US01', postingDate: '2026-11-29' },
      ];
      assert.deepEqual(h.queries.daysOfStreams(new Set(['order-o-2', 'order-o-3', 'order-o-1', 'order-none'])), [day1, day2]);
      assert.deepEqual(h.queries.daysOfStreams(new Set(['order-o-2'])), [day2]);
      assert.deepEqual(h.queries.daysOfStreams(new Set(['order-none'])), []);
      const perOrder = h.queries.openCount('US01', '2026-11-29');
      assert.equal(h.queries.openCount('US01', EXAMPLE_DATE), 2 * perOrder);
      assert.deepEqual(h.queries.fullDays(undefined, 2 * perOrder), [day1], 'only the day of two orders holds that many');
      assert.deepEqual(h.queries.fullDays(undefined, perOrder), [day1, day2]);
      assert.deepEqual(h.queries.fullDays([day2], perOrder), [day2], 'only the days asked about');
    } finally {
      await h.close();
    }
  });

  it('closes days that filled up while it was not running, then follows new entries as they are posted', async () => {
    const h = await batchHarness('size-watcher', 3);
    const skipped: string[] = [];
    const watcher = new BatchSizeWatcher(h.store, h.closer, {
      ...(journalProjection.filter ? { journalFilter: journalProjection.filter } : {}),
      journalReached: h.journalReached,
      daysOfStreams: (streamIds) => h.queries.daysOfStreams(streamIds),
      report: ({ skipped: refusal, error }) => skipped.push(refusal?.code ?? error?.message ?? '?'),
    });
    try {
      await h.send('o-1', ...workedExampleCommands('o-1'));
      watcher.start();
      await eventually(() => h.queries.list().length === 1, 'the day that filled up before the start is closed');
      assert.equal(h.queries.openCount('US01', EXAMPLE_DATE), 2);
      await h.send('o-2', ...workedExampleCommands('o-2'));
      await eventually(() => h.queries.list().length === 3, 'the new entries close two more batches');
      assert.deepEqual(
        h.queries.list().map((b) => b.entries.length),
        [3, 3, 3],
      );
      assert.equal(h.queries.openCount('US01', EXAMPLE_DATE), 1);
      assert.deepEqual(skipped, []);
    } finally {
      await watcher.stop();
      await h.close();
    }
  });
  it('takes a sweep the journal could not answer again once it can: the day that filled up meanwhile is closed, not forgotten', async () => {
    const h = await batchHarness('size-watcher-journal-away', 3);
    const reported: string[] = [];
    let journalAway = true;
    const watcher = new BatchSizeWatcher(h.store, h.closer, {
      ...(journalProjection.filter ? { journalFilter: journalProjection.filter } : {}),
      // As a failed journal answers, waiting for its restart (an EventStoreDB restart broke its subscription).
      journalReached: async (position) => {
        if (journalAway) throw new Error('projection journal failed: EventStoreDB unavailable');
        await h.journalReached(position);
      },
      daysOfStreams: (streamIds) => h.queries.daysOfStreams(streamIds),
      report: ({ skipped: refusal, error }) => reported.push(refusal?.code ?? error?.message ?? '?'),
    });
    try {
      watcher.start();
      await h.send('o-1', ...workedExampleCommands('o-1'));
      await eventually(() => reported.length >= 1, 'the sweep of the new entries fails while the journal is away');
      assert.deepEqual(h.queries.list(), [], 'nothing closed yet');
      journalAway = false;
      await eventually(() => h.queries.list().length === 1, 'the full day is closed once the journal answers, with no new event');
      assert.ok(
        reported.every((message) => /journal failed/.test(message)),
        reported.join('; '),
      );
    } finally {
      await watcher.stop();
      await h.close();
    }
  });
});

describe('two closers at once', () => {
  it('produce one chain: the loser of the race is refused by the expected revision, re-reads, and batches nothing twice', async () => {
    const h = await batchHarness('close-concurrent', 4);
    try {
      for (let i = 1; i <= 4; i += 1) await h.send(`o-${i}`, ...workedExampleCommands(`o-${i}`));
      let conflicts = 0;
      const append = h.store.appendToStream.bind(h.store);
      h.store.appendToStream = async (...args) => {
        try {
          return await append(...args);
        } catch (error) {
          if (error instanceof WrongExpectedRevisionError) conflicts += 1;
          throw error;
        }
      };
      const [a, b] = [h.newCloser(), h.newCloser()];
      // Different cuts of the same open entries, composed against the same head.
      const outcomes = await Promise.allSettled([a.close('US01', EXAMPLE_DATE), b.closeFullBatches(), b.close('US01', EXAMPLE_DATE, { limit: 3 }), a.closeFullBatches()]);
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') assert.ok(outcome.reason instanceof BusinessRuleRefusal, `only refusals, got ${String(outcome.reason)}`);
      }
      assert.ok(conflicts >= 1, 'the closers raced for the same revision');
      // What the race left open (fewer than a full batch) closes on command.
      while (h.queries.openCount('US01', EXAMPLE_DATE) > 0) await a.close('US01', EXAMPLE_DATE);
      const chain = await recordedChain(h);
      assert.deepEqual(verifyChain(chain, journalLookup(h)), []);
      const batched = chain.flatMap((batch) => batch.entries.map((e) => e.entryId));
      assert.equal(new Set(batched).size, batched.length, 'no entry is in two batches');
      assert.equal(batched.length, 20, 'every entry of the four orders is batched');
      assert.deepEqual(
        chain.map((batch) => batch.sequence),
        chain.map((_, i) => i + 1),
      );
      assert.deepEqual(h.queries.openEntries('US01', EXAMPLE_DATE), []);
    } finally {
      await h.close();
    }
  });

  it('a closer whose read the other closer overtook reads again once the new head is in the read model, and closes the rest', async () => {
    const h = await batchHarness('close-overtaken', 3);
    try {
      await h.send('o-1', ...workedExampleCommands('o-1'));
      const dispatcher = h.newDispatcher();
      const other = h.newCloser();
      // The other closer closes a batch right after this one learned the head, before it reads what is open.
      const current = dispatcher.current.bind(dispatcher);
      let overtaken = 0;
      dispatcher.current = async (...args) => {
        const answer = await current(...args);
        if (overtaken++ === 0) await other.close('US01', EXAMPLE_DATE);
        return answer;
      };
      const batch = await h.newCloser(dispatcher).close('US01', EXAMPLE_DATE);
      assert.equal(overtaken, 2, 'read once against the old head, once against the new');
      const [first] = await recordedChain(h);
      assert.deepEqual([batch.batchId, batch.previousHash, batch.entries.length], ['US01-2026-11-28-2', first.hash, 2]);
      assert.deepEqual(verifyChain(await recordedChain(h), journalLookup(h)), []);
    } finally {
      await h.close();
    }
  });

  it('gives up, appending nothing, when the chain keeps moving under its reads', async () => {
    const h = await batchHarness('close-overtaken-always', 1);
    try {
      await h.send('o-1', ...workedExampleCommands('o-1'));
      await h.send('o-2', ...workedExampleCommands('o-2'));
      const dispatcher = h.newDispatcher();
      const other = h.newCloser();
      const current = dispatcher.current.bind(dispatcher);
      dispatcher.current = async (...args) => {
        const answer = await current(...args);
        await other.close('US01', EXAMPLE_DATE);
        return answer;
      };
      await assert.rejects(h.newCloser(dispatcher).close('US01', EXAMPLE_DATE), ConcurrencyRetriesExhaustedError);
      const chain = await recordedChain(h);
      assert.equal(chain.length, 6, 'the other closer closed one batch per attempt: the first and five retries');
      assert.deepEqual(verifyChain(chain, journalLookup(h)), []);
    } finally {
      await h.close();
    }
  });

  it('composing the very same batch twice appends it once', async () => {
    const h = await batchHarness('close-identical');
    try {
      await h.send('o-1', ...workedExampleCommands('o-1'));
      const [a, b] = await Promise.all([h.newCloser().close('US01', EXAMPLE_DATE), h.newCloser().close('US01', EXAMPLE_DATE)]);
      assert.deepEqual(a, b);
      assert.deepEqual(
        (await recordedChain(h)).map((batch) => batch.batchId),
        ['US01-2026-11-28-1'],
      );
    } finally {
      await h.close();
    }
  });
});
