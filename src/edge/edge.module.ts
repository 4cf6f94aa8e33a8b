import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { AccessGuard } from '../access/access.guard';
import { AccessModule } from '../access/access.module';
import { EdgeExceptionFilter } from '../errors/edge-exception.filter';
import { inputValidationPipe } from '../errors/validation.pipe';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { OpenGrpcCalls } from '../transport/open-grpc-calls';

/**
 * What every HTTP request and gRPC call passes through, in Nest's order: access guard ->
 * idempotency interceptor -> validation pipe -> handler; errors from any of them -> one filter.
 * Registered as app-wide providers, which the gRPC microservice inherits (`inheritAppConfig`).
 * Before them, on gRPC, the server's interceptors (startApp): the calls' log lines, spans and
 * metrics, then `OpenGrpcCalls`.
 */
@Module({
  imports: [AccessModule, IdempotencyModule],
  providers: [
    { provide: APP_GUARD, useExisting: AccessGuard },
    { provide: APP_INTERCEPTOR, useExisting: IdempotencyInterceptor },
    { provide: APP_PIPE, useFactory: inputValidationPipe },
    { provide: APP_FILTER, useClass: EdgeExceptionFilter },
    OpenGrpcCalls,
  ],
})
export class EdgeModule {}
