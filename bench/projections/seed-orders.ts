import type { EventStore } from '../../src/event-store/event-store.port';
import { orderSource } from './order-histories';

export interface SeededLog {
  orders: number;
  events: number;
}

/**
 * Appends order histories through the store until about `targetEvents` are in the log: `lanes`
 * orders in progress at once, one append per command, so orders interleave in the log as they
 * do in production and each group commit carries many streams.
 */
export async function seedOrders(store: EventStore, targetEvents: number, lanes = 100): Promise<SeededLog> {
  const next = orderSource();
  const seeded: SeededLog = { orders: 0, events: 0 };
  const lane = async () => {
    while (seeded.events < targetEvents) {
      const history = next();
      seeded.orders += 1;
      seeded.events += history.reduce((sum, append) => sum + append.events.length, 0);
      let revision: number | undefined;
      for (const append of history) {
        const result = await store.appendToStream(append.streamId, append.events, { expectedRevision: revision ?? 'no_stream' });
        revision = result.nextExpectedRevision;
      }
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  return seeded;
}
