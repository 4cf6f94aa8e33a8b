import { type DynamicModule, Inject, Injectable, Logger, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { EsdbProtocolServer } from './esdb-protocol-server';

/** Serves the app's event store over EventStoreDB's protocol for as long as the app runs. */
@Injectable()
export class EsdbProtocolListener implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('EsdbProtocol');
  private readonly server: EsdbProtocolServer;
  /** The bound port once listening (ESDB_PROTOCOL_PORT=0 picks a free one). */
  port: number | undefined;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.server = new EsdbProtocolServer(store, { readOnly: config.ESDB_PROTOCOL_READ_ONLY });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.port = await this.server.listen(this.config.HOST, this.config.ESDB_PROTOCOL_PORT ?? 0);
    const mode = this.config.ESDB_PROTOCOL_READ_ONLY ? 'read-only' : 'read-write';
    this.logger.log(`EventStoreDB protocol endpoint on ${this.config.HOST}:${this.port} (${mode})`);
  }

  // Module destruction runs before the event store closes (on application shutdown), so no
  // call is left reading a closed store.
  async onModuleDestroy(): Promise<void> {
    await this.server.close();
  }
}

@Module({})
export class EsdbProtocolModule {
  /** Nothing is served unless ESDB_PROTOCOL_PORT is set. */
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: EsdbProtocolModule,
      providers: config.ESDB_PROTOCOL_PORT === undefined ? [] : [EsdbProtocolListener],
    };
  }
}
