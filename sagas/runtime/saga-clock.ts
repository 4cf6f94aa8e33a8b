/** Time for sagas: what "now" is, and a signal whenever it may have moved past a timer. */
export interface SagaClock {
  now(): number;
  /** Calls `listener` whenever time moves; returns a function that stops the calls. */
  onTick(listener: () => void): () => void;
}

/** Wall-clock time, checked for due timers every `intervalMs`. */
export class SystemClock implements SagaClock {
  constructor(private readonly intervalMs = 1000) {}

  now(): number {
    return Date.now();
  }

  onTick(listener: () => void): () => void {
    const interval = setInterval(listener, this.intervalMs);
    interval.unref();
    return () => clearInterval(interval);
  }
}

/** Time that moves only when a test says so: timeouts are tested without waiting. */
export class VirtualClock implements SagaClock {
  private readonly listeners = new Set<() => void>();

  constructor(private current: number) {}

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
    for (const listener of this.listeners) listener();
  }

  onTick(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
