import { Inject, Module, type OnModuleDestroy } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { CommandDispatcher } from './command-dispatcher';
import { HandleAggregateCommandHandler } from './handle-aggregate-command';

class DispatcherShutdown implements OnModuleDestroy {
  constructor(@Inject(CommandDispatcher) private readonly dispatcher: CommandDispatcher) {}
  onModuleDestroy(): void {
    this.dispatcher.stop();
  }
}

/** The command pipeline: CommandBus -> actor per stream -> decide -> append -> publish. */
@Module({
  imports: [CqrsModule.forRoot()],
  providers: [
    {
      provide: CommandDispatcher,
      inject: [EVENT_STORE, APP_CONFIG],
      useFactory: (store: EventStore, config: AppConfig) =>
        new CommandDispatcher(store, {
          mailboxCapacity: config.ACTOR_MAILBOX_CAPACITY,
          maxWarmActors: config.ACTOR_MAX_WARM,
          idleEvictionMs: config.ACTOR_IDLE_EVICTION_MS,
          maxConflictRetries: config.ACTOR_CONFLICT_RETRIES,
        }),
    },
    DispatcherShutdown,
    HandleAggregateCommandHandler,
  ],
  exports: [CommandDispatcher],
})
export class RuntimeModule {}
