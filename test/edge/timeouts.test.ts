import assert from 'node:assert/strict';
import { connect as connectHttp2, type ClientHttp2Session } from 'node:http2';
import type { Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { KEYS, startEdgeApp, type EdgeApp } from '../support/edge-app';
import { nextResponse, openSocket } from '../support/raw-http';
import { HOLD_SKU, heldCount, releaseHeld } from '../support/tab-edge.module';
import { tempDir } from '../support/temp-dir';

/**
 * Each bound is set small here; a connection it should end gets this long past its bound (a
 * loaded machine is slow) before the test calls it held open. Without the bound the
 * connections stay open for minutes (Node's defaults) or for good.
 */
const GRACE_MS = 4_000;

const SMALL = {
  HTTP_HEADERS_TIMEOUT: '500ms',
  HTTP_REQUEST_TIMEOUT: '1s',
  HTTP_KEEP_ALIVE_TIMEOUT: '500ms',
  HTTP_IDLE_TIMEOUT: '1s',
  GRPC_KEEPALIVE_TIME: '300ms',
  GRPC_KEEPALIVE_TIMEOUT: '300ms',
};

/** Resolves with what `socket` received once it closes; rejects if it is still open after `limitMs`. */
function closeOf(socket: Socket, limitMs: number): Promise<string> {
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still open after ${limitMs} ms; received ${JSON.stringify(received)}`)), limitMs);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(received);
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(done: () => boolean): Promise<void> {
  while (!done()) await sleep(10);
}

function errorBodyOf(response: string): any {
  return JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4)).error;
}

/** A grpc.health.v1.Health/Check over a plain HTTP/2 session: its grpc-status. */
function healthCheck(session: ClientHttp2Session): Promise<string> {
  return new Promise((resolve, reject) => {
    const stream = session.request({ ':method': 'POST', ':path': '/grpc.health.v1.Health/Check', 'content-type': 'application/grpc', te: 'trailers' });
    stream.on('trailers', (trailers) => resolve(String(trailers['grpc-status'])));
    stream.on('error', reject);
    stream.resume();
    stream.end(Buffer.alloc(5)); // an uncompressed, empty HealthCheckRequest
  });
}

function openHttp2(port: number): Promise<ClientHttp2Session> {
  return new Promise((resolve, reject) => {
    const session = connectHttp2(`http://127.0.0.1:${port}`);
    session.once('connect', () => resolve(session));
    session.once('error', reject);
  });
}

