import type { EventEmitter } from 'node:events';

/** Why a call was stopped before its handler finished. */
export type StopReason = 'client-cancelled' | 'server-closing';

export interface TrackedCall {
  /** Fires when the client cancels or the server closes; its reason is a StopReason. */
  signal: AbortSignal;
  release(): void;
}

/**
 * The Read calls in progress. Subscriptions never end on their own, so the server must be able
 * to stop them when it closes, and a cancelled call must release its store subscription; the
 * count of active subscriptions makes that release observable.
 */
export class OpenCalls {
  private readonly controllers = new Set<AbortController>();
  private subscriptions = 0;

  get activeSubscriptions(): number {
    return this.subscriptions;
  }

  track(call: EventEmitter & { cancelled: boolean }, isSubscription: boolean): TrackedCall {
    const controller = new AbortController();
    const cancelled = () => controller.abort('client-cancelled' satisfies StopReason);
    if (call.cancelled) cancelled();
    else call.once('cancelled', cancelled);
    this.controllers.add(controller);
    if (isSubscription) this.subscriptions += 1;
    let released = false;
    return {
      signal: controller.signal,
      release: () => {
        if (released) return;
        released = true;
        call.off('cancelled', cancelled);
        this.controllers.delete(controller);
        if (isSubscription) this.subscriptions -= 1;
      },
    };
  }

  stopAll(): void {
    for (const controller of this.controllers) controller.abort('server-closing' satisfies StopReason);
  }
}
