import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';

const current = new AsyncLocalStorage<string>();

/**
 * Serves the rest of an HTTP request within its correlation id (the id the HTTP adapter gave it,
 * from `x-correlation-id`), for `correlationOfRequest` to find whatever is logged meanwhile.
 */
export function bindRequestCorrelation(request: IncomingMessage & { id?: unknown }, _response: ServerResponse, next: () => void): void {
  if (typeof request.id === 'string') current.run(request.id, next);
  else next();
}

/** The correlation id of the request being served, as fields of a log line (a pino mixin); none outside a request. */
export function correlationOfRequest(): { correlationId?: string } {
  const correlationId = current.getStore();
  return correlationId === undefined ? {} : { correlationId };
}
