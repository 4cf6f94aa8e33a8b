import type { EventStore } from '../../src/event-store/event-store.port';
import type { WriterPlan } from './writer-plan';

/**
 * Fills a log for the read benchmarks through the store itself, but quickly: all streams at
 * once and several events per append, so each group commit carries many rows.
 */
export async function seedLog(store: EventStore, plan: WriterPlan[], eventsPerAppend: number): Promise<void> {
  await Promise.all(
    plan.map(async ({ streamId, events }) => {
      for (let from = 0; from < events.length; from += eventsPerAppend) {
        await store.appendToStream(streamId, events.slice(from, from + eventsPerAppend), {
          expectedRevision: from === 0 ? 'no_stream' : from - 1,
        });
      }
    }),
  );
}
