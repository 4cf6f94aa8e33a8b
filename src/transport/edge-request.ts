import type { Metadata, ServerUnaryCall } from '@grpc/grpc-js';
import type { ArgumentsHost } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../access/principal';
import { CORRELATION_HEADER, correlationIdFor } from '../observability/correlation-id';

/** What the edge learns about a request while it passes through: who, and under which ids. */
export interface EdgeState {
  correlationId: string;
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

function stateFor(carrier: object, correlationId: () => string): EdgeState {
  let state = states.get(carrier);
  if (!state) {
    state = { correlationId: correlationId() };
    states.set(carrier, state);
  }
  return state;
}

export function edgeRequestOf(host: ArgumentsHost): EdgeRequest {
  return host.getType() === 'rpc' ? grpcRequest(host) : httpRequest(host);
}

function httpRequest(host: ArgumentsHost): EdgeRequest {
  const request = host.switchToHttp().getRequest<FastifyRequest>();
  return {
    transport: 'http',
    header: (name) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value[0] : value;
    },
    method: request.method,
    route: request.url,
    body: request.body,
    params: (request.params ?? {}) as Record<string, unknown>,
    state: stateFor(request, () => String(request.id)),
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
    state: stateFor(metadata, () => correlationIdFor({ [CORRELATION_HEADER]: header(CORRELATION_HEADER) })),
  };
}
