import type { ErpTargetResilience } from './erp-target-resilience';
import { ErpUnavailableError } from './erp-failures';
import { retryAfterMs } from './retry-after';

export interface ErpRequest {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface ErpResponse {
  status: number;
  headers: Headers;
  body: string;
}

/** How one ERP answers a failure. */
export interface ErpDialect {
  /** Besides 429: the ERP could not take the request now (the breaker counts it, a retry may succeed). */
  transient(response: ErpResponse): boolean;
  /** The ERP's own message in an error answer. */
  messageOf(response: ErpResponse): string;
}

/**
 * One request to the target through its breaker, bulkhead and timeout. A network failure, a 429
 * or what the dialect calls transient is thrown as ErpUnavailableError (with Retry-After when
 * given); any other answer is returned for the connector to read.
 */
export function exchange(resilience: ErpTargetResilience, dialect: ErpDialect, request: ErpRequest): Promise<ErpResponse> {
  return resilience.request(async (signal) => {
    let response: ErpResponse;
    try {
      const answer = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body, signal });
      response = { status: answer.status, headers: answer.headers, body: await answer.text() };
    } catch (error) {
      if (signal.aborted) throw error;
      throw new ErpUnavailableError('unavailable', `${request.method} ${pathOf(request.url)}: ${networkCause(error)}`);
    }
    if (response.status === 429 || dialect.transient(response)) {
      throw new ErpUnavailableError(
        response.status === 429 ? 'throttled' : 'unavailable',
        `${dialect.messageOf(response)} (HTTP ${response.status})`,
        response.status,
        retryAfterMs(response.headers.get('retry-after')),
      );
    }
    return response;
  });
}

/** The URL without its query, which may carry ids but never belongs in a message twice. */
function pathOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

/** undici's `fetch failed` hides the reason in `cause` (ECONNREFUSED, UND_ERR_SOCKET ...). */
function networkCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return `${cause.message ?? 'network error'} (${cause.code})`;
  return (error as Error).message;
}
