import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';

export interface Readiness {
  ready: boolean;
  eventStore: 'embedded' | 'esdb';
  reason?: string;
}

/** Ready means the event store answers: a command accepted now can be made durable. */
@Injectable()
export class ReadinessCheck {
  private readonly logger = new Logger(ReadinessCheck.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async check(): Promise<Readiness> {
    const eventStore = this.config.EVENTSTORE_URL ? 'esdb' : 'embedded';
    try {
      await this.store.ping();
      return { ready: true, eventStore };
    } catch (error) {
      const reason = (error as Error).message;
      this.logger.warn(`not ready: the ${eventStore} event store is not answering: ${reason}`);
      return { ready: false, eventStore, reason };
    }
  }
}
