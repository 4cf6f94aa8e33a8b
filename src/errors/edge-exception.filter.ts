import { Metadata } from '@grpc/grpc-js';
import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { type Observable, throwError } from 'rxjs';
import { edgeRequestOf } from '../transport/edge-request';
import { ReplayedRefusal } from '../idempotency/idempotency.errors';
import { REPLAYED_HEADER } from '../idempotency/idempotency.interceptor';
import { CORRELATION_HEADER, correlationIdFor } from '../observability/correlation-id';
import { type ApiError, errorBody } from './api-error';
import { toApiError } from './error-mapping';
import { grpcStatusDetails, STATUS_DETAILS_METADATA } from './grpc-status-details';

/**
 * gRPC metadata carrying the full error body (JSON, UTF-8), the same as HTTP's. Kept beside the
 * standard `grpc-status-details-bin`: its details keep their JSON types (ErrorInfo's metadata is
 * text only), and clients written against it go on working.
 */
export const ERROR_METADATA = 'ledgerbridge-error-bin';

/**
 * Every error from every HTTP route and gRPC method, answered through `toApiError`: one
 * status, one body shape, one log line for what the client is not told about.
 */
@Catch()
export class EdgeExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Edge');

  catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    const request = edgeRequestOf(host);
    const { correlationId } = request.state;
    const error = toApiError(exception);
    if (error.status >= 500 && !(request.transport === 'http' && clientWentAway(exception, host))) {
      this.logger.error({ err: exception, correlationId, route: request.route }, 'request failed');
    }
    const replayed = exception instanceof ReplayedRefusal;
    if (request.transport === 'grpc') return throwError(() => grpcError(error, correlationId, replayed));
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (replayed) reply.header(REPLAYED_HEADER, 'true');
    sendHttpError(reply, error, correlationId);
  }
}

/**
 * The client closed the connection while its request was still arriving (on its own, or cut
 * off by HTTP_REQUEST_TIMEOUT): nothing failed here, and the request log says "aborted".
 */
function clientWentAway(exception: unknown, host: ArgumentsHost): boolean {
  return (exception as { code?: unknown } | null)?.code === 'ECONNRESET' && host.switchToHttp().getRequest<FastifyRequest>().raw.destroyed;
}

function sendHttpError(reply: FastifyReply, error: ApiError, correlationId: string): void {
  reply.status(error.status).header('content-type', JSON_UTF8).header(CORRELATION_HEADER, correlationId);
  if (error.retryAfterMs !== undefined) reply.header('retry-after', String(retryAfterSeconds(error.retryAfterMs)));
  void reply.send(errorBody(error, correlationId));
}

const JSON_UTF8 = 'application/json; charset=utf-8';

/** fastify's `frameworkErrors`: what its router refuses before any route or hook runs (a bad URL, an over-long path parameter). */
export function answerFrameworkError(error: Error, request: FastifyRequest, reply: FastifyReply): void {
  sendHttpError(reply, toApiError(error), String(request.id));
}

/**
 * fastify's `clientErrorHandler`: what Node's HTTP parser refuses (a malformed request line or
 * header, headers too large, a request not received in time), written straight to the socket
 * as Node would, in our shape. The correlation id is the caller's when its headers were read
 * (a request cut off mid-body), else a new one.
 */
export function answerClientError(failure: Error & { code?: string }, socket: Duplex): void {
  if (failure.code === 'ECONNRESET' || socket.destroyed) return;
  const error = toApiError(failure);
  // Not the client's request but its connection failing: nobody to answer.
  if (error.status >= 500) return void socket.destroy();
  // A response already under way cannot be followed by another on the same connection.
  const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse })._httpMessage;
  if (socket.writable && !inFlight?.headersSent) {
    const correlationId = correlationIdFor(inFlight?.req.headers ?? {});
    const body = JSON.stringify(errorBody(error, correlationId));
    socket.write(
      `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status]}\r\nContent-Type: ${JSON_UTF8}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `${CORRELATION_HEADER}: ${correlationId}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

/** Rounded up: retrying early only earns another refusal. */
function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/**
 * The text with every lone surrogate replaced by U+FFFD. A reason may quote the input, cut in the
 * middle of a character (a JSON parser naming the "character" at a position); grpc-js percent-
 * encodes the status text with encodeURI, which throws on a lone surrogate, and that throw,
 * inside Nest's observable, ended the process.
 */
function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/**
 * What one gRPC error carries in its trailers. An HTTP/2 client takes a header value of some
 * 50 KB at most: past that grpc-js drops the trailers and every call on the connection hangs
 * after it. A reason may quote the input (a health check for a service named with 60,000
 * characters), and an order of 500 bad lines has 1,500 invalid fields, so each text is cut and
 * only the first fields and small details travel; the HTTP answer carries them all.
 */
export const GRPC_ERROR_BOUNDS = { fields: 20, message: 1_000, path: 200, reason: 300, detailsBytes: 8 * 1024 } as const;

function cut(text: string, length: number): string {
  return wellFormed(text.length > length ? `${text.slice(0, length)}...` : text);
}

function boundedForTrailers(error: ApiError): ApiError {
  const fields = error.fields ?? [];
  const shown = fields.slice(0, GRPC_ERROR_BOUNDS.fields).map((f) => ({ path: cut(f.path, GRPC_ERROR_BOUNDS.path), reason: cut(f.reason, GRPC_ERROR_BOUNDS.reason) }));
  const omitted = fields.length - shown.length;
  const message = cut(error.message, GRPC_ERROR_BOUNDS.message) + (omitted > 0 ? ` (the first ${shown.length} of ${fields.length} invalid fields)` : '');
  const detailsBytes = error.details ? Buffer.byteLength(JSON.stringify(error.details)) : 0;
  const details =
    detailsBytes > GRPC_ERROR_BOUNDS.detailsBytes ? { omitted: `${detailsBytes} bytes of details, more than gRPC trailers carry; the HTTP answer has them` } : error.details;
  return { ...error, message, ...(error.fields ? { fields: shown } : {}), ...(details ? { details } : {}) };
}

/** The shape grpc-js sends as a status: code, message, and trailing metadata (every gRPC refusal's). */
export function grpcError(unbounded: ApiError, correlationId: string, replayed: boolean): { code: number; details: string; message: string; metadata: Metadata } {
  const error = boundedForTrailers(unbounded);
  const metadata = new Metadata();
  metadata.set(CORRELATION_HEADER, correlationId);
  metadata.set('error-code', error.code);
  if (error.retryAfterMs !== undefined) {
    metadata.set('retry-after', String(retryAfterSeconds(error.retryAfterMs)));
    metadata.set('retry-after-ms', String(error.retryAfterMs));
  }
  if (replayed) metadata.set(REPLAYED_HEADER, 'true');
  metadata.set(ERROR_METADATA, Buffer.from(JSON.stringify(errorBody(error, correlationId)), 'utf8'));
  const fields = error.fields?.length ? `: ${error.fields.map((f) => `${f.path}: ${f.reason}`).join('; ')}` : '';
  const details = `${error.code}: ${error.message}${fields}`;
  metadata.set(STATUS_DETAILS_METADATA, grpcStatusDetails(error, details, correlationId));
  return { code: error.grpcCode, details, message: details, metadata };
}
