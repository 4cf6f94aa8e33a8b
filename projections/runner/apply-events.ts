import type { GlobalPosition, RecordedEvent } from '../../src/event-store/event-store.port';
import type { Projection } from './projection';
import type { ProjectionDatabase } from './projection-database';
import { EventNotApplied } from './projection-halt';

/**
 * Events per transaction while catching up or rebuilding, and at most once live. Each commit
 * writes every index page the batch touched, so larger batches write far less: 2000 catches up
 * about 1.5x faster than 500 (bench/projections.bench.ts). Larger still gains little more while
 * each batch holds the projection thread longer (about 0.1-0.2 s at 2000), and with it the
 * answers it owes the service (status, waits of the batch closer).
 */
export const CATCH_UP_BATCH = 2000;

/**
 * Applies events to one generation and moves its checkpoint, in a single SQLite transaction:
 * after a crash either the rows and the checkpoint are both there or neither is, so the next
 * run resumes exactly after the last applied event. Events at or before the stored checkpoint
 * are skipped, which makes a re-delivered event (or a runner racing a switch-over) harmless.
 * Returns the number of events applied. A throw from the projection rolls the whole batch back
 * and comes out as EventNotApplied, naming the event (and its place in `events`).
 */
export function applyEvents(db: ProjectionDatabase, projection: Projection, generation: number, events: readonly RecordedEvent[]): number {
  return db.writing(projection, generation, (writer) => {
    const current = db.generation(projection.name, generation);
    if (!current) throw new Error(`projection ${projection.name} has no generation ${generation}`);
    let checkpoint: GlobalPosition | null = current.checkpoint;
    let last: RecordedEvent | undefined;
    let applied = 0;
    for (const [index, event] of events.entries()) {
      if (checkpoint !== null && event.globalPosition <= checkpoint) continue;
      try {
        projection.handle(event, writer);
      } catch (error) {
        throw new EventNotApplied(projection.name, event, index, error instanceof Error ? error.message : String(error));
      }
      checkpoint = event.globalPosition;
      last = event;
      applied += 1;
    }
    if (last) db.setCheckpoint(projection.name, generation, last.globalPosition, last.recordedAt.toISOString());
    return applied;
  });
}
