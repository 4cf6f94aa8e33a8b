import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ActorSystem } from '../../src/runtime/actor-system';

describe('actor system', () => {
  it('evicts actors idle longer than the idle period, keeping recently used ones warm', async () => {
    let now = 0;
    const spawned: string[] = [];
    const system = new ActorSystem<{ key: string }>({ mailboxCapacity: 10, maxWarmActors: 100, idleEvictionMs: 1000, now: () => now });
    const touch = (key: string) =>
      system.send(
        key,
        () => (spawned.push(key), { key }),
        async (actor) => actor.key,
      );
    await touch('tab-1');
    now = 600;
    await touch('tab-2');
    now = 1200;
    system.evictIdle();
    assert.equal(system.has('tab-1'), false, 'idle for 1200 ms: evicted');
    assert.equal(system.has('tab-2'), true, 'idle for 600 ms: still warm');
    await touch('tab-1');
    assert.deepEqual(spawned, ['tab-1', 'tab-2', 'tab-1'], 'an evicted actor is spawned again on its next letter');
    system.stop();
  });

  it('never evicts a busy actor to make room, so one key never has two actors', async () => {
    const system = new ActorSystem<object>({ mailboxCapacity: 10, maxWarmActors: 1, idleEvictionMs: 60_000 });
    let release!: () => void;
    const busy = system.send(
      'tab-busy',
      () => ({}),
      () => new Promise<void>((resolve) => (release = resolve)),
    );
    await system.send(
      'tab-other',
      () => ({}),
      async () => undefined,
    );
    assert.equal(system.has('tab-busy'), true);
    release();
    await busy;
    system.stop();
  });

  it('past its bound, evicts the least recently used sixteenth of it at once', async () => {
    const system = new ActorSystem<object>({ mailboxCapacity: 10, maxWarmActors: 32, idleEvictionMs: 60_000 });
    const touch = (key: string) =>
      system.send(
        key,
        () => ({}),
        async () => undefined,
      );
    for (let i = 0; i < 32; i++) await touch(`tab-${i}`);
    await touch('tab-0');
    assert.equal(system.size, 32, 'at the bound: nothing evicted');
    await touch('tab-32');
    assert.equal(system.size, 30);
    assert.deepEqual(
      ['tab-0', 'tab-1', 'tab-2', 'tab-3', 'tab-32'].map((key) => system.has(key)),
      [true, false, false, false, true],
      'the three least recently used went; tab-0 was used again',
    );
    system.stop();
  });

  it('runs different actors concurrently', async () => {
    const system = new ActorSystem<object>({ mailboxCapacity: 10, maxWarmActors: 10, idleEvictionMs: 60_000 });
    let running = 0;
    let peak = 0;
    const work = async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 20));
      running--;
    };
    await Promise.all(['a', 'b', 'c'].map((key) => system.send(key, () => ({}), work)));
    assert.equal(peak, 3);
    system.stop();
  });
});
