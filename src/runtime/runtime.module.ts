import { Global, Inject, Logger, Module, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { CommandMetrics } from '../observability/metrics/command-metrics';
import { LogFollowMetrics } from '../observability/metrics/log-follow-metrics';
import { CommandDispatcher } from './command-dispatcher';
import { LeaseBoard } from './lease/lease-board';

const logger = new Logger(CommandDispatcher.name);

class DispatcherShutdown implements OnModuleDestroy {
  constructor(@Inject(CommandDispatcher) private readonly dispatcher: CommandDispatcher) {}
  onModuleDestroy(): void {
    this.dispatcher.stop();
  }
}

/**
 * The command pipeline: actor per stream -> decide -> append with the expected revision -> evolve,
 * and the board of work run under a lease. Global: every slice sends through it.
 */
@Global()
@Module({
  providers: [
    {
      provide: CommandDispatcher,
      inject: [EVENT_STORE, APP_CONFIG, { token: CommandMetrics, optional: true }, { token: LogFollowMetrics, optional: true }],
      useFactory: (store: EventStore, config: AppConfig, metrics?: CommandMetrics, followMetrics?: LogFollowMetrics) =>
        new CommandDispatcher(store, {
          mailboxCapacity: config.ACTOR_MAILBOX_CAPACITY,
          maxWarmActors: config.ACTOR_MAX_WARM,
          idleEvictionMs: config.ACTOR_IDLE_EVICTION_MS,
          maxConflictRetries: config.ACTOR_CONFLICT_RETRIES,
          // On EventStoreDB other nodes may write the same streams; the embedded store has one writing process.
          followOtherWriters: config.EVENTSTORE_URL !== undefined,
          // Waiting readers then fall back to their timeout until the subscription is back.
          reportFollowFailure: (error) => logger.warn(`following other nodes' appends failed, retrying: ${error.message}`),
          followObserver: followMetrics,
          observer: metrics,
        }),
    },
    DispatcherShutdown,
    LeaseBoard,
  ],
  exports: [CommandDispatcher, LeaseBoard],
})
export class RuntimeModule {}
