import type { DeliveryLaneState, OpenDelivery } from './erp-delivery.state';

/** A closed batch of the lane's company as the read model lists it. */
export interface BatchRef {
  batchId: string;
  chainIndex: number;
}

/** One attempt the runner is to make. */
export interface PlannedSend {
  batch: BatchRef;
  attempt: number;
  generation: number;
  /** Entries still to post (a SAP replay's); null: all. */
  positions: number[] | null;
  /** The batch is taken into delivery now (its first attempt). */
  first: boolean;
}

export interface LanePlan {
  /** Open batches due again, oldest first, then the lane's next batches as the window allows, in chain order. */
  sends: PlannedSend[];
  /** When something open comes due (ms since the epoch); null: nothing open is waiting on time. */
  wakeAt: number | null;
  /** Batches that wait for an operator. */
  deadLetters: string[];
}

const due = (open: OpenDelivery, now: number) => open.dueAt === null || Date.parse(open.dueAt) <= now;

/**
 * What a lane does now, from its recorded state and the company's batches from its next chain
 * index on: resend what is open and due (an attempt recorded with no outcome, a pending SAP
 * message whose confirmation is overdue, a retryable rejection whose time came, a replay), and
 * take new batches in chain order while fewer than `window` are open. Pure: time comes in as data.
 */
export function planLane(state: DeliveryLaneState, upcoming: readonly BatchRef[], now: number, window: number): LanePlan {
  const sends: PlannedSend[] = [];
  let wakeAt: number | null = null;
  for (const open of state.open) {
    if (open.status === 'dead-lettered') continue;
    if (!due(open, now)) {
      const at = Date.parse(open.dueAt!);
      wakeAt = wakeAt === null ? at : Math.min(wakeAt, at);
      continue;
    }
    sends.push({ batch: { batchId: open.batchId, chainIndex: open.chainIndex }, attempt: open.attempt + 1, generation: open.generation, positions: open.remaining, first: false });
  }
  const room = Math.max(0, window - state.open.length);
  const next = upcoming.filter((batch) => batch.chainIndex >= state.next).sort((a, b) => a.chainIndex - b.chainIndex);
  for (let i = 0; i < Math.min(room, next.length); i++) {
    // The chain has no gaps; a batch the read model does not hold yet stops the lane until it does.
    if (next[i].chainIndex !== state.next + i) break;
    sends.push({ batch: next[i], attempt: 1, generation: 0, positions: null, first: true });
  }
  return { sends, wakeAt, deadLetters: state.open.filter((open) => open.status === 'dead-lettered').map((open) => open.batchId) };
}

/**
 * When a batch the ERP could not take goes again: doubling from `initialMs` with the attempt,
 * up to `maxMs`, spread by `jitter` (0-1, a random draw the caller makes) over the upper half so
 * lanes do not retry in step, and never before the ERP's Retry-After.
 */
export function retryDelayMs(attempt: number, settings: { initialMs: number; maxMs: number }, jitter: number, retryAfterMs = 0): number {
  const ceiling = Math.min(settings.maxMs, settings.initialMs * 2 ** Math.min(30, Math.max(0, attempt - 1)));
  return Math.max(retryAfterMs, Math.round(ceiling * (0.5 + jitter / 2)));
}
