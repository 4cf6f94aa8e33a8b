import { Inject, Injectable, Module, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyStore } from './idempotency-store';

const PURGE_EVERY_MS = 60 * 60 * 1000;

/** Purges expired keys at start and hourly; closes the file on shutdown. */
@Injectable()
class IdempotencyHousekeeping implements OnModuleInit, OnModuleDestroy {
  private timer?: NodeJS.Timeout;

  constructor(@Inject(IdempotencyStore) private readonly store: IdempotencyStore) {}

  onModuleInit(): void {
    this.store.purgeExpired();
    this.timer = setInterval(() => this.store.purgeExpired(), PURGE_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
    this.store.close();
  }
}

@Module({
  providers: [
    {
      provide: IdempotencyStore,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new IdempotencyStore(config.idempotencyStoreFile, config.IDEMPOTENCY_RETENTION_DAYS),
    },
    IdempotencyHousekeeping,
    IdempotencyInterceptor,
  ],
  exports: [IdempotencyInterceptor, IdempotencyStore],
})
export class IdempotencyModule {}
