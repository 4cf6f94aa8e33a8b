import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const CORRELATION_HEADER = 'x-correlation-id';

// A caller's id is kept only if it is short and plain, so it cannot forge log content.
const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request's correlation id: the caller's `x-correlation-id` when acceptable, else a new UUID. */
export function correlationIdFor(headers: IncomingHttpHeaders): string {
  const given = headers[CORRELATION_HEADER];
  return typeof given === 'string' && ACCEPTABLE.test(given) ? given : randomUUID();
}
