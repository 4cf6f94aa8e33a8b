import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { LeaseBoard, type LeasedWorkView } from '../runtime/lease/lease-board';

export interface Readiness {
  ready: boolean;
  eventStore: 'embedded' | 'esdb';
  reason?: string;
}

/** What the node is, beside whether it is ready: its ROLES and, on EventStoreDB, whether it runs or stands by for leased work. */
export interface NodeDescription {
  roles: string[];
  leases?: Record<string, LeasedWorkView>;
}

/** Ready means the event store answers: a command accepted now can be made durable. A standby is ready too: it takes over on its own. */
@Injectable()
export class ReadinessCheck {
  private readonly logger = new Logger(ReadinessCheck.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LeaseBoard) private readonly leases: LeaseBoard,
  ) {}

  describe(): NodeDescription {
    const leases = this.leases.views();
    return { roles: [...this.config.roles], ...(Object.keys(leases).length > 0 && { leases }) };
  }

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