describe('slow and idle connections are closed', () => {
  const dir = tempDir('edge-timeouts');
  let edge: EdgeApp;
  let port: number;
  before(async () => {
    edge = await startEdgeApp(dir.path, SMALL);
    port = Number(new URL(edge.base).port);
  });
  after(async () => {
    releaseHeld();
    await edge.close();
    dir.remove();
  });

  it('HTTP: answers a body sent at 1 byte/s with 408 REQUEST_TIMEOUT and closes the connection', async () => {
    const socket = await openSocket(port);
    const closed = closeOf(socket, 1_000 + GRACE_MS);
    socket.write(
      `POST /tabs/t1/items HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${KEYS.web}\r\nX-Correlation-Id: corr-slow-body\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n`,
    );
    const dripping = setInterval(() => socket.writable && socket.write('{'), 1_000);
    try {
      const received = await closed;
      assert.match(received, /^HTTP\/1\.1 408 /);
      assert.equal(errorBodyOf(received).code, 'REQUEST_TIMEOUT');
      assert.equal(errorBodyOf(received).correlationId, 'corr-slow-body', "the caller's id: its headers had arrived");
      // A client cut off is no failure of the service: logged as aborted, not as an error.
      await waitUntil(() => edge.logs.lines.some((line) => line.correlationId === 'corr-slow-body' && line.msg === 'request aborted'));
      await sleep(200);
      assert.deepEqual(
        edge.logs.lines.filter((line) => line.correlationId === 'corr-slow-body' && Number(line.level) >= 50).map((line) => line.msg),
        [],
      );
    } finally {
      clearInterval(dripping);
      socket.destroy();
    }
  });

  it('HTTP: answers headers sent at 1 byte/s with 408 and closes the connection', async () => {
    const socket = await openSocket(port);
    const closed = closeOf(socket, 500 + GRACE_MS);
    const headers = `GET /health HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(100)}\r\n\r\n`;
    let sent = 0;
    const dripping = setInterval(() => socket.writable && socket.write(headers[sent++]), 1_000);
    try {
      const received = await closed;
      assert.match(received, /^HTTP\/1\.1 408 /);
    } finally {
      clearInterval(dripping);
      socket.destroy();
    }
  });

  it('HTTP: closes a connection that never sends a byte', async () => {
    const socket = await openSocket(port);
    try {
      const received = await closeOf(socket, 500 + GRACE_MS);
      if (received) assert.equal(errorBodyOf(received).code, 'REQUEST_TIMEOUT', 'anything said is in the error shape');
    } finally {
      socket.destroy();
    }
  });

  it('HTTP: closes a keep-alive connection left idle after its response', async () => {
    const socket = await openSocket(port);
    try {
      const response = nextResponse(socket);
      socket.write('GET /health HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n');
      assert.equal((await response).status, 200);
      assert.equal(await closeOf(socket, 500 + GRACE_MS), '', 'closed without another word');
    } finally {
      socket.destroy();
    }
  });

  it('HTTP: closes a connection on which nothing moves, even while its request is handled', async () => {
    const socket = await openSocket(port);
    try {
      const body = JSON.stringify({ channel: 'web', sku: HOLD_SKU, amountMinor: 1 });
      socket.write(
        `POST /tabs/idle/items HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${KEYS.web}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      );
      await closeOf(socket, 1_000 + GRACE_MS);
      assert.equal(heldCount(), 1, 'the request was received whole and is still being handled');
    } finally {
      releaseHeld();
      socket.destroy();
    }
  });

  it('gRPC: drops a connection whose peer does not answer keepalive pings', async () => {
    const socket = await openSocket(edge.grpcPort);
    try {
      // The HTTP/2 client preface and an empty SETTINGS frame; then silence, pings unanswered.
      socket.write(Buffer.concat([Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1'), Buffer.from([0, 0, 0, 4, 0, 0, 0, 0, 0])]));
      await closeOf(socket, 300 + 300 + GRACE_MS);
    } finally {
      socket.destroy();
    }
  });

  it('gRPC: keeps a connection whose peer answers the pings', async () => {
    const session = await openHttp2(edge.grpcPort);
    try {
      assert.equal(await healthCheck(session), '0');
      await sleep(1_500); // several keepalive rounds
      assert.equal(session.closed || session.destroyed, false);
      assert.equal(await healthCheck(session), '0');
    } finally {
      session.destroy();
    }
  });
});

describe('gRPC: a connection without calls is closed', () => {
  const dir = tempDir('edge-grpc-idle');
  let edge: EdgeApp;
  before(async () => {
    edge = await startEdgeApp(dir.path, { GRPC_MAX_CONNECTION_IDLE: '500ms' });
  });
  after(async () => {
    await edge.close();
    dir.remove();
  });

  it('sends GOAWAY and closes a connection idle after its last call', async () => {
    const session = await openHttp2(edge.grpcPort);
    try {
      assert.equal(await healthCheck(session), '0');
      const goaway = new Promise<void>((resolve) => session.once('goaway', () => resolve()));
      const closed = new Promise<void>((resolve) => session.once('close', () => resolve()));
      let late: NodeJS.Timeout | undefined;
      const stillOpen = new Promise<never>((_, reject) => (late = setTimeout(() => reject(new assert.AssertionError({ message: 'still open' })), 500 + GRACE_MS)));
      // Cleared once closed: a pending timer would hold the test's process open GRACE_MS past its last test.
      await Promise.race([Promise.all([goaway, closed]), stillOpen]).finally(() => clearTimeout(late));
    } finally {
      session.destroy();
    }
  });

  it('closes a connection that never sends a byte', async () => {
    const socket = await openSocket(edge.grpcPort);
    try {
      await closeOf(socket, 500 + GRACE_MS);
    } finally {
      socket.destroy();
    }
  });
});
