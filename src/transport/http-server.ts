import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { IncomingMessage } from 'node:http';
import { answerClientError, answerFrameworkError } from '../errors/edge-exception.filter';
import { HttpProtocolError } from '../errors/http-protocol.error';
import { CORRELATION_HEADER, correlationIdFor } from '../observability/correlation-id';

/** Largest request body accepted over HTTP; larger ones get 413 before any parsing. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * The HTTP server under Nest. Node and fastify refuse some requests themselves, before any
 * route, filter or hook of ours, each with a body of its own (or none); every such refusal is
 * routed here into the one error shape, with a correlation id.
 */
export function httpAdapter(): FastifyAdapter {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    requestIdHeader: false,
    genReqId: (request: IncomingMessage) => correlationIdFor(request.headers),
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    // Node's bare 400 without a Host header, and fastify's own 503 while closing, become the hook's refusals below.
    http: { requireHostHeader: false },
    return503OnClosing: false,
  });
  const fastify = adapter.getInstance();
  // JSON only: fastify would also take text/plain, and Nest forms, which no route reads; those now answer 415.
  fastify.removeContentTypeParser('text/plain');

  let closing = false;
  fastify.addHook('preClose', async () => {
    closing = true;
  });
  // Node answers an Expect other than 100-continue with a bare 417 unless someone listens.
  const unmetExpectations = new WeakSet<IncomingMessage>();
  fastify.server.on('checkExpectation', (request: IncomingMessage, response) => {
    unmetExpectations.add(request);
    fastify.server.emit('request', request, response);
  });
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header(CORRELATION_HEADER, request.id);
    if (closing) throw new HttpProtocolError(503, 'UNAVAILABLE', 'the service is shutting down; retry');
    if (request.raw.httpVersion === '1.1' && request.headers.host === undefined) {
      throw new HttpProtocolError(400, 'MALFORMED_REQUEST', 'an HTTP/1.1 request needs a Host header');
    }
    if (unmetExpectations.has(request.raw)) throw new HttpProtocolError(417, 'EXPECTATION_FAILED', 'the only expectation understood is "Expect: 100-continue"');
  });
  return adapter;
}
