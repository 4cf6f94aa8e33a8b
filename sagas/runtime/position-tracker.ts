import type { GlobalPosition } from '../../src/event-store/event-store.port';

/**
 * Inputs from the global log finish out of order (instances run concurrently, a failing one
 * waits for its retries). The checkpoint may only pass a position once it and everything
 * before it has finished.
 *
 * Holds only what can still move the checkpoint: the unfinished positions, each with the
 * position started just before it. Once an input is abandoned (its failure could not even be
 * recorded) the checkpoint stays before it until a restart, so nothing started after it is
 * kept: what the tracker holds stays bounded by the inputs in flight, however long that lasts.
 */
export class PositionTracker {
  /** Unfinished positions (before the abandoned one, if any), in the order started, each with the one started before it. */
  private readonly unfinished = new Map<GlobalPosition, GlobalPosition | undefined>();
  private lastStarted: GlobalPosition | undefined;
  /** The position started before the first abandoned input: the checkpoint can go no further. */
  private blockedAfter: { position: GlobalPosition | undefined } | undefined;
  private running = 0;
  private waiters: Array<() => void> = [];

  constructor(start: GlobalPosition | undefined) {
    this.lastStarted = start;
  }

  started(position: GlobalPosition): void {
    this.running += 1;
    if (!this.blockedAfter) this.unfinished.set(position, this.lastStarted);
    this.lastStarted = position;
  }

  finished(position: GlobalPosition): void {
    this.running -= 1;
    this.unfinished.delete(position);
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  abandon(position: GlobalPosition): void {
    if (this.unfinished.has(position)) {
      this.blockedAfter = { position: this.unfinished.get(position) };
      // Later inputs can no longer move the checkpoint: only those before this one still matter.
      let later = false;
      for (const unfinished of [...this.unfinished.keys()]) {
        if (unfinished === position) later = true;
        if (later) this.unfinished.delete(unfinished);
      }
    }
    this.finished(position);
  }

  get inFlight(): number {
    return this.running;
  }

  /** Positions held, for the test that keeps this bounded. */
  get held(): number {
    return this.unfinished.size;
  }

  /** Resolves on the next `finished`, for back-pressure. */
  nextFinish(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** The highest position with nothing unfinished at or before it. */
  safePosition(): GlobalPosition | undefined {
    for (const before of this.unfinished.values()) return before;
    return this.blockedAfter ? this.blockedAfter.position : this.lastStarted;
  }
}
