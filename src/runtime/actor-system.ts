import { Mailbox } from './mailbox';
import { trimOldest } from './trim-oldest';

export interface ActorSystemOptions {
  /** Letters one actor may hold (running one included) before senders get ActorOverloadedError. */
  mailboxCapacity: number;
  /** Warm actors kept in memory; past it the least recently used idle ones are evicted (a sixteenth of it at once). */
  maxWarmActors: number;
  /** An actor untouched this long is evicted by the sweep. */
  idleEvictionMs: number;
  now?: () => number;
}

interface Entry<Actor> {
  actor: Actor;
  mailbox: Mailbox;
  lastUsed: number;
}

/**
 * One actor per key, each processing one letter at a time; different keys run concurrently.
 * Eviction only drops warm state: the next letter rebuilds the actor from the store.
 */
export class ActorSystem<Actor> {
  // A Map keeps insertion order: re-inserting on use makes its first entries the least recently used.
  private readonly entries = new Map<string, Entry<Actor>>();
  private readonly now: () => number;
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly options: ActorSystemOptions) {
    this.now = options.now ?? Date.now;
    this.sweeper = setInterval(() => this.evictIdle(), Math.max(1000, options.idleEvictionMs / 2));
    this.sweeper.unref();
  }

  /** Posts work to the actor for `key`, spawning it (cold) when it is not warm. */
  send<T>(key: string, spawn: () => Actor, work: (actor: Actor) => Promise<T>): Promise<T> {
    const entry = this.entryFor(key, spawn);
    return entry.mailbox.post(() => work(entry.actor));
  }

  /** Number of warm actors. */
  get size(): number {
    return this.entries.size;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** Drops the actor for `key` now if it has nothing to do: its state is not worth keeping warm. */
  evict(key: string): void {
    if (this.entries.get(key)?.mailbox.idle) this.entries.delete(key);
  }

  evictIdle(): void {
    const cutoff = this.now() - this.options.idleEvictionMs;
    for (const [key, entry] of this.entries) {
      if (entry.lastUsed <= cutoff && entry.mailbox.idle) this.entries.delete(key);
    }
  }

  stop(): void {
    clearInterval(this.sweeper);
    this.entries.clear();
  }

  private entryFor(key: string, spawn: () => Actor): Entry<Actor> {
    let entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
    } else {
      entry = { actor: spawn(), mailbox: new Mailbox(key, this.options.mailboxCapacity), lastUsed: 0 };
    }
    entry.lastUsed = this.now();
    this.entries.set(key, entry);
    this.evictOverflow(key);
    return entry;
  }

  private evictOverflow(justUsed: string): void {
    // A busy actor stays: dropping it would let a second actor for the same key run beside it.
    trimOldest(this.entries, this.options.maxWarmActors, (key, entry) => key !== justUsed && entry.mailbox.idle);
  }
}
