import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { IdempotencyStore } from '../../src/idempotency/idempotency-store';
import { tempDir } from '../support/temp-dir';

const DAY = 24 * 60 * 60 * 1000;

describe('idempotency store', () => {
  it('claims a key once, keeps its answer, and tells a different payload apart', async () => {
    const dir = tempDir('idem');
    const store = new IdempotencyStore(join(dir.path, 'i.sqlite'), 7);
    try {
      assert.deepEqual(await store.claim('p', 'k', 'f1', 0), { outcome: 'claimed' });
      assert.deepEqual(await store.claim('p', 'k', 'f1', 1), { outcome: 'in-flight' });
      assert.deepEqual(await store.claim('p', 'k', 'f2', 1), { outcome: 'reused' });
      await store.answer('p', 'k', { kind: 'ok', status: 201, body: { a: 1 } });
      assert.deepEqual(await store.claim('p', 'k', 'f1', 2), { outcome: 'answered', answer: { kind: 'ok', status: 201, body: { a: 1 } } });
      assert.deepEqual(await store.claim('q', 'k', 'f2', 2), { outcome: 'claimed' }, 'keys are per principal');
    } finally {
      store.close();
      dir.remove();
    }
  });

  it('keeps keys for the retention period, then forgets them', async () => {
    const dir = tempDir('idem');
    const store = new IdempotencyStore(join(dir.path, 'i.sqlite'), 7);
    try {
      await store.claim('p', 'k', 'f1', 0);
      await store.answer('p', 'k', { kind: 'ok', status: 200, body: null });
      assert.equal(store.purgeExpired(7 * DAY), 0);
      assert.equal((await store.claim('p', 'k', 'f2', 7 * DAY)).outcome, 'reused');
      assert.equal(store.purgeExpired(7 * DAY + 1), 1);
      assert.equal((await store.claim('p', 'k', 'f2', 7 * DAY + 1)).outcome, 'claimed');
    } finally {
      store.close();
      dir.remove();
    }
  });

  it('treats a key past the retention period as new even before the purge has run', async () => {
    const dir = tempDir('idem');
    const store = new IdempotencyStore(join(dir.path, 'i.sqlite'), 7);
    try {
      await store.claim('p', 'k', 'f1', 0);
      await store.answer('p', 'k', { kind: 'ok', status: 200, body: { first: true } });
      assert.equal((await store.claim('p', 'k', 'f2', 7 * DAY)).outcome, 'reused', 'still remembered on the last day');
      assert.deepEqual(await store.claim('p', 'k', 'f2', 7 * DAY + 1), { outcome: 'claimed' });
      assert.equal((await store.claim('p', 'k', 'f2', 7 * DAY + 2)).outcome, 'in-flight', 'the old answer is gone with the old claim');
      assert.equal(store.purgeExpired(7 * DAY + 2), 0, 'the fresh claim is not purged');
    } finally {
      store.close();
      dir.remove();
    }
  });

  it('lets a retry take over a key left in flight by a process that crashed', async () => {
    const dir = tempDir('idem');
    const file = join(dir.path, 'i.sqlite');
    const crashed = new IdempotencyStore(file, 7);
    await crashed.claim('p', 'k', 'f1', 0);
    crashed.close();
    const restarted = new IdempotencyStore(file, 7);
    try {
      assert.equal((await restarted.claim('p', 'k', 'f1', 1)).outcome, 'claimed');
      assert.equal((await restarted.claim('p', 'k', 'f1', 2)).outcome, 'in-flight');
    } finally {
      restarted.close();
      dir.remove();
    }
  });
});
