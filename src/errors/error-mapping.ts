import { status as GrpcStatus } from '@grpc/grpc-js';
import { HttpException } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { PermissionDeniedError, RateLimitedError, UnauthenticatedError } from '../access/access-denied.errors';
import { EventStoreUnavailableError, StreamNotFoundError, WrongExpectedRevisionError } from '../event-store/event-store.errors';
import { IdempotencyKeyInFlightError, IdempotencyKeyReusedError, ReplayedRefusal } from '../idempotency/idempotency.errors';
import { ActorOverloadedError } from '../runtime/actor-overloaded.error';
import { ConcurrencyRetriesExhaustedError } from '../runtime/aggregate-actor';
import { BusinessRuleRefusal } from '../runtime/business-rule-refusal';
import type { ApiError } from './api-error';
import { EntityNotFoundError } from './entity-not-found.error';
import { HttpProtocolError } from './http-protocol.error';
import { ReadModelNotReadyError } from './read-model-not-ready.error';
import { InputInvalidError } from './input-invalid.error';
import { MalformedMessageError } from './malformed-message.error';
import { ServiceStoppingError } from './service-stopping.error';
import { StandbyError } from './standby.error';
import { StateConflictError } from './state-conflict.error';

/**
 * What a 503 tells the client to wait before sending again (Retry-After; RetryInfo on gRPC): the
 * store's leader election and a read model's restart take seconds, a stopping node's requests go
 * to another node, and a retry with the same Idempotency-Key records nothing twice. A standby is
 * not told to retry: it will not do that work, whenever asked.
 */
const RETRY_UNAVAILABLE_MS = 1000;

/** A 503 that passes: the client is told to come again after RETRY_UNAVAILABLE_MS. */
const retryLater = (code: string, message: string): ApiError => ({ status: 503, grpcCode: GrpcStatus.UNAVAILABLE, code, message, retryAfterMs: RETRY_UNAVAILABLE_MS });

const INTERNAL: ApiError = { status: 500, grpcCode: GrpcStatus.INTERNAL, code: 'INTERNAL', message: 'internal error; quote the correlation id when reporting it' };

/**
 * The one translation from what went wrong to what the client is told, shared by HTTP and
 * gRPC. Anything not listed is a 500 whose message says nothing about the internals.
 */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ReplayedRefusal) return error.answer;
  if (error instanceof InputInvalidError) {
    return { status: 400, grpcCode: GrpcStatus.INVALID_ARGUMENT, code: 'VALIDATION_FAILED', message: 'the request is invalid', fields: error.fields };
  }
  if (error instanceof MalformedMessageError) return { status: 400, grpcCode: GrpcStatus.INVALID_ARGUMENT, code: 'MALFORMED_MESSAGE', message: error.message };
  if (error instanceof UnauthenticatedError) return { status: 401, grpcCode: GrpcStatus.UNAUTHENTICATED, code: 'UNAUTHENTICATED', message: error.message };
  if (error instanceof PermissionDeniedError) {
    return { status: 403, grpcCode: GrpcStatus.PERMISSION_DENIED, code: 'PERMISSION_DENIED', message: error.message, details: { requiredScope: error.requiredScope } };
  }
  if (error instanceof EntityNotFoundError) {
    return { status: 404, grpcCode: GrpcStatus.NOT_FOUND, code: 'NOT_FOUND', message: error.message, details: { entity: error.entity, id: error.id } };
  }
  if (error instanceof StreamNotFoundError) return { status: 404, grpcCode: GrpcStatus.NOT_FOUND, code: 'NOT_FOUND', message: error.message };
  if (error instanceof BusinessRuleRefusal) {
    return { status: 422, grpcCode: GrpcStatus.FAILED_PRECONDITION, code: error.code, message: error.message, details: error.details };
  }
  if (error instanceof StateConflictError) {
    return { status: 409, grpcCode: GrpcStatus.FAILED_PRECONDITION, code: error.code, message: error.message, details: error.details };
  }
  if (error instanceof ReadModelNotReadyError) {
    // The events are safe in the log; the view answers once its projection has started.
    return retryLater('READ_MODEL_NOT_READY', error.message);
  }
  if (error instanceof ServiceStoppingError) return retryLater('STOPPING', error.message);
  if (error instanceof StandbyError) {
    return { status: 503, grpcCode: GrpcStatus.UNAVAILABLE, code: 'STANDBY', message: error.message, details: { work: error.work, holder: error.holder ?? null } };
  }
  if (error instanceof WrongExpectedRevisionError || error instanceof ConcurrencyRetriesExhaustedError) {
    return { status: 409, grpcCode: GrpcStatus.ABORTED, code: 'CONCURRENT_MODIFICATION', message: 'the entity changed concurrently; retry the request' };
  }
  if (error instanceof IdempotencyKeyInFlightError) return { status: 409, grpcCode: GrpcStatus.ABORTED, code: 'IDEMPOTENCY_KEY_IN_FLIGHT', message: error.message };
  if (error instanceof IdempotencyKeyReusedError) {
    return { status: 422, grpcCode: GrpcStatus.FAILED_PRECONDITION, code: 'IDEMPOTENCY_KEY_REUSED', message: error.message };
  }
  if (error instanceof ActorOverloadedError) {
    return {
      status: 429,
      grpcCode: GrpcStatus.RESOURCE_EXHAUSTED,
      code: 'OVERLOADED',
      message: 'too many commands for this entity; retry later',
      retryAfterMs: error.retryAfterMs,
    };
  }
  if (error instanceof RateLimitedError) {
    return { status: 429, grpcCode: GrpcStatus.RESOURCE_EXHAUSTED, code: 'RATE_LIMITED', message: error.message, retryAfterMs: error.retryAfterMs };
  }
  if (error instanceof EventStoreUnavailableError) return retryLater('UNAVAILABLE', 'the event store is unavailable; retry later');
  if (error instanceof HttpProtocolError) return protocolRefusal(error.status, error.code, error.message);
  const parserOrRouterRefusal = fromParserOrRouter(error);
  if (parserOrRouterRefusal) return parserOrRouterRefusal;
  if (error instanceof HttpException) return fromHttpException(error);
  if (error instanceof RpcException) return fromRpcException(error);
  return INTERNAL;
}

