import type { LoggerService } from '@nestjs/common';
import type { Logger } from 'nestjs-pino';

/**
 * Nest's own start-up lines: a line per module loaded, per controller and per route mapped
 * (over a hundred), and "application started". Useful when a route seems missing, noise on
 * every start: they are written at debug. Their warnings and errors keep their level.
 */
const FRAMEWORK_CONTEXTS: ReadonlySet<string> = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
  'NestMicroservice',
  'ServerGrpc',
  'Server',
  'MiddlewareModule',
]);

/** Nest passes the context as the last argument of a log call. */
const fromFramework = (params: unknown[]): boolean => {
  const context = params.at(-1);
  return typeof context === 'string' && FRAMEWORK_CONTEXTS.has(context);
};

/**
 * The logger Nest writes through (app.useLogger): nestjs-pino's, with the framework's own
 * info lines moved to debug, so a start logs only what the service itself says at info.
 */
export class FrameworkLogLevels implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    if (fromFramework(params)) this.logger.debug(message, ...params);
    else this.logger.log(message, ...params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.logger.error(message, ...params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.logger.warn(message, ...params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.logger.debug(message, ...params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.logger.verbose(message, ...params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.logger.fatal(message, ...params);
  }
}
