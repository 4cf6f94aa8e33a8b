import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { batchHash } from '../../../src/ledger/posting-batch/batch-hash';
import { composeBatch, type BatchToCompose } from '../../../src/ledger/posting-batch/compose-batch';
import { entryRecordOf } from '../../../src/ledger/entry-record';
import { entryHash, type PostedEntry, postedEntryOf } from '../../../src/ledger/posting-batch/posted-entry';
import { GENESIS_HASH, type PostingBatchClosedData } from '../../../src/ledger/posting-batch/posting-batch';
import { verifyChain } from '../../../src/ledger/posting-batch/verify-chain';
import { history } from '../../order/order.fixtures';
import { entriesOf, postHistory, recorded } from '../../ledger/posting/recorded-history';
import { EXAMPLE_DATE, workedExampleCommands } from './worked-example';

/** The worked example's journal entries for one order, as the posting rules produce them. */
function exampleEntries(orderId: string, firstPosition: bigint): PostedEntry[] {
  const events = recorded(history(...workedExampleCommands(orderId)), `order-${orderId}`, firstPosition);
  return entriesOf(postHistory(events)).map((entry) => postedEntryOf(entryRecordOf(entry)));
}

const base = (entries: PostedEntry[], previous: BatchToCompose['previous'] = null, sequence = 1): BatchToCompose => ({
  companyCode: 'US01',
  postingDate: EXAMPLE_DATE,
  sequence,
  previous,
  entries,
  postingErrors: [],
});

function closed(input: BatchToCompose): PostingBatchClosedData {
  const composed = composeBatch(input);
  if (!composed.ok) throw new Error(`expected a batch, got ${composed.refusal.code}: ${composed.refusal.message}`);
  return composed.batch;
}

/** Two batches of one company, chained, and a lookup of every entry as the journal has it. */
function chainOfTwo() {
  const first = exampleEntries('o-1', 1n);
  const second = exampleEntries('o-2', 100n);
  const b1 = closed(base(first));
  const b2 = closed(base(second, { batchId: b1.batchId, hash: b1.hash }, 2));
  const journal = new Map([...first, ...second].map((e) => [e.entryId, e]));
  return { b1, b2, journal, lookup: (id: string) => journal.get(id) };
}

