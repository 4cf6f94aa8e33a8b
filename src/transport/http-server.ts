import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyBodyParser } from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { AppConfig } from '../config/app-config';
import { answerClientError, answerFrameworkError } from '../errors/edge-exception.filter';
import { HttpProtocolError } from '../errors/http-protocol.error';
import { MAX_INPUT_DEPTH, tooDeep } from '../errors/input-depth';
import { CORRELATION_HEADER, correlationIdFor } from '../observability/correlation-id';
import { nestsDeeperThan } from './json-nesting';

/** Largest request body accepted over HTTP; larger ones get 413 before any parsing. */
export const BODY_LIMIT_BYTES = 1024 * 1024;
/** Largest body read and dropped after its 413 so the client can read the answer; a larger one has its connection closed. */
const LINGER_BYTES = 16 * BODY_LIMIT_BYTES;

/**
 * The JSON body parser. A signed webhook's handler judges its raw bytes itself (the signature is
 * over them, and a body that is not JSON is answered 200 and queued so the sender stops
 * retrying): on `rawBodyRoutes` a body that does not parse goes on unparsed, its raw bytes kept.
 * Any other body nested deeper than a request can be is refused before it is parsed: parsing
 * every level of a deep megabyte would hold the event loop for nothing.
 */
export function jsonBodyParser(rawBodyRoutes: readonly string[]): FastifyBodyParser<Buffer> {
  return (request, body, done) => {
    const raw = rawBodyRoutes.includes(request.routeOptions.url ?? '');
    const text = body.toString('utf8');
    // A signed webhook's body that deep goes on unparsed, as one that does not parse: its handler refuses it by its own rule.
    if (nestsDeeperThan(text, MAX_INPUT_DEPTH)) return done(raw ? null : tooDeep('body'), undefined);
    void request.server.getDefaultJsonParser('error', 'error')(request, text, (error, parsed) => {
      if (error && raw) done(null, undefined);
      else done(error, parsed);
    });
  };
}

/**
 * The HTTP server under Nest. Node and fastify refuse some requests themselves, before any
 * route, filter or hook of ours, each with a body of its own (or none); every such refusal is
 * routed here into the one error shape, with a correlation id.
 */
export function httpAdapter(config: AppConfig): FastifyAdapter {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    requestIdHeader: false,
    genReqId: (request: IncomingMessage) => correlationIdFor(request.headers),
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    // Slow and idle clients (README "Configuration"); a late request gets 408 through answerClientError.
    requestTimeout: config.httpRequestTimeoutMs,
    keepAliveTimeout: config.httpKeepAliveTimeoutMs,
    connectionTimeout: config.httpIdleTimeoutMs,
    http: {
      headersTimeout: config.httpHeadersTimeoutMs,
      requestTimeout: config.httpRequestTimeoutMs,
      // How often Node looks for requests past those timeouts (30 s by default, which would let them run that much over).
      connectionsCheckingInterval: Math.min(1_000, Math.ceil(config.httpHeadersTimeoutMs / 4)),
      // Node's bare 400 without a Host header, and fastify's own 503 while closing, become the hook's refusals below.
      requireHostHeader: false,
    },
    return503OnClosing: false,
  });
  const fastify = adapter.getInstance();
  // JSON only: fastify would also take text/plain, and Nest forms, which no route reads; those now answer 415.
  fastify.removeContentTypeParser('text/plain');

  let closing = false;
  fastify.addHook('preClose', async () => {
    closing = true;
  });
  // A body over the limit is answered 413 at once; fastify then closes the connection while the
  // client may still be sending, and a client that cannot read an answer before it has sent all
  // (most cannot) sees the connection reset instead of the 413. Up to LINGER_BYTES announced, the
  // connection stays open and Node reads the rest and drops it, so the client gets its answer.
  // This hook and the next run on every request: callbacks, not async functions, spare each a promise and its turn.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (reply.statusCode === 413 && !request.raw.complete && Number(request.headers['content-length']) <= LINGER_BYTES) reply.removeHeader('connection');
    done(null, payload);
  });
  // Node answers an Expect other than 100-continue with a bare 417 unless someone listens.
  const unmetExpectations = new WeakSet<IncomingMessage>();
  fastify.server.on('checkExpectation', (request: IncomingMessage, response) => {
    unmetExpectations.add(request);
    fastify.server.emit('request', request, response);
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header(CORRELATION_HEADER, request.id);
    if (closing) return done(new HttpProtocolError(503, 'UNAVAILABLE', 'the service is shutting down; retry'));
    if (request.raw.httpVersion === '1.1' && request.headers.host === undefined) {
      return done(new HttpProtocolError(400, 'MALFORMED_REQUEST', 'an HTTP/1.1 request needs a Host header'));
    }
    if (unmetExpectations.has(request.raw)) return done(new HttpProtocolError(417, 'EXPECTATION_FAILED', 'the only expectation understood is "Expect: 100-continue"'));
    done();
  });
  return adapter;
}
