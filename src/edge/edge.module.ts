import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { AccessGuard } from '../access/access.guard';
import { AccessModule } from '../access/access.module';
import { EdgeExceptionFilter } from '../errors/edge-exception.filter';
import { inputValidationPipe } from '../errors/validation.pipe';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import { IdempotencyModule } from '../idempotency/idempotency.module';

/**
 * What every HTTP request and gRPC call passes through, in Nest's order: access guard ->
 * idempotency interceptor -> validation pipe -> handler; errors from any of them -> one filter.
 * Registered as app-wide providers, which the gRPC microservice inherits (`inheritAppConfig`).
 */
@Module({
  imports: [AccessModule, IdempotencyModule],
  providers: [
    { provide: APP_GUARD, useExisting: AccessGuard },
    { provide: APP_INTERCEPTOR, useExisting: IdempotencyInterceptor },
    { provide: APP_PIPE, useFactory: inputValidationPipe },
    { provide: APP_FILTER, useClass: EdgeExceptionFilter },
  ],
})
export class EdgeModule {}
