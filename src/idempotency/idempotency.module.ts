import { Inject, Injectable, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { EventStoreIdempotencyKeys } from './event-store-idempotency-keys';
import { IDEMPOTENCY_KEYS, type IdempotencyKeys } from './idempotency-keys.port';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyStore } from './idempotency-store';

const PURGE_EVERY_MS = 60 * 60 * 1000;

/**
 * On the embedded store, keys stay in the node's SQLite file as before (one process serves
 * every request); on EventStoreDB, in the event store, so that an API node keeps none of them.
 */
function idempotencyKeysFor(config: AppConfig, store: EventStore): IdempotencyKeys {
  return config.EVENTSTORE_URL
    ? new EventStoreIdempotencyKeys(store, { retentionDays: config.IDEMPOTENCY_RETENTION_DAYS, inFlightMs: config.idempotencyInFlightTimeoutMs })
    : new IdempotencyStore(config.idempotencyStoreFile, config.IDEMPOTENCY_RETENTION_DAYS);
}

/**
 * The local file's upkeep: expired keys purged at start and hourly, the file closed on shutdown
 * once the servers are closed (a request still served while the rest stops claims its key
 * there). The event store forgets keys by `$maxAge`.
 */
@Injectable()
class IdempotencyHousekeeping implements OnModuleInit, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(@Inject(IDEMPOTENCY_KEYS) private readonly keys: IdempotencyKeys) {}

  onModuleInit(): void {
    const local = this.keys;
    if (!(local instanceof IdempotencyStore)) return;
    local.purgeExpired();
    this.timer = setInterval(() => local.purgeExpired(), PURGE_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    if (this.keys instanceof IdempotencyStore) this.keys.close();
  }
}

@Module({
  providers: [{ provide: IDEMPOTENCY_KEYS, inject: [APP_CONFIG, EVENT_STORE], useFactory: idempotencyKeysFor }, IdempotencyHousekeeping, IdempotencyInterceptor],
  exports: [IdempotencyInterceptor, IDEMPOTENCY_KEYS],
})
export class IdempotencyModule {}
