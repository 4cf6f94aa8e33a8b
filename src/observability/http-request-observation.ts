import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { ATTR_HTTP_REQUEST_METHOD, ATTR_HTTP_RESPONSE_STATUS_CODE, ATTR_HTTP_ROUTE, ATTR_URL_PATH } from '@opentelemetry/semantic-conventions';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { EdgeMetrics } from './metrics/edge-metrics';
import { rememberServerSpan, serverSpanOf } from './tracing/request-spans';
import { startSpan, TRACEPARENT, TRACESTATE } from './tracing/trace-context';

/** The header an Idempotency-Key replay is marked with (src/idempotency). */
const REPLAYED = 'idempotent-replayed';
/** The header of an answer that waited as the client asked (Prefer: wait, src/edge/conditional-read.ts). */
const PREFERENCE_APPLIED = 'preference-applied';

/**
 * Every HTTP request, whatever answers it (a route, a guard, fastify's router or its parsers):
 * a server span under the caller's `traceparent`, then its count and duration by route template.
 * The access log line is pino-http's (logging.module.ts).
 */
export function observeHttpRequests(fastify: FastifyInstance, metrics: EdgeMetrics): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    const route = routeOf(request);
    const span = startSpan(`${request.method} ${route}`, {
      kind: SpanKind.SERVER,
      parent: header(request, TRACEPARENT),
      tracestate: header(request, TRACESTATE),
      attributes: { [ATTR_HTTP_REQUEST_METHOD]: request.method, [ATTR_HTTP_ROUTE]: route, [ATTR_URL_PATH]: request.url.split('?')[0] },
    });
    rememberServerSpan(request, span);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    // A read held for a change took the time its client chose: counted, but kept out of the durations.
    const seconds = reply.hasHeader(PREFERENCE_APPLIED) ? undefined : reply.elapsedTime / 1000;
    metrics.httpRequest(request.method, routeOf(request), status, seconds, reply.getHeader(REPLAYED) === 'true');
    const span = serverSpanOf(request);
    span?.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, status);
    if (status >= 500) span?.setStatus({ code: SpanStatusCode.ERROR });
    span?.end();
    done();
  });
  fastify.addHook('onRequestAbort', (request, done) => {
    serverSpanOf(request)?.setStatus({ code: SpanStatusCode.ERROR, message: 'the client went away' }).end();
    done();
  });
}

/** The route template the request matched, never the URL as called (ids are not labels). */
function routeOf(request: FastifyRequest): string {
  return request.routeOptions.url ?? 'unmatched';
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
