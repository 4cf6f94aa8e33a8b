import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { SqliteEventStore } from '../../src/event-store/embedded/sqlite-event-store';
import type { EventStore, ReadStreamOptions } from '../../src/event-store/event-store.port';
import { entryRecordOf } from '../../src/ledger/entry-record';
import { type PostedEntry, postedEntryOf } from '../../src/ledger/posting-batch/posted-entry';
import { postingBatchStream, type PostingBatchClosedData } from '../../src/ledger/posting-batch/posting-batch';
import { postingBatchAggregate } from '../../src/ledger/posting-batch/posting-batch.aggregate';
import { type ClosePostingBatch, closeCommandId } from '../../src/ledger/posting-batch/posting-batch.commands';
import { CommandDispatcher } from '../../src/runtime/command-dispatcher';
import { streamIdOf } from '../../src/runtime/decider';
import { entriesOf, postHistory, recorded } from '../ledger/posting/recorded-history';
import { history } from '../order/order.fixtures';
import { EXAMPLE_DATE, workedExampleCommands } from '../projections/posting-batches/worked-example';
import { refusalOf } from '../support/refusal';
import { tempDir } from '../support/temp-dir';

const options = { mailboxCapacity: 100, maxWarmActors: 10, idleEvictionMs: 60_000, maxConflictRetries: 3 };

function exampleEntries(orderId: string, firstPosition: bigint): PostedEntry[] {
  const events = recorded(history(...workedExampleCommands(orderId)), `order-${orderId}`, firstPosition);
  return entriesOf(postHistory(events)).map((entry) => postedEntryOf(entryRecordOf(entry)));
}

describe('an aggregate loaded from its last event (a company’s posting-batch chain)', () => {
  const dir = tempDir('last-event-load');
  let store: SqliteEventStore;
  /** What the actors under test read and append, through the store. */
  let reads: Array<{ streamId: string; options: ReadStreamOptions | undefined; events: number }>;
  let appends: number;
  let counting: EventStore;
  let company = 0;
  let companyCode: string;

  const closeOf = (orderId: string, head: PostingBatchClosedData | null, sequence: number, position: bigint): ClosePostingBatch => ({
    kind: 'ClosePostingBatch',
    companyCode,
    postingDate: EXAMPLE_DATE,
    sequence,
    head: head && { batchId: head.batchId, hash: head.hash },
    entries: exampleEntries(orderId, position).map((e) => ({ ...e, companyCode })),
    postingErrors: [],
  });
  const send = (dispatcher: CommandDispatcher, command: ClosePostingBatch) =>
    dispatcher.dispatch(postingBatchAggregate, { commandId: closeCommandId(command), streamId: postingBatchStream(companyCode), command, metadata: {} });
  /** Closes batches of o-1, o-2 ... chained, through `writer` or a dispatcher of its own (another node). */
  async function chainOf(length: number, writer?: CommandDispatcher): Promise<{ commands: ClosePostingBatch[]; batches: PostingBatchClosedData[] }> {
    const through = writer ?? new CommandDispatcher(store, options);
    const commands: ClosePostingBatch[] = [];
    const batches: PostingBatchClosedData[] = [];
    try {
      for (let i = 0; i < length; i += 1) {
        const command = closeOf(`o-${i + 1}`, batches[i - 1] ?? null, i + 1, BigInt(100 * i + 1));
        commands.push(command);
        batches.push((await send(through, command)).events[0].data as PostingBatchClosedData);
      }
    } finally {
      if (!writer) through.stop();
    }
    return { commands, batches };
  }

  before(() => {
    store = new SqliteEventStore({ file: join(dir.path, 'events.sqlite') });
    counting = {
      appendToStream: (streamId, events, appendOptions) => {
        appends += 1;
        return store.appendToStream(streamId, events, appendOptions);
      },
      readStream: async (streamId, readOptions) => {
        const events = await store.readStream(streamId, readOptions);
        reads.push({ streamId, options: readOptions, events: events.length });
        return events;
      },
      readAll: (readOptions) => store.readAll(readOptions),
      subscribeToAll: (subscribeOptions) => store.subscribeToAll(subscribeOptions),
      ping: () => store.ping(),
      close: () => store.close(),
    };
  });
  beforeEach(() => {
    companyCode = `C${++company}`;
    reads = [];
    appends = 0;
  });
  after(async () => {
    await store.close();
    dir.remove();
  });

  it('lives on the stream posting-batches-<companyCode>, as every chain recorded so far', () => {
    assert.equal(streamIdOf(postingBatchAggregate, 'US01'), postingBatchStream('US01'));
  });

  it('reads one event to learn the head, and closes the next batch at the next chain index', async () => {
    const { batches } = await chainOf(3);
    const cold = new CommandDispatcher(counting, options);
    try {
      const current = await cold.current(postingBatchAggregate, postingBatchStream(companyCode));
      const [last] = await store.readStream(postingBatchStream(companyCode), { direction: 'backwards', maxCount: 1 });
      assert.deepEqual(current, { state: { head: { batchId: batches[2].batchId, hash: batches[2].hash } }, revision: 2, position: last.globalPosition });
      assert.deepEqual(reads, [{ streamId: postingBatchStream(companyCode), options: { direction: 'backwards', maxCount: 1 }, events: 1 }], 'one event read, the last');

      const outcome = await send(cold, closeOf('o-4', batches[2], 4, 301n));
      const [closed] = outcome.events;
      assert.equal(closed.revision, 3, 'chain index 3');
      assert.deepEqual([(closed.data as PostingBatchClosedData).previousBatchId, (closed.data as PostingBatchClosedData).previousHash], [batches[2].batchId, batches[2].hash]);
      assert.equal(reads.length, 1, 'the warm actor read nothing more');
    } finally {
      cold.stop();
    }
    // The counter counts: the same chain loaded as an ordinary aggregate reads every event.
    const whole = new CommandDispatcher(counting, options);
    await whole.current({ ...postingBatchAggregate, stateFromLastEvent: false }, postingBatchStream(companyCode));
    whole.stop();
    assert.equal(reads[1].events, 4);
  });

  it('answers a close sent again from the event it recorded, without deciding or appending again', async () => {
    const { commands, batches } = await chainOf(2);
    const cold = new CommandDispatcher(counting, options);
    try {
      const again = await send(cold, commands[1]);
      assert.equal(again.duplicate, true);
      assert.deepEqual(
        again.events.map((e) => [e.revision, e.data]),
        [[1, batches[1]]],
      );
      assert.equal(appends, 0, 'nothing appended');
      assert.equal((await store.readStream(postingBatchStream(companyCode))).length, 2);
    } finally {
      cold.stop();
    }
  });

  it('remembers only the last event’s command, warm or cold: an older close sent again is decided again, and refused', async () => {
    const warm = new CommandDispatcher(counting, options);
    const cold = new CommandDispatcher(counting, options);
    try {
      const { commands } = await chainOf(2, warm);
      appends = 0;
      assert.equal((await refusalOf(send(warm, commands[0]))).code, 'CHAIN_HEAD_MOVED', 'the warm actor holds no outcome but the last');
      assert.equal((await refusalOf(send(cold, commands[0]))).code, 'CHAIN_HEAD_MOVED', 'the cold actor learns only the last');
      assert.equal(appends, 0, 'nothing appended');
      assert.equal((await send(warm, commands[1])).duplicate, true, 'the last close is still answered');
    } finally {
      warm.stop();
      cold.stop();
    }
  });
});