const GRPC_BY_HTTP: Record<number, GrpcStatus> = {
  400: GrpcStatus.INVALID_ARGUMENT,
  401: GrpcStatus.UNAUTHENTICATED,
  403: GrpcStatus.PERMISSION_DENIED,
  404: GrpcStatus.NOT_FOUND,
  409: GrpcStatus.ABORTED,
  413: GrpcStatus.RESOURCE_EXHAUSTED,
  422: GrpcStatus.FAILED_PRECONDITION,
  429: GrpcStatus.RESOURCE_EXHAUSTED,
  503: GrpcStatus.UNAVAILABLE,
};

function protocolRefusal(status: number, code: string, message: string): ApiError {
  return { status, grpcCode: GRPC_BY_HTTP[status] ?? GrpcStatus.INVALID_ARGUMENT, code, message };
}

/**
 * What Node's HTTP parser and fastify's router refuse before any route runs, known by their
 * error codes: the status they would answer, our code and words.
 */
function fromParserOrRouter(error: unknown): ApiError | undefined {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  if (typeof code !== 'string') return undefined;
  switch (code) {
    case 'FST_ERR_BAD_URL':
      return protocolRefusal(400, 'MALFORMED_URL', 'the URL is not valid percent-encoding');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return protocolRefusal(414, 'URI_TOO_LONG', 'a path segment is longer than 100 characters');
    case 'HPE_HEADER_OVERFLOW':
      return protocolRefusal(431, 'HEADERS_TOO_LARGE', 'the request line and headers are larger than 16 KiB');
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return protocolRefusal(408, 'REQUEST_TIMEOUT', 'the request did not arrive in time');
  }
  return code.startsWith('HPE_') ? protocolRefusal(400, 'MALFORMED_REQUEST', 'the request is not well-formed HTTP/1.1') : undefined;
}

/**
 * Nest's and fastify's own refusals (unknown route, body too large or not JSON) and any
 * HttpException a controller throws on purpose: the status stands, the body takes our shape.
 */
function fromHttpException(error: HttpException): ApiError {
  const status = error.getStatus();
  if (status >= 500 && status !== 503) return INTERNAL;
  const grpcCode = GRPC_BY_HTTP[status] ?? (status < 500 ? GrpcStatus.INVALID_ARGUMENT : GrpcStatus.INTERNAL);
  if (status === 413) return { status, grpcCode, code: 'BODY_TOO_LARGE', message: 'the request body is too large' };
  if (status === 415) return { status, grpcCode, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'send the body as application/json' };
  if (status === 400 && isBodyParseFailure(error.cause)) return { status, grpcCode, code: 'MALFORMED_BODY', message: 'the request body is not valid JSON' };
  return { status, grpcCode, code: codeForStatus(status), message: error.message };
}

function isBodyParseFailure(cause: unknown): boolean {
  const code = (cause as { code?: unknown } | undefined)?.code;
  return (typeof code === 'string' && code.startsWith('FST_ERR_CTP')) || (cause as Error | undefined)?.name === 'SyntaxError';
}

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  422: 'UNPROCESSABLE',
  429: 'RATE_LIMITED',
  503: 'UNAVAILABLE',
};

function codeForStatus(status: number): string {
  return CODE_BY_STATUS[status] ?? `HTTP_${status}`;
}

/** A gRPC handler's deliberate `RpcException({code, message})`: the code stands. */
function fromRpcException(error: RpcException): ApiError {
  const given = error.getError();
  const grpcCode = typeof given === 'object' && typeof (given as { code?: unknown }).code === 'number' ? (given as { code: GrpcStatus }).code : GrpcStatus.UNKNOWN;
  // RESOURCE_EXHAUSTED stands for both 413 and 429; from a handler it means "too many".
  const status = grpcCode === GrpcStatus.RESOURCE_EXHAUSTED ? 429 : Number(Object.entries(GRPC_BY_HTTP).find(([, code]) => code === grpcCode)?.[0] ?? 500);
  if (status >= 500 && status !== 503) return INTERNAL;
  const said = typeof given === 'string' ? given : (given as { message?: unknown }).message;
  const message = typeof said === 'string' ? said : '';
  return { status, grpcCode, code: GrpcStatus[grpcCode] ?? codeForStatus(status), message };
}
