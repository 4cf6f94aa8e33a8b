import { type Metadata, ResponderBuilder, ServerInterceptingCall, type ServerInterceptor, ServerListenerBuilder, status as GrpcStatus } from '@grpc/grpc-js';
import { Logger } from '@nestjs/common';
import { type Span, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { ATTR_RPC_METHOD, ATTR_RPC_STATUS_CODE, ATTR_RPC_SYSTEM_NAME } from '@opentelemetry/semantic-conventions';
import { performance } from 'node:perf_hooks';
import { CORRELATION_HEADER, correlationIdFor } from './correlation-id';
import type { EdgeMetrics } from './metrics/edge-metrics';
import { rememberServerSpan } from './tracing/request-spans';
import { startSpan, TRACEPARENT, TRACESTATE } from './tracing/trace-context';

/** The metadata an Idempotency-Key replay is marked with (src/idempotency). */
const REPLAYED = 'idempotent-replayed';
/** The metadata of an answer that waited as its caller asked (GetOrder with waitSeconds, src/transport/grpc-call.ts). */
const WAIT_APPLIED = 'wait-applied';

/**
 * Every gRPC call, as the HTTP side has pino-http: one log line when it ends (method, status,
 * duration, correlation id), a server span under the caller's `traceparent`, its count and
 * duration. A grpc-js server interceptor, so it sees calls refused before any handler (no key,
 * rate-limited, undecodable) as well as handled ones. The call's correlation id is settled here,
 * the caller's `x-correlation-id` when acceptable, else a new one, and written back into the
 * call's metadata, so the handlers, the error trailers and this line all name the same one.
 */
export function observeGrpcCalls(metrics: EdgeMetrics, logger = new Logger('Grpc')): ServerInterceptor {
  return (descriptor, call) => {
    const started = performance.now();
    const { service, method } = partsOf(descriptor.path);
    let correlationId = '';
    let span: Span | undefined;
    let replayed = false;
    let waited = false;
    let ended = false;
    const end = (code: GrpcStatus, details: string) => {
      if (ended) return;
      ended = true;
      const ms = performance.now() - started;
      const status = GrpcStatus[code] ?? String(code);
      // A call held for a change took the time its client chose: counted, but kept out of the durations.
      metrics.grpcCall(service, method, status, waited ? undefined : ms / 1000, replayed);
      span?.setAttribute(ATTR_RPC_STATUS_CODE, status);
      if (code !== GrpcStatus.OK) span?.setStatus({ code: SpanStatusCode.ERROR, message: details });
      span?.end();
      const line = { correlationId, grpc: { method: descriptor.path, code, status }, responseTime: Math.round(ms), ...(code === GrpcStatus.OK ? {} : { details }) };
      logger.log(line, code === GrpcStatus.CANCELLED ? 'call cancelled' : 'call completed');
    };
    const listener = new ServerListenerBuilder()
      .withOnReceiveMetadata((metadata, next) => {
        correlationId = correlationIdFor({ [CORRELATION_HEADER]: first(metadata, CORRELATION_HEADER) });
        metadata.set(CORRELATION_HEADER, correlationId);
        span = startSpan(descriptor.path.slice(1), {
          kind: SpanKind.SERVER,
          parent: first(metadata, TRACEPARENT),
          tracestate: first(metadata, TRACESTATE),
          attributes: { [ATTR_RPC_SYSTEM_NAME]: 'grpc', [ATTR_RPC_METHOD]: descriptor.path.slice(1) },
        });
        rememberServerSpan(metadata, span);
        next(metadata);
      })
      .withOnCancel(() => end(GrpcStatus.CANCELLED, 'cancelled by the client'))
      .build();
    const responder = new ResponderBuilder()
      .withStart((next) => next(listener))
      .withSendMetadata((metadata, next) => {
        if (first(metadata, REPLAYED) === 'true') replayed = true;
        if (first(metadata, WAIT_APPLIED) !== undefined) waited = true;
        next(metadata);
      })
      .withSendStatus((status, next) => {
        if (status.metadata && first(status.metadata, REPLAYED) === 'true') replayed = true;
        end(status.code, status.details);
        next(status);
      })
      .build();
    return new ServerInterceptingCall(call, responder);
  };
}

/** `/ledgerbridge.order.v1.Orders/PlaceOrder` -> service `ledgerbridge.order.v1.Orders`, method `PlaceOrder`. */
function partsOf(path: string): { service: string; method: string } {
  const slash = path.lastIndexOf('/');
  return { service: path.slice(1, slash), method: path.slice(slash + 1) };
}

function first(metadata: Metadata, name: string): string | undefined {
  const value = metadata.get(name)[0];
  return typeof value === 'string' ? value : undefined;
}
