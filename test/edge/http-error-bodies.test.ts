import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { KEYS, startEdgeApp, type EdgeApp } from '../support/edge-app';
import { nextResponse, openSocket, rawRequest, type RawResponse } from '../support/raw-http';
import { HOLD_SKU, heldCount, releaseHeld } from '../support/tab-edge.module';
import { tempDir } from '../support/temp-dir';

const AUTH = `Authorization: Bearer ${KEYS.web}\r\n`;
const post = (contentType: string, body: string, extra = '') =>
  `POST /tabs/t1/items HTTP/1.1\r\nHost: x\r\n${AUTH}${extra}Content-Type: ${contentType}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
const get = (path: string, extra = '') => `GET ${path} HTTP/1.1\r\nHost: x\r\n${extra}Connection: close\r\n\r\n`;

/** Requests refused before any handler runs: by Node's parser, by Fastify's router and body parsers, by Nest. */
const REFUSALS: Array<{ what: string; request: string; status: number; code: string }> = [
  { what: 'a path that is not valid percent-encoding', request: get('/tabs/%E0%A4%A'), status: 400, code: 'MALFORMED_URL' },
  { what: 'a path parameter over 100 characters', request: get(`/tabs/${'a'.repeat(101)}`), status: 414, code: 'URI_TOO_LONG' },
  { what: 'a request line and headers over 16 KiB', request: get(`/${'a'.repeat(20_000)}`), status: 431, code: 'HEADERS_TOO_LARGE' },
  { what: 'a control character in a header', request: get('/health', 'X-Note: a\x01b\r\n'), status: 400, code: 'MALFORMED_REQUEST' },
  { what: 'a method HTTP does not know', request: 'BREW /tabs HTTP/1.1\r\nHost: x\r\n\r\n', status: 400, code: 'MALFORMED_REQUEST' },
  { what: 'bytes that are not HTTP', request: 'HELLO\r\n\r\n', status: 400, code: 'MALFORMED_REQUEST' },
  { what: 'a Content-Length that is not a number', request: 'POST /tabs/t1/items HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n', status: 400, code: 'MALFORMED_REQUEST' },
  {
    what: 'a broken chunked body',
    request: 'POST /tabs/t1/items HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
    status: 400,
    code: 'MALFORMED_REQUEST',
  },
  { what: 'an HTTP/1.1 request without Host', request: 'GET /health HTTP/1.1\r\nConnection: close\r\n\r\n', status: 400, code: 'MALFORMED_REQUEST' },
  { what: 'an expectation other than 100-continue', request: post('application/json', '{}', 'Expect: tea\r\n'), status: 417, code: 'EXPECTATION_FAILED' },
  { what: 'a body sent as text/plain', request: post('text/plain', 'hello'), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  { what: 'a body sent as a form', request: post('application/x-www-form-urlencoded', 'channel=web&sku=A'), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  { what: 'a body sent as XML', request: post('application/xml', '<a/>'), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  { what: 'a body that is not JSON', request: post('application/json', '{"channel": "web",'), status: 400, code: 'MALFORMED_BODY' },
  { what: 'a body over 1 MiB', request: post('application/json', JSON.stringify({ sku: 'x'.repeat(1024 * 1024) })), status: 413, code: 'BODY_TOO_LARGE' },
  { what: 'an unknown route', request: get('/no/such/route'), status: 404, code: 'NOT_FOUND' },
  {
    what: 'a method the route does not take',
    request: `PUT /tabs/t1/items HTTP/1.1\r\nHost: x\r\n${AUTH}Content-Length: 0\r\nConnection: close\r\n\r\n`,
    status: 404,
    code: 'NOT_FOUND',
  },
];

/** What is wrong with `response` as an error of the documented shape; empty when nothing is. */
function shapeProblems(response: RawResponse, status: number, code: string): string[] {
  const problems: string[] = [];
  if (response.status !== status) problems.push(`status ${response.status}, not ${status}`);
  if (!/^application\/json/.test(response.headers['content-type'] ?? '')) problems.push(`content-type ${response.headers['content-type']}`);
  let body: any;
  try {
    body = JSON.parse(response.body);
  } catch {
    return [...problems, `body not JSON: ${JSON.stringify(response.body.slice(0, 120))}`];
  }
  if (Object.keys(body ?? {}).join() !== 'error') problems.push(`body keys ${Object.keys(body ?? {}).join(',')}: ${response.body.slice(0, 160)}`);
  const error = body?.error ?? {};
  if (error.status !== status) problems.push(`error.status ${error.status}`);
  if (error.code !== code) problems.push(`error.code ${error.code}`);
  if (typeof error.message !== 'string' || error.message.length === 0) problems.push('no error.message');
  if (!error.correlationId || error.correlationId !== response.headers['x-correlation-id']) {
    problems.push(`correlation id ${error.correlationId} in the body, ${response.headers['x-correlation-id']} in the header`);
  }
  return problems;
}

describe("HTTP: every refusal, Node's and Fastify's included, has the documented error shape", () => {
  const dir = tempDir('edge-http-errors');
  let edge: EdgeApp;
  let port: number;
  before(async () => {
    edge = await startEdgeApp(dir.path);
    port = Number(new URL(edge.base).port);
  });
  after(async () => {
    await edge.close();
    dir.remove();
  });

  it('answers each malformed or refused request with {error: {status, code, message, correlationId}} and the x-correlation-id header', async () => {
    const wrong: string[] = [];
    for (const refusal of REFUSALS) {
      const problems = shapeProblems(await rawRequest(port, refusal.request), refusal.status, refusal.code);
      if (problems.length > 0) wrong.push(`${refusal.what}: ${problems.join('; ')}`);
    }
    assert.deepEqual(wrong, []);
  });

  it('reads and drops a body over 1 MiB after its 413, so a client still sending gets the answer, and the connection stays usable', async () => {
    const socket = await openSocket(port);
    try {
      const size = 3 * 1024 * 1024;
      const answer = nextResponse(socket);
      socket.write(`POST /tabs/t1/items HTTP/1.1\r\nHost: x\r\n${AUTH}Content-Type: application/json\r\nContent-Length: ${size}\r\nConnection: keep-alive\r\n\r\n`);
      // The body in parts, after the server has had the time to answer: the answer comes before the client is done.
      await new Promise((done) => setTimeout(done, 100));
      const part = Buffer.alloc(256 * 1024, 'a');
      for (let sent = 0; sent < size; sent += part.length) {
        await new Promise<void>((done, fail) => socket.write(part, (error) => (error ? fail(error) : done())));
      }
      const refused = await answer;
      assert.deepEqual(shapeProblems(refused, 413, 'BODY_TOO_LARGE'), []);
      const next = nextResponse(socket);
      socket.write(get('/health'));
      assert.equal((await next).status, 200);
    } finally {
      socket.destroy();
    }
  });

  it("keeps the caller's correlation id where the headers could be read", async () => {
    const response = await rawRequest(port, get('/tabs/%zz', 'X-Correlation-Id: corr-bad-url\r\n'));
    assert.equal(response.status, 400);
    assert.equal(JSON.parse(response.body).error.correlationId, 'corr-bad-url');
    assert.equal(response.headers['x-correlation-id'], 'corr-bad-url');
  });

  it('answers a request that arrives while the server shuts down with 503 UNAVAILABLE in the same shape', async () => {
    const socket = await openSocket(port);
    try {
      // A request in flight keeps the connection open past the start of the shutdown.
      const held = nextResponse(socket);
      socket.write(post('application/json', JSON.stringify({ channel: 'web', sku: HOLD_SKU, amountMinor: 1 })).replace('Connection: close', 'Connection: keep-alive'));
      await waitUntil(() => heldCount() === 1);
      // Fastify's own close, so the app behind it stays up to answer the held request.
      const closing = edge.app.getHttpAdapter().getInstance().close();
      releaseHeld();
      assert.equal((await held).status, 201);
      const late = nextResponse(socket);
      socket.write(get('/health'));
      assert.deepEqual(shapeProblems(await late, 503, 'UNAVAILABLE'), []);
      await closing;
    } finally {
      socket.destroy();
    }
  });
});

async function waitUntil(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 10));
}
