import { type DynamicModule, Inject, type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { AppConfig } from '../config/app-config';
import { writesInfoLines } from './info-lines';
import { bindRequestCorrelation, correlationOfRequest } from './request-correlation';

/** Paths whose values never reach a log line. */
const REDACTED = ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie', 'req.headers["x-shopify-hmac-sha256"]', 'res.headers["set-cookie"]'];

// nestjs-pino's default route pattern does not match under Nest 12's fastify adapter.
const EVERY_ROUTE = { path: '*splat', method: RequestMethod.ALL };
const LOGS_REQUESTS = Symbol('LogsRequests');

/**
 * JSON logs; every line written while serving a request carries its `correlationId` (the
 * request id, which the HTTP adapter takes from `x-correlation-id`). At info and below pino-http
 * writes a line per request and binds the id in the request's own child logger. Above info it
 * writes none, yet would still build two child loggers per request (one holding the request
 * serialized) for the rare warning: the id is then added to each line as it is written, from
 * the request's async context (request-correlation.ts).
 */
@Module({})
export class LoggingModule implements NestModule {
  constructor(@Inject(LOGS_REQUESTS) private readonly perRequest: boolean) {}

  static forConfig(config: AppConfig, destination?: DestinationStream): DynamicModule {
    // pino-http writes its line per request at info: a level above it writes none.
    const perRequest = writesInfoLines(config.LOG_LEVEL);
    const options = {
      level: config.LOG_LEVEL,
      redact: { paths: REDACTED, censor: '[redacted]' },
      ...(perRequest ? { customProps: (request: { id?: unknown }) => ({ correlationId: request.id }) } : { mixin: correlationOfRequest }),
    };
    return {
      module: LoggingModule,
      imports: [LoggerModule.forRoot({ pinoHttp: destination ? [options, destination] : options, forRoutes: perRequest ? [EVERY_ROUTE] : [] })],
      providers: [{ provide: LOGS_REQUESTS, useValue: perRequest }],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    if (!this.perRequest) consumer.apply(bindRequestCorrelation).forRoutes(EVERY_ROUTE);
  }
}
