import type { EventStore } from '../../src/event-store/event-store.port';
import type { WriterPlan } from './writer-plan';

/**
 * Every writer appends its events one per call, awaiting each before the next, with the exact
 * expected revision — the domain path's pattern. Concurrency comes only from the writers.
 */
export async function runWriters(store: EventStore, plan: WriterPlan[]): Promise<void> {
  await Promise.all(
    plan.map(async ({ streamId, events }) => {
      for (let revision = 0; revision < events.length; revision++) {
        const result = await store.appendToStream(streamId, [events[revision]], {
          expectedRevision: revision === 0 ? 'no_stream' : revision - 1,
        });
        if (result.nextExpectedRevision !== revision) {
          throw new Error(`${streamId}: appended at revision ${result.nextExpectedRevision}, expected ${revision}`);
        }
      }
    }),
  );
}
