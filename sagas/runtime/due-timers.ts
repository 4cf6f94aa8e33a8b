export interface DueTimer {
  instanceId: string;
  timerId: string;
  dueAt: string;
}

interface Queued extends DueTimer {
  at: number;
}

/**
 * Timers by due time (a binary min-heap): each clock tick takes the timers now due in
 * O(k log n) instead of walking every unfinished instance. Entries are not removed when a timer
 * is cancelled or its instance finishes; whoever takes them checks they still stand.
 */
export class DueTimers {
  private heap: Queued[] = [];

  get size(): number {
    return this.heap.length;
  }

  add(timer: DueTimer): void {
    const queued = { ...timer, at: Date.parse(timer.dueAt) };
    this.heap.push(queued);
    let i = this.heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!earlier(queued, this.heap[parent])) break;
      this.heap[i] = this.heap[parent];
      i = parent;
    }
    this.heap[i] = queued;
  }

  /** Removes and returns the timers due at `now` (ms since the epoch), earliest first. */
  takeDue(now: number): DueTimer[] {
    const due: DueTimer[] = [];
    while (this.heap.length > 0 && this.heap[0].at <= now) {
      const { instanceId, timerId, dueAt } = this.pop();
      due.push({ instanceId, timerId, dueAt });
    }
    return due;
  }

  clear(): void {
    this.heap = [];
  }

  private pop(): Queued {
    const top = this.heap[0];
    const last = this.heap.pop()!;
    if (this.heap.length === 0) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.heap.length) break;
      const child = left + 1 < this.heap.length && earlier(this.heap[left + 1], this.heap[left]) ? left + 1 : left;
      if (!earlier(this.heap[child], last)) break;
      this.heap[i] = this.heap[child];
      i = child;
    }
    this.heap[i] = last;
    return top;
  }
}

/** By due time, then by the text of the due time: the order `due()` has always answered in. */
const earlier = (a: Queued, b: Queued): boolean => a.at < b.at || (a.at === b.at && a.dueAt < b.dueAt);
