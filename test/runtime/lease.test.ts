import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { SqliteEventStore } from '../../src/event-store/embedded/sqlite-event-store';
import { decideLease, holderTermMs, observeLease, standbyWaitMs } from '../../src/runtime/lease/lease.decide';
import { Lease } from '../../src/runtime/lease/lease';
import { SingleActiveWorker } from '../../src/runtime/lease/single-active-worker';
import { tempDir } from '../support/temp-dir';

const TIMEOUT = 60_000;
/** A sixth of the timeout apart: the holder acts for three of them after a renewal, a standby waits four. */
const TERM = holderTermMs(TIMEOUT);
const WAIT = standbyWaitMs(TIMEOUT);

describe('lease decisions (pure)', () => {
  const taken = { revision: 3, event: { type: 'LeaseRenewed' as const, data: { holder: 'a', at: '' } } };

  it('a standby waits from when it first saw the last renewal, a check longer than the holder may act on it, and less than the timeout', () => {
    assert.deepEqual([TERM, WAIT], [30_000, 40_000]);
    const view = observeLease(undefined, taken, 1000);
    assert.equal(observeLease(view, taken, 5000).seenAt, 1000, 'the same revision seen again keeps the time it was first seen');
    assert.equal(decideLease({ view, self: 'b', now: 1000 + WAIT - 1, timeoutMs: TIMEOUT }), 'wait');
    assert.equal(decideLease({ view, self: 'b', now: 1000 + WAIT, timeoutMs: TIMEOUT }), 'take');
    const renewed = observeLease(view, { ...taken, revision: 4 }, 2000);
    assert.equal(decideLease({ view: renewed, self: 'b', now: 1000 + WAIT, timeoutMs: TIMEOUT }), 'wait', 'a renewal restarts the wait');
  });

  it('takes a lease nobody holds, one given up, or one recorded as its own; a holder counts it lost at its deadline', () => {
    assert.equal(decideLease({ view: observeLease(undefined, undefined, 0), self: 'b', now: 0, timeoutMs: TIMEOUT }), 'take');
    const released = observeLease(undefined, { revision: 5, event: { type: 'LeaseReleased', data: { holder: 'a', at: '' } } }, 0);
    assert.equal(decideLease({ view: released, self: 'b', now: 0, timeoutMs: TIMEOUT }), 'take');
    assert.equal(decideLease({ view: observeLease(undefined, taken, 0), self: 'a', now: 0, timeoutMs: TIMEOUT }), 'take');
    const view = observeLease(undefined, taken, 0);
    assert.equal(decideLease({ view, self: 'a', heldSince: 100, now: 100 + TERM - 1, timeoutMs: TIMEOUT }), 'renew');
    assert.equal(decideLease({ view, self: 'a', heldSince: 100, now: 100 + TERM, timeoutMs: TIMEOUT }), 'lost');
  });
});

