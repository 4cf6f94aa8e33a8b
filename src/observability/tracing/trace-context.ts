import { type Attributes, type Context, isSpanContextValid, ROOT_CONTEXT, type Span, SpanKind, type SpanContext, SpanStatusCode, trace } from '@opentelemetry/api';
import { parseTraceParent, TraceState } from '@opentelemetry/core';

/**
 * W3C trace context as Ledgerbridge carries it: a `traceparent` on each event's metadata, from
 * the request (HTTP header, gRPC metadata) through the command, the sagas it sets going and the
 * journal lines it posts. Spans go through the OpenTelemetry API: without a tracer provider
 * (OTEL_TRACES_EXPORTER unset, see tracing.ts) they record nothing and keep their parent's
 * context, so the caller's `traceparent` travels unchanged; with one, each hop is a span of the
 * caller's trace, and what is stored names that span.
 */

export const TRACEPARENT = 'traceparent';
export const TRACESTATE = 'tracestate';

const tracer = () => trace.getTracer('ledgerbridge');

/** A caller's `traceparent` when it is a valid W3C one (version 00 or later, ids not all zero), else undefined. */
export function validTraceparent(value: unknown): string | undefined {
  const parent = typeof value === 'string' && value.length <= 128 ? parseTraceParent(value) : null;
  return parent && isSpanContextValid(parent) ? traceparentOf(parent) : undefined;
}

/** `00-<trace id>-<span id>-<flags>`, or undefined for a span context that names no trace. */
export function traceparentOf(context: SpanContext | undefined): string | undefined {
  if (!context || !isSpanContextValid(context)) return undefined;
  return `00-${context.traceId}-${context.spanId}-${(context.traceFlags & 0xff).toString(16).padStart(2, '0')}`;
}

/** The span's context as a `traceparent`. */
export function traceparentOfSpan(span: Span | undefined): string | undefined {
  return traceparentOf(span?.spanContext());
}

/** A context whose parent is the remote span `traceparent` names (with its `tracestate`), or the root. */
export function contextOf(traceparent: string | undefined, tracestate?: string): Context {
  const parent = traceparent ? parseTraceParent(traceparent) : null;
  if (!parent || !isSpanContextValid(parent)) return ROOT_CONTEXT;
  return trace.setSpanContext(ROOT_CONTEXT, { ...parent, isRemote: true, ...(tracestate && { traceState: new TraceState(tracestate) }) });
}

export interface SpanStart {
  /** The parent, as stored or received; none: a new trace. */
  parent?: string;
  /** The caller's `tracestate`, kept for the spans of its trace. */
  tracestate?: string;
  kind?: SpanKind;
  attributes?: Attributes;
}

/** Starts a span under `parent`; end it with `endSpan`. */
export function startSpan(name: string, start: SpanStart = {}): Span {
  return tracer().startSpan(name, { kind: start.kind ?? SpanKind.INTERNAL, ...(start.attributes && { attributes: start.attributes }) }, contextOf(start.parent, start.tracestate));
}

/** Ends the span, marked as an error when `error` is given. */
export function endSpan(span: Span, error?: unknown): void {
  if (error !== undefined) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : typeof error === 'string' ? error : JSON.stringify(error) });
    if (error instanceof Error) span.recordException(error);
  }
  span.end();
}

export { SpanKind };
