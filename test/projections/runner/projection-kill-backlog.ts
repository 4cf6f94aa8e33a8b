import { join } from 'node:path';
import { SqliteEventStore } from '../../../src/event-store/embedded/sqlite-event-store';
import { orderAggregate } from '../../../src/order/order.aggregate';
import { CommandDispatcher } from '../../../src/runtime/command-dispatcher';
import { streamIdOf } from '../../../src/runtime/decider';
import { authorize, capture, receiveReturn, refund, requestReturn, ship, workedExample } from '../../order/order.fixtures';

const PARALLEL_ORDERS = 250;

/**
 * Records whole order lives straight into the store of a stopped service, through the real
 * command path, so the next start has a backlog to catch up in large transactions: a kill then
 * lands in the middle of catching up, not only between live events.
 */
/** Resolves with the global position of the last event recorded. */
export async function recordBacklog(dataDir: string, label: string, orders: number): Promise<bigint> {
  // 'normal' is enough here: the store is closed (and its WAL checkpointed) before the service opens it.
  const store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite'), durability: 'normal' });
  const dispatcher = new CommandDispatcher(store, { mailboxCapacity: 100, maxWarmActors: PARALLEL_ORDERS, idleEvictionMs: 60_000, maxConflictRetries: 3 });
  const life = (orderId: string) => [
    workedExample({ orderId, sourceRef: `payload://web/${orderId}` }),
    authorize(10519),
    capture(10519),
    ship('s-1', [['L1', 2]]),
    ship('s-2', [['L2', 1]]),
    requestReturn('r-1', [['L1', 1]]),
    receiveReturn('r-1'),
    refund(2931, 'ref-1', 'r-1'),
  ];
  let last = 0n;
  const send = async (orderId: string) => {
    for (const [n, command] of life(orderId).entries()) {
      const outcome = await dispatcher.dispatch(orderAggregate, {
        commandId: `${orderId}/c${n}`,
        streamId: streamIdOf(orderAggregate, orderId),
        command,
        metadata: { correlationId: `corr-${orderId}`, channel: 'web' },
      });
      if (outcome.position !== undefined && outcome.position > last) last = outcome.position;
    }
  };
  try {
    for (let from = 0; from < orders; from += PARALLEL_ORDERS) {
      const ids = Array.from({ length: Math.min(PARALLEL_ORDERS, orders - from) }, (_, i) => `${label}-${from + i + 1}`);
      await Promise.all(ids.map(send));
    }
    return last;
  } finally {
    dispatcher.stop();
    await store.close();
  }
}
