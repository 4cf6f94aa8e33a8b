import { join } from 'node:path';
import { SqliteEventStore } from '../../../src/event-store/embedded/sqlite-event-store';
import { orderAggregate } from '../../../src/order/order.aggregate';
import type { OrderCommand } from '../../../src/order/order.commands';
import { CommandDispatcher } from '../../../src/runtime/command-dispatcher';
import { type AggregateType, type DomainEvent, streamIdOf } from '../../../src/runtime/decider';
import { ProjectionDatabase } from '../../../projections/runner/projection-database';
import { tempDir } from '../../support/temp-dir';

const dispatcherOptions = { mailboxCapacity: 100, maxWarmActors: 10, idleEvictionMs: 60_000, maxConflictRetries: 3 };

/** A temp embedded store with the real command path in front of it, and a projections database beside it. */
export function journalHarness(label: string) {
  const dir = tempDir(label);
  const store = new SqliteEventStore({ file: join(dir.path, 'events.sqlite'), durability: 'normal' });
  const dispatcher = new CommandDispatcher(store, dispatcherOptions);
  const projectionsFile = join(dir.path, 'projections.sqlite');
  let n = 0;
  return {
    store,
    projectionsFile,
    openProjections: () => new ProjectionDatabase(projectionsFile),
    /** Sends commands to one order in order; resolves with the global position of the last event. */
    async send(orderId: string, ...commands: OrderCommand[]): Promise<bigint> {
      let position = 0n;
      for (const command of commands) {
        const outcome = await dispatcher.dispatch(orderAggregate, {
          commandId: `cmd-${orderId}-${++n}`,
          streamId: streamIdOf(orderAggregate, orderId),
          command,
          metadata: { correlationId: `corr-${orderId}`, channel: 'web' },
        });
        position = outcome.position ?? position;
      }
      return position;
    },
    /** Sends one command to any aggregate instance (a payout, a register day); resolves with its last event's global position. */
    async dispatch<C, E extends DomainEvent, S>(aggregate: AggregateType<C, E, S>, id: string, command: C, metadata: Record<string, string> = {}): Promise<bigint> {
      const outcome = await dispatcher.dispatch(aggregate, {
        commandId: `cmd-${aggregate.category}-${id}-${++n}`,
        streamId: streamIdOf(aggregate, id),
        command,
        metadata: { correlationId: `corr-${id}`, ...metadata },
      });
      return outcome.position ?? 0n;
    },
    async close() {
      dispatcher.stop();
      await store.close();
      dir.remove();
    },
  };
}
