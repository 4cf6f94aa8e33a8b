import { type DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { AppConfig } from '../config/app-config';

/** Paths whose values never reach a log line. */
const REDACTED = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'req.headers["x-shopify-hmac-sha256"]',
  'res.headers["set-cookie"]',
];

/**
 * JSON logs; every line written while serving a request carries its `correlationId` (the
 * request id, which the HTTP adapter takes from `x-correlation-id`).
 */
@Module({})
export class LoggingModule {
  static forConfig(config: AppConfig, destination?: DestinationStream): DynamicModule {
    const options = {
      level: config.LOG_LEVEL,
      customProps: (request: { id?: unknown }) => ({ correlationId: request.id }),
      redact: { paths: REDACTED, censor: '[redacted]' },
    };
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: destination ? [options, destination] : options,
          // nestjs-pino's default route pattern does not match under Nest 12's fastify adapter.
          forRoutes: [{ path: '*splat', method: RequestMethod.ALL }],
        }),
      ],
    };
  }
}
