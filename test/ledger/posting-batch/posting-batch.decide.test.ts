import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { entryRecordOf } from '../../../src/ledger/entry-record';
import { composeBatch } from '../../../src/ledger/posting-batch/compose-batch';
import { type PostedEntry, postedEntryOf } from '../../../src/ledger/posting-batch/posted-entry';
import { GENESIS_HASH, type PostingBatchClosed, type PostingBatchClosedData } from '../../../src/ledger/posting-batch/posting-batch';
import { postingBatchDecider } from '../../../src/ledger/posting-batch/posting-batch.aggregate';
import { type ClosePostingBatch, closeCommandId } from '../../../src/ledger/posting-batch/posting-batch.commands';
import { deciderSpec } from '../../support/decider-spec';
import { history } from '../../order/order.fixtures';
import { EXAMPLE_DATE, workedExampleCommands } from '../../projections/posting-batches/worked-example';
import { entriesOf, postHistory, recorded } from '../posting/recorded-history';

const { given, stateAfter } = deciderSpec(postingBatchDecider);

/** The worked example's five journal entries for one order, as a closer reads them open. */
function exampleEntries(orderId: string, firstPosition: bigint): PostedEntry[] {
  const events = recorded(history(...workedExampleCommands(orderId)), `order-${orderId}`, firstPosition);
  return entriesOf(postHistory(events)).map((entry) => postedEntryOf(entryRecordOf(entry)));
}

const close = (entries: PostedEntry[], head: ClosePostingBatch['head'], sequence = 1): ClosePostingBatch => ({
  kind: 'ClosePostingBatch',
  companyCode: 'US01',
  postingDate: EXAMPLE_DATE,
  sequence,
  head,
  entries,
  postingErrors: [],
});

const headOf = (batch: PostingBatchClosedData) => ({ batchId: batch.batchId, hash: batch.hash });

/** The batch as the pure composition gives it: what an auditor recomposes from history. */
function composed(command: ClosePostingBatch, previous: ClosePostingBatch['head']): PostingBatchClosed {
  const result = composeBatch({ ...command, previous });
  if (!result.ok) throw new Error(`expected a batch, got ${result.refusal.code}`);
  return { type: 'PostingBatchClosed', data: result.batch };
}

const first = composed(close(exampleEntries('o-1', 1n), null), null);
const second = composed(close(exampleEntries('o-2', 100n), headOf(first.data), 2), headOf(first.data));

describe('posting-batch decider: closing', () => {
  it('closes a company’s first batch against the genesis hash', () => {
    const [event] = given([])
      .when(close(exampleEntries('o-1', 1n), null))
      .events();
    assert.deepEqual(event, first);
    assert.deepEqual([event.data.batchId, event.data.previousBatchId, event.data.previousHash], ['US01-2026-11-28-1', null, GENESIS_HASH]);
  });

  it('links the next batch to the head the stream holds, whatever the order the entries were read in', () => {
    const entries = exampleEntries('o-2', 100n);
    given([first])
      .when(close([...entries].reverse(), headOf(first.data), 2))
      .then([second]);
    assert.deepEqual([second.data.batchId, second.data.previousBatchId, second.data.previousHash], ['US01-2026-11-28-2', first.data.batchId, first.data.hash]);
  });
});

describe('posting-batch decider: refusals (nothing is recorded)', () => {
  it('refuses a close read against another head: another closer moved the chain since the read', () => {
    const entries = exampleEntries('o-2', 100n);
    given([first])
      .when(close(entries, null))
      .thenRefuses('CHAIN_HEAD_MOVED', { head: headOf(first.data), readAt: null });
    given([first, second])
      .when(close(entries, headOf(first.data), 2))
      .thenRefuses('CHAIN_HEAD_MOVED', { head: headOf(second.data), readAt: headOf(first.data) });
    given([])
      .when(close(entries, headOf(first.data), 2))
      .thenRefuses('CHAIN_HEAD_MOVED', { head: null });
  });

  it('says the head moved before judging a stale read: the entries it calls open may be closed already', () => {
    given([first]).when(close([], null)).thenRefuses('CHAIN_HEAD_MOVED');
  });

  it('passes the composition’s refusals through with their codes', () => {
    const entries = exampleEntries('o-1', 1n);
    given([]).when(close([], null)).thenRefuses('NOTHING_TO_CLOSE', { companyCode: 'US01', postingDate: EXAMPLE_DATE });
    given([])
      .when({ ...close(entries, null), postingErrors: [{ entryId: 'evt-9/x', companyCode: 'US01', postingDate: EXAMPLE_DATE, message: 'no rule' }] })
      .thenRefuses('POSTING_ERRORS_OPEN');
    given([])
      .when({ ...close(entries, null), companyCode: 'DE01' })
      .thenRefuses('ENTRY_NOT_IN_SCOPE', { entryId: entries[0].entryId });
    const [tilted, ...rest] = entries;
    const unbalanced = [{ ...tilted, lines: tilted.lines.map((line, i) => (i === 0 ? { ...line, amountMinor: line.amountMinor + 1 } : line)) }, ...rest];
    given([]).when(close(unbalanced, null)).thenRefuses('BATCH_UNBALANCED');
  });
});

describe('posting-batch decider: state', () => {
  it('keeps only the head, so the last event alone gives the state the whole chain gives', () => {
    assert.deepEqual(stateAfter([first, second]), { head: headOf(second.data) });
    assert.deepEqual(stateAfter([second]), stateAfter([first, second]));
    assert.deepEqual(stateAfter([]), { head: null });
  });
});

describe('posting-batch close command id', () => {
  it('is the same for the same entries after the same head, so a repeated close is one command', () => {
    const entries = exampleEntries('o-1', 1n);
    assert.equal(closeCommandId(close(entries, null)), closeCommandId(close([...entries].reverse(), null)));
    assert.notEqual(closeCommandId(close(entries, null)), closeCommandId(close(entries.slice(0, 3), null)), 'another cut');
    assert.notEqual(closeCommandId(close(entries, null)), closeCommandId(close(entries, headOf(first.data), 2)), 'after another head');
  });
});
