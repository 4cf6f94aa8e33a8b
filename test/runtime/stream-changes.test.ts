import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StreamChanges } from '../../src/runtime/stream-changes';

/** Far longer than any test here runs: these waits end by an append, an abort or a close. */
const LONG_MS = 60_000;

describe('stream changes: readers waiting for a stream to be appended to', () => {
  it('answers the waiters of the appended stream that wait for an earlier revision, and no others', async () => {
    const changes = new StreamChanges();
    const ended: string[] = [];
    const wait = (name: string, stream: string, revision: number) => void changes.waitPast(stream, revision, LONG_MS).then((how) => ended.push(`${name}:${how}`));
    wait('at-1', 'order-a', 1);
    wait('at-2', 'order-a', 2);
    wait('other', 'order-b', 1);
    changes.appended('order-a', 2);
    await Promise.resolve();
    assert.deepEqual(ended, ['at-1:appended'], 'a waiter already at revision 2 keeps waiting; another stream is not told');
    assert.equal(changes.size, 2);
    changes.appended('order-a', 3);
    changes.close();
    await Promise.resolve();
    assert.deepEqual(ended, ['at-1:appended', 'at-2:appended', 'other:closing']);
    assert.equal(changes.size, 0);
  });

  it('lets a waiter go when its time runs out or its signal aborts', async () => {
    const changes = new StreamChanges();
    assert.equal(await changes.waitPast('order-a', 0, 1), 'timed-out');
    const client = new AbortController();
    const gone = changes.waitPast('order-a', 0, LONG_MS, client.signal);
    assert.equal(changes.size, 1);
    client.abort();
    assert.equal(await gone, 'aborted');
    assert.equal(changes.size, 0);
    assert.equal(await changes.waitPast('order-a', 0, LONG_MS, client.signal), 'aborted', 'an aborted signal does not start a wait');
  });

  it('starts no wait past its bound, nor once closed', async () => {
    const changes = new StreamChanges(1);
    const first = changes.waitPast('order-a', 0, LONG_MS);
    assert.equal(await changes.waitPast('order-b', 0, LONG_MS), 'full');
    changes.close();
    assert.equal(await first, 'closing');
    assert.equal(await changes.waitPast('order-a', 0, LONG_MS), 'closing');
    assert.equal(changes.size, 0);
  });

  it('a revision read from the log wakes its waiters, and ends at once a wait registered after it from an earlier revision', async () => {
    const changes = new StreamChanges();
    const waiting = changes.waitPast('order-a', 0, LONG_MS);
    changes.seenInLog('order-a', 1);
    assert.equal(await waiting, 'appended');
    assert.equal(await changes.waitPast('order-a', 0, LONG_MS), 'appended', 'the reader read revision 0 just before the log showed revision 1');
    changes.seenInLog('order-a', 0);
    assert.equal(await changes.waitPast('order-a', 0, LONG_MS), 'appended', 'an older revision delivered late does not take the place of the newer one');
    const current = changes.waitPast('order-a', 1, LONG_MS);
    assert.equal(changes.size, 1, 'a reader at the revision the log holds waits');
    changes.close();
    assert.equal(await current, 'closing');
  });

  it('keeps the last revisions of the streams most recently appended to, up to its bound', async () => {
    const changes = new StreamChanges(10, 2);
    changes.seenInLog('order-a', 3);
    changes.seenInLog('order-b', 3);
    changes.seenInLog('order-a', 4);
    changes.seenInLog('order-c', 3);
    assert.equal(await changes.waitPast('order-a', 3, LONG_MS), 'appended', 'order-a was appended to again: kept');
    assert.equal(await changes.waitPast('order-c', 2, LONG_MS), 'appended');
    const forgotten = changes.waitPast('order-b', 2, LONG_MS);
    assert.equal(changes.size, 1, 'order-b, appended to longest ago, is forgotten: its reader waits');
    changes.close();
    assert.equal(await forgotten, 'closing');
  });
});