describe('posting batch composition', () => {
  it('lists the entries in history order with their hashes, totals per currency and the genesis link', () => {
    const entries = exampleEntries('o-1001', 1n);
    const batch = closed(base([...entries].reverse()));
    assert.equal(batch.batchId, 'US01-2026-11-28-1');
    assert.deepEqual(
      batch.entries.map((e) => e.entryId),
      entries.map((e) => e.entryId),
      'entries sorted by event position, not by how they were given',
    );
    assert.deepEqual(
      batch.entries.map((e) => e.hash),
      entries.map(entryHash),
    );
    assert.deepEqual(batch.totals, [{ currency: 'USD', debitMinor: 10519 + 12019 + 500 + 3217 + 2931, creditMinor: 10519 + 12019 + 500 + 3217 + 2931, lineCount: 16 }]);
    assert.equal(batch.previousHash, GENESIS_HASH);
    assert.equal(batch.previousBatchId, null);
    assert.equal(batch.hash, batchHash(batch));
  });

  it('gives the same batch, byte for byte, for the same entries', () => {
    const entries = exampleEntries('o-1001', 1n);
    assert.deepEqual(closed(base(entries)), closed(base([...entries].reverse())));
  });

  it('refuses to close nothing', () => {
    const composed = composeBatch(base([]));
    assert.equal(composed.ok, false);
    assert.equal(!composed.ok && composed.refusal.code, 'NOTHING_TO_CLOSE');
  });

  it('refuses a set that does not balance, naming the currency and both sides, and never plugs it', () => {
    const entries = exampleEntries('o-1001', 1n);
    entries[0] = { ...entries[0], lines: entries[0].lines.map((l, i) => (i === 0 ? { ...l, amountMinor: l.amountMinor + 1 } : l)) };
    const composed = composeBatch(base(entries));
    assert.equal(composed.ok, false);
    if (composed.ok) return;
    assert.equal(composed.refusal.code, 'BATCH_UNBALANCED');
    assert.match(composed.refusal.message, /USD debits 29187 vs credits 29186/);
    assert.deepEqual(composed.refusal.details.imbalances, [{ currency: 'USD', debitMinor: 29187, creditMinor: 29186, lineCount: 16 }]);
  });

  it('refuses a company and day with posting errors', () => {
    const composed = composeBatch({
      ...base(exampleEntries('o-1001', 1n)),
      postingErrors: [{ entryId: 'evt-9/payment-captured', companyCode: 'US01', postingDate: '2026-11-28', message: 'entry evt-9/payment-captured does not balance' }],
    });
    assert.equal(composed.ok, false);
    assert.equal(!composed.ok && composed.refusal.code, 'POSTING_ERRORS_OPEN');
    assert.equal(!composed.ok ? composed.refusal.message : '', 'US01 2026-11-28 has 1 refused journal entry: entry evt-9/payment-captured does not balance');
  });

  it('says why a posting error of unknown company or date holds back this batch', () => {
    const refusalFor = (companyCode: string | null, postingDate: string | null) => {
      const composed = composeBatch({ ...base(exampleEntries('o-1001', 1n)), postingErrors: [{ entryId: 'evt-9/unknown', companyCode, postingDate, message: 'no company code' }] });
      assert.equal(!composed.ok && composed.refusal.code, 'POSTING_ERRORS_OPEN');
      return composed.ok ? '' : composed.refusal.message;
    };
    assert.match(refusalFor(null, null), /company code and posting date are unknown, so it holds back every batch/);
    assert.match(refusalFor(null, '2026-11-28'), /company code is unknown, so it holds back every company's 2026-11-28/);
    assert.match(refusalFor('US01', null), /posting date is unknown, so it holds back every day of US01/);
  });

  it('refuses an entry of another day rather than posting it on the wrong date', () => {
    const entries = exampleEntries('o-1001', 1n);
    entries[2] = { ...entries[2], postingDate: '2026-11-29' };
    const composed = composeBatch(base(entries));
    assert.equal(!composed.ok && composed.refusal.code, 'ENTRY_NOT_IN_SCOPE');
  });
});

describe('hash chain verification', () => {
  it('finds nothing wrong with an intact chain', () => {
    const { b1, b2, lookup } = chainOfTwo();
    assert.equal(b2.previousHash, b1.hash);
    assert.deepEqual(verifyChain([b1, b2], lookup), []);
  });

  it('detects a tampered entry and names it', () => {
    const { b1, b2, journal, lookup } = chainOfTwo();
    const victim = b2.entries.find((e) => e.kind === 'revenue-recognized')!.entryId;
    const entry = journal.get(victim)!;
    journal.set(victim, { ...entry, lines: entry.lines.map((l) => (l.role === 'revenue.shipping' ? { ...l, amountMinor: l.amountMinor - 1 } : l)) });
    const problems = verifyChain([b1, b2], lookup);
    assert.deepEqual(
      problems.map((p) => [p.batchId, p.kind, p.entryId]),
      [
        [b2.batchId, 'entry-hash', victim],
        [b2.batchId, 'totals', undefined],
      ],
    );
  });

  it('detects a tampered account role on an entry, even when the amounts still add up', () => {
    const { b1, b2, journal, lookup } = chainOfTwo();
    const victim = b1.entries[0].entryId;
    const entry = journal.get(victim)!;
    journal.set(victim, { ...entry, lines: entry.lines.map((l, i) => (i === 0 ? { ...l, role: 'bank' } : l)) });
    assert.deepEqual(
      verifyChain([b1, b2], lookup).map((p) => [p.batchId, p.kind, p.entryId]),
      [[b1.batchId, 'entry-hash', victim]],
    );
  });

  it('detects a deleted entry', () => {
    const { b1, b2, journal, lookup } = chainOfTwo();
    const victim = b1.entries[1].entryId;
    journal.delete(victim);
    assert.deepEqual(
      verifyChain([b1, b2], lookup).map((p) => [p.batchId, p.kind, p.entryId]),
      [[b1.batchId, 'entry-missing', victim]],
    );
  });

  it('detects tampered totals in a recorded batch', () => {
    const { b1, b2, lookup } = chainOfTwo();
    const forged = { ...b1, totals: [{ ...b1.totals[0], debitMinor: b1.totals[0].debitMinor + 100, creditMinor: b1.totals[0].creditMinor + 100 }] };
    const problems = verifyChain([forged, b2], lookup);
    assert.deepEqual(
      problems.map((p) => [p.batchId, p.kind]),
      [
        [b1.batchId, 'batch-hash'],
        [b1.batchId, 'totals'],
      ],
    );
  });

  it('detects a forged batch even when its hash was recomputed, because the next link breaks', () => {
    const { b1, b2, lookup } = chainOfTwo();
    const unhashed = { ...b1, entries: b1.entries.slice(1), hash: '' };
    const forged = { ...unhashed, hash: batchHash(unhashed) };
    const problems = verifyChain([forged, b2], lookup);
    assert.deepEqual(
      problems.map((p) => [p.batchId, p.kind]),
      [
        [b1.batchId, 'totals'],
        [b2.batchId, 'link'],
      ],
    );
  });

  it('detects a tampered link and names both batches', () => {
    const { b1, b2, lookup } = chainOfTwo();
    const relinked = { ...b2, previousHash: GENESIS_HASH };
    const problems = verifyChain([b1, relinked], lookup);
    assert.deepEqual(
      problems.map((p) => [p.batchId, p.kind]),
      [
        [b2.batchId, 'link'],
        [b2.batchId, 'batch-hash'],
      ],
    );
    assert.match(problems[0].message, new RegExp(`batch before it is ${b1.batchId}`));
  });

  it('detects a batch removed from the middle of the chain', () => {
    const { b1, b2, lookup } = chainOfTwo();
    const b3 = closed(base(exampleEntries('o-3', 200n), { batchId: b2.batchId, hash: b2.hash }, 3));
    const problems = verifyChain([b1, b3], (id) => lookup(id) ?? exampleEntries('o-3', 200n).find((e) => e.entryId === id));
    assert.deepEqual(
      problems.map((p) => [p.batchId, p.kind]),
      [[b3.batchId, 'link']],
    );
  });
});
