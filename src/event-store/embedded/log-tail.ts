import type Database from 'better-sqlite3';
import type { EventFilter, RecordedEvent } from '../event-store.port';
import { matchesFilter } from '../event-filter';
import type { LogPage } from './catch-up-subscription';
import { EVENT_COLUMNS, type EventRow, toRecorded } from './schema';

/** Events the tail holds at most: seconds of a busy log, some MB of parsed events. */
const TAIL_CAPACITY = 2048;

interface Held {
  position: number;
  type: string;
  streamId: string;
  /** Until a subscription first takes the event: then parsed, frozen, and the row let go. */
  row?: EventRow;
  event?: RecordedEvent;
}

/**
 * The newest events of the log, read and parsed once for all the subscriptions of one store.
 * A thread's projection runners and sagas each follow the log, most of them all of it: each
 * read and parsed every new event again (reading was a third of the saga thread's time). The
 * tail holds every event after `start` up to `end`, unfiltered; a subscription whose cursor is
 * in that stretch is served from it, its filter applied here; one further behind reads SQLite
 * as before, and joins once it has caught up. Served events are shared between subscriptions,
 * so they are frozen: a consumer that changed one would have changed it for every other.
 */
export class LogTail {
  private held: Held[] = [];
  /** Everything after it up to `end` is held; undefined until a subscription near the head reads. */
  private start: number | undefined;
  private end = 0;

  /** Every event after a position up to another, at most so many, in log order. */
  private readonly between: Database.Statement<[number, number, number], EventRow>;

  constructor(
    db: Database.Database,
    private readonly capacity = TAIL_CAPACITY,
  ) {
    this.between = db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE global_position > ? AND global_position <= ? ORDER BY global_position LIMIT ?`);
  }

  /** The subscription's next page, up to `head`; undefined when its cursor is behind what the tail holds (read SQLite). */
  page(from: number, head: number, maxCount: number, filter: EventFilter | undefined): LogPage | undefined {
    if (this.start === undefined || from > this.end + this.capacity) {
      // Started (or moved) only by a subscription near the head: one far behind would drag the tail through history.
      if (head - from > this.capacity) return undefined;
      this.held = [];
      this.start = this.end = from;
    }
    if (from < this.start) return undefined;
    if (this.end < head) this.extend(head);
    // Reading on may have let go of what this cursor needed next, or not reached it yet.
    if (from < this.start || from > this.end) return undefined;
    const events: RecordedEvent[] = [];
    for (let i = this.firstAfter(from); i < this.held.length; i += 1) {
      const held = this.held[i];
      if (filter && !matchesFilter(filter, held)) continue;
      events.push(this.eventOf(held));
      if (events.length === maxCount) return { events, through: BigInt(held.position) };
    }
    return { events, through: BigInt(this.end) };
  }

  /** Reads on from `end` towards `head` (at most `capacity` events a call), then lets the oldest go past `capacity`. */
  private extend(head: number): void {
    const rows = this.between.all(this.end, head, this.capacity);
    for (const row of rows) this.held.push({ position: Number(row.global_position), type: row.type, streamId: row.stream_id, row });
    this.end = rows.length === this.capacity ? this.held[this.held.length - 1].position : head;
    // Dropped in slices, not one by one: an array shifts all it holds on each removal.
    if (this.held.length > this.capacity + this.capacity / 4) {
      const dropped = this.held.splice(0, this.held.length - this.capacity);
      this.start = dropped[dropped.length - 1].position;
    }
  }

  private eventOf(held: Held): RecordedEvent {
    if (!held.event) {
      held.event = frozen(toRecorded(held.row!));
      held.row = undefined;
    }
    return held.event;
  }

  /** The index of the first held event after `position`. */
  private firstAfter(position: number): number {
    let low = 0;
    let high = this.held.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.held[middle].position <= position) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

function frozen(event: RecordedEvent): RecordedEvent {
  deepFreeze(event.data);
  deepFreeze(event.metadata);
  return Object.freeze(event);
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  Object.freeze(value);
  if (Array.isArray(value)) for (const item of value) deepFreeze(item);
  else for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
}
