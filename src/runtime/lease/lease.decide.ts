import type { LeaseEvent } from './lease.events';

/** The lease's stream as one node last saw it, and since when (that node's own clock). */
export interface LeaseView {
  /** Revision of the stream's last event; -1: no stream yet. */
  revision: number;
  holder?: string;
  released: boolean;
  /** When this node first saw that revision, on its monotonic clock (ms): the standby's wait runs from here. */
  seenAt: number;
}

/** Checks per lease timeout: the holder renews, and a standby looks, this often. */
export const CHECKS_PER_TIMEOUT = 6;

export const leaseCheckEveryMs = (timeoutMs: number): number => timeoutMs / CHECKS_PER_TIMEOUT;

/**
 * How long after starting its last successful write the holder may act: half the timeout, so
 * it has stopped a whole check before any standby may take over, and it survives two renewals in
 * a row that the store did not answer.
 */
export const holderTermMs = (timeoutMs: number): number => timeoutMs - 3 * leaseCheckEveryMs(timeoutMs);

/**
 * How long a standby waits after first seeing the last write: two checks short of the timeout.
 * It sees a write within a check of its start, so it takes over within the timeout of the
 * holder's last renewal (and of its death), with a check to spare for a late timer or a slow store.
 */
export const standbyWaitMs = (timeoutMs: number): number => timeoutMs - 2 * leaseCheckEveryMs(timeoutMs);

/** The stream's last event (undefined: no stream) folded into what this node knows. */
export function observeLease(known: LeaseView | undefined, last: { revision: number; event: LeaseEvent } | undefined, now: number): LeaseView {
  const revision = last?.revision ?? -1;
  if (known && known.revision === revision) return known;
  return { revision, holder: last?.event.data.holder, released: last?.event.type === 'LeaseReleased', seenAt: now };
}

export type LeaseStep = 'renew' | 'lost' | 'take' | 'wait';

/**
 * What a node does at a check. A holder renews until its term ends (holderTermMs after the start
 * of its last successful write), and counts the lease lost past it. A standby takes a lease
 * nobody holds, one released, or one whose stream has not moved for standbyWaitMs since it first
 * saw it: that wait starts after the holder's last write started and is a check longer than the
 * holder's term, so the holder's term ends first. Only times on one node's clock are compared,
 * never two nodes' clocks. A lease recorded as this node's own (a write whose answer it missed)
 * is taken again at once: nobody else acts on it.
 */
export function decideLease(input: { view: LeaseView; self: string; heldSince?: number; now: number; timeoutMs: number }): LeaseStep {
  const { view, self, heldSince, now, timeoutMs } = input;
  if (heldSince !== undefined) return now - heldSince >= holderTermMs(timeoutMs) ? 'lost' : 'renew';
  if (view.revision === -1 || view.released || view.holder === self) return 'take';
  return now - view.seenAt >= standbyWaitMs(timeoutMs) ? 'take' : 'wait';
}
