import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ActorOverloadedError } from '../../src/runtime/actor-overloaded.error';
import { Mailbox } from '../../src/runtime/mailbox';

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('actor mailbox', () => {
  it('runs posted work one at a time, in the order it was posted', async () => {
    const mailbox = new Mailbox('tab-1', 10);
    const log: string[] = [];
    const work = (name: string, ms: number) => async () => {
      log.push(`start ${name}`);
      await later(ms);
      log.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([mailbox.post(work('a', 20)), mailbox.post(work('b', 1)), mailbox.post(work('c', 5))]);
    assert.deepEqual(results, ['a', 'b', 'c']);
    assert.deepEqual(log, ['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('tells the sender to retry later when full, instead of queueing without bound', async () => {
    const mailbox = new Mailbox('tab-1', 2);
    const first = mailbox.post(() => later(30));
    const second = mailbox.post(() => later(30));
    let refusedRan = false;
    const refused = async () => {
      refusedRan = true;
    };
    assert.equal(mailbox.depth, 2, 'the running letter counts towards the capacity');
    await assert.rejects(mailbox.post(refused), (error: unknown) => {
      assert.ok(error instanceof ActorOverloadedError);
      assert.equal(error.actorKey, 'tab-1');
      assert.ok(error.retryAfterMs > 0, 'a retry-after delay is given');
      return true;
    });
    await Promise.all([first, second]);
    assert.equal(refusedRan, false, 'refused work is never run');
    assert.equal(await mailbox.post(async () => 'accepted again'), 'accepted again');
  });

  it('keeps going after a letter fails', async () => {
    const mailbox = new Mailbox('tab-1', 5);
    const failed = mailbox.post(async () => {
      throw new Error('boom');
    });
    const next = mailbox.post(async () => 'next');
    await assert.rejects(failed, /boom/);
    assert.equal(await next, 'next');
    assert.ok(mailbox.idle);
  });
});
