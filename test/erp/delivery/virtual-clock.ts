import type { DeliveryClock } from '../../../src/erp/delivery/delivery-runner';

/**
 * Time for the delivery runner that moves only when the test says: its sleeps end when `advance`
 * passes their time (or they are woken), so half an hour of outage takes as long as the work in it.
 */
export class VirtualClock implements DeliveryClock {
  private timers: Array<{ at: number; resolve(): void }> = [];

  constructor(private current: number) {}

  now(): number {
    return this.current;
  }

  sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      // Either way the sleep ends, its listener goes, as SYSTEM_CLOCK's does: a lane's signal outlives many sleeps.
      const done = () => {
        this.timers = this.timers.filter((t) => t !== timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = { at: this.current + ms, resolve: done };
      this.timers.push(timer);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  /** Moves time on by `ms`, ending every sleep that falls due on the way, in time order (each leaves the list as it ends). */
  advance(ms: number): void {
    this.current += ms;
    const due = this.timers.filter((t) => t.at <= this.current).sort((a, b) => a.at - b.at);
    for (const timer of due) timer.resolve();
  }
}
