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
});
