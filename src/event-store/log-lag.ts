import type { EventFilter, EventStore, GlobalPosition } from './event-store.port';

/** How far a reader of the log (a projection, a saga) is behind the newest event it reads. */
export interface LogLag {
  /** The newest event the reader reads; absent on an empty log. */
  headPosition: GlobalPosition | null;
  /** Events it reads after `position`, counted up to the cap. */
  eventsBehind: number;
  /** Between the newest event's recordedAt and that of the last event taken (or, not known, the first not taken): 0 when caught up. */
  secondsBehind: number;
}

/**
 * The lag of a reader that has taken the log (as `filter` selects it) up to `position` (null:
 * nothing yet); `lastTakenAt` is when the event at `position` was recorded, if the reader knows.
 * Counted by the store when it can, else read and counted.
 */
export async function lagBehind(
  store: EventStore,
  position: GlobalPosition | null,
  { cap, filter, lastTakenAt }: { cap: number; filter?: EventFilter; lastTakenAt?: Date },
): Promise<LogLag> {
  const filtered = filter ? { filter } : {};
  const [head] = await store.readAll({ direction: 'backwards', maxCount: 1, ...filtered });
  const eventsBehind = store.countAll
    ? await store.countAll({ ...(position !== null ? { afterPosition: position } : {}), ...filtered, limit: cap })
    : Math.min((await store.readAll({ fromPosition: position ?? 0n, maxCount: cap + 1, ...filtered })).filter((event) => position === null || event.globalPosition > position).length, cap);
  if (eventsBehind === 0 || !head) return { headPosition: head?.globalPosition ?? null, eventsBehind, secondsBehind: 0 };
  const takenAt = lastTakenAt ?? (await firstAfter(store, position, filter))?.recordedAt ?? head.recordedAt;
  return { headPosition: head.globalPosition, eventsBehind, secondsBehind: Math.max(0, (head.recordedAt.getTime() - takenAt.getTime()) / 1000) };
}

/** The first event the reader has not taken. Read from `position` itself: on EventStoreDB the position after it has no number of its own. */
async function firstAfter(store: EventStore, position: GlobalPosition | null, filter: EventFilter | undefined) {
  const events = await store.readAll({ fromPosition: position ?? 0n, maxCount: 2, ...(filter ? { filter } : {}) });
  return events.find((event) => position === null || event.globalPosition > position);
}
