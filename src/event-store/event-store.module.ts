import { type DynamicModule, Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { SqliteEventStore } from './embedded/sqlite-event-store';
import { EsdbEventStore } from './esdb/esdb-event-store';
import { EVENT_STORE, type EventStore } from './event-store.port';

class EventStoreShutdown implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}
  // Runs after every module's onModuleDestroy, so nothing still appends when the store closes.
  async onApplicationShutdown(signal?: string): Promise<void> {
    await this.store.close();
    new Logger('Shutdown').log(`stopped${signal ? ` (${signal})` : ''}: the servers are closed, every accepted append is committed, the event store is closed`);
  }
}

function openEventStore(config: AppConfig): EventStore {
  return config.EVENTSTORE_URL ? new EsdbEventStore(config.EVENTSTORE_URL) : new SqliteEventStore({ file: config.embeddedStoreFile, durability: config.EMBEDDED_DURABILITY });
}

@Global()
@Module({})
export class EventStoreModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [{ provide: EVENT_STORE, useFactory: () => openEventStore(config) }, EventStoreShutdown],
      exports: [EVENT_STORE],
    };
  }
}
