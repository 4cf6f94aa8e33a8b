import type { EventFilter, EventStore, GlobalPosition } from './event-store.port';

/** Lag is counted up to this many events: past it, "at least" is all an operator needs, and counting stays cheap. */
export const LAG_COUNT_CAP = 10_000;

/** How far a reader of the log (a projection, a saga) is behind the newest event it reads. */
export interface LogLag {
  /** The newest event the reader reads; absent on an empty log. */
  headPosition: GlobalPosition | null;
  /** Events it reads after the last one it took, counted up to the cap. */
  eventsBehind: number;
  /** Between the last taken event's recordedAt and the newest's: 0 when caught up, or when the reader does not know when its last was recorded. */
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
  { cap = LAG_COUNT_CAP, filter, lastTakenAt }: { cap?: number; filter?: EventFilter; lastTakenAt?: Date } = {},
): Promise<LogLag> {
  const filtered = filter ? { filter } : {};
  const [head] = await store.readAll({ direction: 'backwards', maxCount: 1, ...filtered });
  const eventsBehind = store.countAll
    ? await store.countAll({ ...(position !== null ? { afterPosition: position } : {}), ...filtered, limit: cap })
    : Math.min(
        (await store.readAll({ fromPosition: position ?? 0n, maxCount: cap + 1, ...filtered })).filter((event) => position === null || event.globalPosition > position).length,
        cap,
      );
  const secondsBehind = eventsBehind === 0 || !head || !lastTakenAt ? 0 : Math.max(0, (head.recordedAt.getTime() - lastTakenAt.getTime()) / 1000);
  return { headPosition: head?.globalPosition ?? null, eventsBehind, secondsBehind };
}
