import type { Metadata, ServerUnaryCall } from '@grpc/grpc-js';
import type { ArgumentsHost } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../access/principal';
import { CORRELATION_HEADER, correlationIdFor } from '../observability/correlation-id';
import { serverSpanOf } from '../observability/tracing/request-spans';
import { TRACEPARENT, traceparentOfSpan, validTraceparent } from '../observability/tracing/trace-context';

/** What the edge learns about a request while it passes through: who, and under which ids. */
export interface EdgeState {
  correlationId: string;
  /**
   * The W3C trace context the request's commands carry: the request's server span (a span of
   * the caller's trace, or the caller's own `traceparent` when no spans are recorded); absent
   * when the caller sent none and no spans are recorded.
   */
  traceparent?: string;
  principal?: Principal;
  idempotencyKey?: string;
}

/**
 * One view of an HTTP request or a gRPC call, so access control, idempotency and errors are
 * written once for both transports.
 */
export interface EdgeRequest {
  transport: 'http' | 'grpc';
  /** An HTTP header or gRPC metadata entry (lower-case name), first value only. */
  header(name: string): string | undefined;
  /** HTTP method, or `GRPC`. */
  method: string;
  /** The path as called (query included), or the gRPC method path `/package.Service/Method`. */
  route: string;
  /** As received, before validation: what the client actually sent. */
  body: unknown;
  params: Record<string, unknown>;
  state: EdgeState;
}

// Keyed by the transport's own request object, so every stage of one request sees one state.
const states = new WeakMap<object, EdgeState>();

function stateFor(carrier: object, correlationId: () => string, header: (name: string) => string | undefined): EdgeState {
  let state = states.get(carrier);
  if (!state) {
    const traceparent = traceparentOfSpan(serverSpanOf(carrier)) ?? validTraceparent(header(TRACEPARENT));
    state = { correlationId: correlationId(), ...(traceparent && { traceparent }) };
    states.set(carrier, state);
  }
  return state;
}

export function edgeRequestOf(host: ArgumentsHost): EdgeRequest {
  return host.getType() === 'rpc' ? grpcRequest(host) : httpRequest(host);
}

function httpRequest(host: ArgumentsHost): EdgeRequest {
  const request = host.switchToHttp().getRequest<FastifyRequest>();
  const header = (name: string): string | undefined => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  return {
    transport: 'http',
    header,
    method: request.method,
    route: request.url,
    body: request.body,
    params: (request.params ?? {}) as Record<string, unknown>,
    state: stateFor(request, () => String(request.id), header),
  };
}

function grpcRequest(host: ArgumentsHost): EdgeRequest {
  const metadata = host.getArgByIndex<Metadata>(1);
  const call = host.getArgByIndex<ServerUnaryCall<unknown, unknown> | undefined>(2);
  const header = (name: string): string | undefined => {
    const value = metadata.get(name)[0];
    return typeof value === 'string' ? value : undefined;
  };
  return {
    transport: 'grpc',
    header,
    method: 'GRPC',
    route: call?.getPath?.() ?? '',
    body: host.getArgByIndex(0),
    params: {},
    state: stateFor(metadata, () => correlationIdFor({ [CORRELATION_HEADER]: header(CORRELATION_HEADER) }), header),
  };
}
