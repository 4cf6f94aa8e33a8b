import type { GlobalPosition } from '../../src/event-store/event-store.port';

/**
 * Inputs from the global log finish out of order (instances run concurrently, a failing one
 * waits for its retries). The checkpoint may only pass a position once it and everything
 * before it has finished.
 */
export class PositionTracker {
  private readonly inOrder: GlobalPosition[] = [];
  private readonly unfinished = new Set<GlobalPosition>();
  /** Inputs whose failure could not even be recorded: they hold the checkpoint back but are not awaited. */
  private readonly abandoned = new Set<GlobalPosition>();
  private safe: GlobalPosition | undefined;
  private waiters: Array<() => void> = [];

  constructor(start: GlobalPosition | undefined) {
    this.safe = start;
  }

  started(position: GlobalPosition): void {
    this.inOrder.push(position);
    this.unfinished.add(position);
  }

  finished(position: GlobalPosition): void {
    this.unfinished.delete(position);
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  abandon(position: GlobalPosition): void {
    this.abandoned.add(position);
    this.finished(position);
    this.unfinished.add(position);
  }

  get inFlight(): number {
    return this.unfinished.size - this.abandoned.size;
  }

  /** Resolves on the next `finished`, for back-pressure. */
  nextFinish(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** The highest position with nothing unfinished at or before it. */
  safePosition(): GlobalPosition | undefined {
    while (this.inOrder.length > 0 && !this.unfinished.has(this.inOrder[0])) this.safe = this.inOrder.shift();
    return this.safe;
  }
}