describe('lease in the event store', () => {
  const dir = tempDir('lease');
  let store: SqliteEventStore;
  let now = 0;
  let leases = 0;
  const clock = () => now;
  const pair = () => {
    const name = `test-${++leases}`;
    return [new Lease(store, { name, timeoutMs: TIMEOUT, holder: 'a', now: clock }), new Lease(store, { name, timeoutMs: TIMEOUT, holder: 'b', now: clock })];
  };

  before(() => {
    store = new SqliteEventStore({ file: join(dir.path, 'events.sqlite') });
  });
  after(async () => {
    await store.close();
    dir.remove();
  });

  it('one holder at a time: the standby waits while the holder renews, and takes over within the timeout of the last renewal', async () => {
    const [a, b] = pair();
    now = 0;
    assert.equal(await a.check(), 'held');
    assert.equal(await b.check(), 'standby');
    now = 20_000;
    assert.equal(await a.check(), 'held', 'renewed');
    assert.equal(await b.check(), 'standby');
    now = 20_000 + WAIT - 1;
    assert.equal(await b.check(), 'standby', 'not yet waited long enough since it saw the renewal');
    now = 20_000 + WAIT;
    assert.equal(a.validUntil, 20_000 + TERM, 'the holder may act until then, and no longer: before the standby may take over');
    assert.equal(await b.check(), 'held', 'a holder that stopped renewing is taken over');
    assert.equal(await a.check(), 'standby', 'the old holder finds its deadline passed');
    assert.equal(a.held, false);
    assert.equal(a.lastSeenHolder, 'a', 'it has not looked at the stream since its own renewal');
    assert.equal(await a.check(), 'standby');
    assert.equal(a.lastSeenHolder, 'b');
  });

  it('a holder whose renewal comes too late finds the lease taken: its write is refused, not interleaved', async () => {
    const [a, b] = pair();
    now = 0;
    await a.check();
    await b.check();
    now = WAIT;
    assert.equal(await b.check(), 'held');
    // The holder's check started just before its term ended (its clock says so), but its write reaches the store after the take-over.
    now = TERM - 1;
    assert.equal(await a.check(), 'standby', 'the renewal at the old revision conflicts');
    const holders = (await store.readStream(a.streamId)).map((event) => `${event.type}:${(event.data as { holder: string }).holder}`);
    assert.deepEqual(holders, ['LeaseTaken:a', 'LeaseTaken:b']);
  });

  it('released on an orderly stop: the standby takes it at its next check', async () => {
    const [a, b] = pair();
    now = 0;
    await a.check();
    await b.check();
    await a.release();
    assert.equal(await b.check(), 'held');
  });

  it('keeps its stream short: the holder truncates it every 100 renewals', async () => {
    const [a] = pair();
    for (let i = 0; i < 250; i++) {
      now += 1000;
      assert.equal(await a.check(), 'held');
    }
    const kept = await store.readStream(a.streamId);
    assert.ok(kept.length <= 100, `${kept.length} events kept`);
    assert.equal(kept.at(-1)!.revision, 249);
  });

  it('never lets two holders act at once, whatever the order and timing of their checks (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ node: fc.integer({ min: 0, max: 2 }), advanceMs: fc.integer({ min: 0, max: TIMEOUT * 2 }) }), { minLength: 1, maxLength: 40 }),
        async (steps) => {
          const name = `property-${++leases}`;
          const nodes = ['a', 'b', 'c'].map((holder) => new Lease(store, { name, timeoutMs: TIMEOUT, holder, now: clock }));
          // Each holder's time in charge: from the start of a successful write to its deadline.
          const terms: Array<{ holder: string; from: number; to: number }> = [];
          for (const { node, advanceMs } of steps) {
            now += advanceMs;
            const lease = nodes[node];
            if ((await lease.check()) === 'held') {
              const last = terms.findLast((term) => term.holder === lease.holder);
              if (last && last.to >= now && terms.at(-1) === last) last.to = lease.validUntil!;
              else terms.push({ holder: lease.holder, from: now, to: lease.validUntil! });
            }
          }
          for (let i = 1; i < terms.length; i++) {
            assert.ok(terms[i].from >= terms[i - 1].to, `${terms[i].holder} took over at ${terms[i].from} while ${terms[i - 1].holder} could act until ${terms[i - 1].to}`);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('single active worker', () => {
  const dir = tempDir('single-active');
  let store: SqliteEventStore;
  let now = 0;
  const clock = () => now;

  before(() => {
    store = new SqliteEventStore({ file: join(dir.path, 'events.sqlite') });
  });
  after(async () => {
    await store.close();
    dir.remove();
  });

  it('runs the work only on the node holding the lease, hands it over when the holder stops renewing, and on an orderly stop', async () => {
    const log: string[] = [];
    const node = (holder: string) =>
      new SingleActiveWorker(
        new Lease(store, { name: 'work', timeoutMs: TIMEOUT, holder, now: clock }),
        { start: async () => void log.push(`${holder} start`), stop: async () => void log.push(`${holder} stop`) },
        { now: clock, onError: (error) => assert.fail(String(error)) },
      );
    const [a, b, c] = [node('a'), node('b'), node('c')];
    await a.start();
    await b.start();
    assert.deepEqual([a.role, b.role, b.holder], ['active', 'standby', 'a']);
    now += WAIT;
    await b.check();
    await a.check();
    assert.deepEqual([a.role, b.role], ['standby', 'active']);
    await c.start();
    await b.stop();
    await c.check();
    assert.deepEqual([b.role, c.role], ['stopped', 'active']);
    await a.stop();
    await c.stop();
    assert.deepEqual(log, ['a start', 'b start', 'a stop', 'b stop', 'c start', 'c stop']);
  });

  it('keeps renewing while the work takes long to start, and a stop waits for the start to finish', async () => {
    const log: string[] = [];
    let started!: () => void;
    const lease = new Lease(store, { name: 'slow-start', timeoutMs: TIMEOUT, holder: 'a', now: clock });
    const worker = new SingleActiveWorker(
      lease,
      { start: () => new Promise<void>((done) => (started = () => (log.push('started'), done()))), stop: async () => void log.push('stopped') },
      { now: clock, onError: (error) => assert.fail(String(error)) },
    );
    await worker.start();
    for (let round = 0; round < 3; round++) {
      now += TERM - 1;
      await worker.check();
      assert.equal(worker.role, 'active', 'the lease did not lapse while the work started');
    }
    assert.equal((await store.readStream(lease.streamId)).length, 4, 'taken, then renewed at each check');
    const stopping = worker.stop();
    started();
    await stopping;
    assert.deepEqual(log, ['started', 'stopped']);
  });
});
