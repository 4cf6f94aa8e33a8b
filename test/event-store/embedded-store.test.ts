import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { SqliteEventStore } from '../../src/event-store/embedded/sqlite-event-store';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../../src/event-store/event-store.errors';
import type { NewEvent } from '../../src/event-store/event-store.port';
import { tempDir } from '../support/temp-dir';

const event = (n: number): NewEvent => ({ eventId: randomUUID(), type: 'Counted', data: { n } });

describe('embedded store specifics', () => {
  const dir = tempDir('embedded');
  after(() => dir.remove());

  it('notices a second connection writing the same file and checks revisions against what it wrote', async () => {
    const file = join(dir.path, 'shared.sqlite');
    const first = new SqliteEventStore({ file });
    const second = new SqliteEventStore({ file });
    await first.appendToStream('tab-1', [event(0)], { expectedRevision: 'no_stream' });
    await second.appendToStream('tab-1', [event(1)], { expectedRevision: 0 });
    await assert.rejects(first.appendToStream('tab-1', [event(2)], { expectedRevision: 0 }), (error: unknown) => error instanceof WrongExpectedRevisionError && error.actual === 1);
    await first.appendToStream('tab-1', [event(2)], { expectedRevision: 1 });
    const read = await second.readStream('tab-1');
    assert.deepEqual(
      read.map((e) => [e.revision, (e.data as { n: number }).n]),
      [
        [0, 0],
        [1, 1],
        [2, 2],
      ],
    );
    await first.close();
    await second.close();
  });

  it('answers the same any append sent twice in one group commit once written, once as its replay', async () => {
    const store = new SqliteEventStore({ file: join(dir.path, 'same-group-retry.sqlite') });
    await store.appendToStream('tab-1', [event(0)], { expectedRevision: 'no_stream' });
    const events = [event(1), event(2)];
    // Same turn, so both reach the writer in one group: the second sees the first's uncommitted head.
    const [first, again] = await Promise.all([
      store.appendToStream('tab-1', events, { expectedRevision: 'any' }),
      store.appendToStream('tab-1', events, { expectedRevision: 'any' }),
    ]);
    assert.deepEqual(again, first);
    assert.equal(first.nextExpectedRevision, 2);
    assert.deepEqual(
      (await store.readStream('tab-1')).map((e) => (e.data as { n: number }).n),
      [0, 1, 2],
    );
    await store.close();
  });

  it('keeps every acknowledged event after close and reopen, streams intact', async () => {
    const file = join(dir.path, 'reopen.sqlite');
    const store = new SqliteEventStore({ file });
    await Promise.all(
      ['a', 'b', 'c'].map(async (name) => {
        for (let revision = 0; revision < 20; revision++) {
          await store.appendToStream(`stream-${name}`, [event(revision)], { expectedRevision: revision === 0 ? 'no_stream' : revision - 1 });
        }
      }),
    );
    await store.close();
    const reopened = new SqliteEventStore({ file });
    for (const name of ['a', 'b', 'c']) {
      const read = await reopened.readStream(`stream-${name}`);
      assert.deepEqual(
        read.map((e) => (e.data as { n: number }).n),
        Array.from({ length: 20 }, (_, i) => i),
      );
    }
    assert.equal((await reopened.readAll()).length, 60);
    await reopened.close();
  });

  it('keeps the WAL file small under sustained appends: committed pages are checkpointed into the database file', async () => {
    const file = join(dir.path, 'wal-bounded.sqlite');
    const store = new SqliteEventStore({ file });
    const payload = 'x'.repeat(4000);
    // About 40 MB through 40 concurrent writers.
    await Promise.all(
      Array.from({ length: 40 }, async (_, writer) => {
        for (let revision = 0; revision < 250; revision++) {
          const events = [{ eventId: randomUUID(), type: 'Filled', data: { payload } }];
          await store.appendToStream(`fill-${writer}`, events, { expectedRevision: revision === 0 ? 'no_stream' : revision - 1 });
        }
      }),
    );
    // Measured before close: closing the last connection checkpoints everything anyway.
    const wal = statSync(`${file}-wal`).size;
    const database = statSync(file).size;
    await store.close();
    assert.ok(wal < 24 * 1024 * 1024, `the WAL grew to ${(wal / 1024 / 1024).toFixed(1)} MB for 40 MB of events: checkpoints are not keeping up`);
    assert.ok(database > 24 * 1024 * 1024, 'the events reached the database file itself');
  });

  it('refuses appends and reports not ready once its writer thread is gone, instead of hanging', async () => {
    const store = new SqliteEventStore({ file: join(dir.path, 'writer-dies.sqlite') });
    await store.appendToStream('tab-1', [event(0)], { expectedRevision: 'no_stream' });
    // The thread dying is what a native crash in the writer would look like from here.
    await (store as unknown as { committer: { worker: { terminate(): Promise<number> } } }).committer.worker.terminate();
    await assert.rejects(store.appendToStream('tab-1', [event(1)], { expectedRevision: 0 }), EventStoreUnavailableError);
    await assert.rejects(store.ping(), EventStoreUnavailableError);
    assert.equal((await store.readStream('tab-1')).length, 1, 'what was committed is still readable');
    await store.close();
  });
});
