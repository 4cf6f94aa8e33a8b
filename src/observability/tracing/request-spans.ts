import type { Span } from '@opentelemetry/api';

/**
 * The server span of each request, by the transport's own request object (the FastifyRequest,
 * or the gRPC call's Metadata): started and ended by the transport's observer, read by the edge
 * (edge-request.ts) to give the command its parent.
 */
const spans = new WeakMap<object, Span>();

export function rememberServerSpan(carrier: object, span: Span): void {
  spans.set(carrier, span);
}

export function serverSpanOf(carrier: object): Span | undefined {
  return spans.get(carrier);
}
