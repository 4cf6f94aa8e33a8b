import type { LeaseEvent } from './lease.events';

/** The lease's stream as one node last saw it, and since when (that node's own clock). */
export interface LeaseView {
  /** Revision of the stream's last event; -1: no stream yet. */
  revision: number;
  holder?: string;
  released: boolean;
  /** When this node first saw that revision, on its monotonic clock (ms): the standby's timeout runs from here. */
  seenAt: number;
}

/** The stream's last event (undefined: no stream) folded into what this node knows. */
export function observeLease(known: LeaseView | undefined, last: { revision: number; event: LeaseEvent } | undefined, now: number): LeaseView {
  const revision = last?.revision ?? -1;
  if (known && known.revision === revision) return known;
  return { revision, holder: last?.event.data.holder, released: last?.event.type === 'LeaseReleased', seenAt: now };
}

export type LeaseStep = 'renew' | 'lost' | 'take' | 'wait';

/**
 * What a node does at a check. A holder renews until its own deadline (the start of its last
 * successful write plus the timeout), and counts the lease lost past it. A standby takes a
 * lease nobody holds, one released, or one whose stream has not moved for a whole timeout since
 * it first saw it: that timeout starts after the holder's last write started, so the holder's
 * deadline passes first. Only the time between checks on one clock is compared, never two
 * nodes' clocks. A lease recorded as this node's own (a write whose answer it missed) is taken
 * again at once: nobody else acts on it.
 */
export function decideLease(input: { view: LeaseView; self: string; heldSince?: number; now: number; timeoutMs: number }): LeaseStep {
  const { view, self, heldSince, now, timeoutMs } = input;
  if (heldSince !== undefined) return now - heldSince >= timeoutMs ? 'lost' : 'renew';
  if (view.revision === -1 || view.released || view.holder === self) return 'take';
  return now - view.seenAt >= timeoutMs ? 'take' : 'wait';
}
