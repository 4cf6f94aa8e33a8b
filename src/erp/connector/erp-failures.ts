import type { ErpDocument, ErpRejectionReason, RefusedEntry } from './erp-send-outcome';

/** The ERP cannot take a request now (network, timeout, 429, 5xx): counted by the breaker, retried with backoff. */
export class ErpUnavailableError extends Error {
  override readonly name = 'ErpUnavailableError';
  constructor(
    readonly reason: 'throttled' | 'unavailable',
    message: string,
    readonly httpStatus?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** The send ends without retrying: the ERP refused the batch, the credentials, or answered nonsense. */
export class ErpRefusalError extends Error {
  override readonly name = 'ErpRefusalError';
  constructor(
    readonly reason: Exclude<ErpRejectionReason, 'throttled' | 'unavailable' | 'timeout' | 'circuit-open' | 'bulkhead-full'>,
    message: string,
    readonly details: { httpStatus?: number; refusedEntries?: RefusedEntry[]; documents?: ErpDocument[] } = {},
  ) {
    super(message);
  }
}
