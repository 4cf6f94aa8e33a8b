import { Agent, request } from 'node:http';
import { etagOf } from '../../src/edge/conditional-read';
import { tempDir } from '../../test/support/temp-dir';
import { startAppProcess } from '../commands/app-process';
import { type JourneyRun, percentileMs, round, runJourneys, type Timed } from './journey-run';
import { journeyOrder } from './order-journey';
import { streamProblem, type Verification, verifyStreams } from './stream-check';

/** The saga reserves the stock after OrderPlaced while the channel authorizes: either may come first. */
const SHAPE = [['OrderPlaced'], ['InventoryReserved', 'PaymentAuthorized'], ['PaymentCaptured'], ['ShipmentConfirmed']];
/** A capture the saga has not recorded by then fails the journey. */
const CAPTURE_WAIT_LIMIT_MS = 60_000;
/** A request not answered by then fails (instead of hanging the run). */
const REQUEST_LIMIT_MS = 60_000;

class HttpStatusError extends Error {
  override readonly name = 'HttpStatusError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * JSON over keep-alive connections, at most one request per worker in flight. node:http
 * rather than fetch: the load generator shares the machine with the app, so it should cost
 * as little CPU per request as it can.
 */
export class JsonClient {
  private readonly agent: Agent;

  constructor(
    private readonly base: URL,
    connections: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: connections });
  }

  /** Resolves with the parsed body when the status is `status`, rejects with HttpStatusError otherwise. */
  async send(status: number, method: 'GET' | 'POST', path: string, body?: object, headers: Record<string, string> = {}): Promise<any> {
    const answer = await this.exchange(method, path, body, headers);
    if (answer.status === status) return answer.text === '' ? undefined : JSON.parse(answer.text);
    const code = /"code":"([A-Z_]+)"/.exec(answer.text)?.[1];
    throw new HttpStatusError(`HTTP_${answer.status}${code ? `_${code}` : ''}`, `${method} ${path}: ${answer.text.slice(0, 200)}`);
  }

  /**
   * A conditional GET that waits (Prefer: wait) for the resource to move past `etag`: the new
   * body and ETag on 200, no body on 304 (the wait ran out); any other status rejects.
   */
  async waitForChange(path: string, etag: string, waitSeconds: number): Promise<{ etag: string; body?: any }> {
    const answer = await this.exchange('GET', path, undefined, { 'if-none-match': etag, prefer: `wait=${waitSeconds}` });
    if (answer.status === 304) return { etag };
    if (answer.status !== 200 || answer.etag === undefined) throw new HttpStatusError(`HTTP_${answer.status}`, `GET ${path}: ${answer.text.slice(0, 200)}`);
    return { etag: answer.etag, body: JSON.parse(answer.text) };
  }

  private exchange(method: 'GET' | 'POST', path: string, body: object | undefined, headers: Record<string, string>): Promise<{ status: number; etag?: string; text: string }> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: this.base.hostname,
          port: this.base.port,
          method,
          path,
          agent: this.agent,
          timeout: REQUEST_LIMIT_MS,
          headers: payload === undefined ? headers : { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => resolve({ status: res.statusCode ?? 0, etag: res.headers.etag, text: Buffer.concat(chunks).toString('utf8') }));
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer within ${REQUEST_LIMIT_MS} ms`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

export interface CaptureWaits {
  p50CaptureWaitMs: number | null;
  p99CaptureWaitMs: number | null;
  /** GET /orders/:id requests a journey sent while it waited (each held until the order moved or the wait ran out). */
  waitRequestsPerJourney: number;
}

/**
 * The journey against the real app in its own process, started as `npm start` starts it
 * (projections and sagas on, embedded store at synchronous=FULL, fresh data folder): place,
 * authorize, wait until the fulfillment saga's capture is on the order (GET /orders/:id with
 * If-None-Match: the revision last seen, from the authorization's reply on, and Prefer:
 * wait=`waitSeconds`, until `capturedMinor` reaches the total; the reads are not commands), confirm the shipment.
 */
export async function journeysOverHttp(
  n: number,
  concurrency: number,
  warmUp: number,
  waitSeconds: number,
): Promise<{ run: JourneyRun; verification: Verification; captureWaits: CaptureWaits }> {
  const dir = tempDir('bench-journeys-http');
  const app = await startAppProcess(dir.path, { SAGAS_ENABLED: 'true', EMBEDDED_DURABILITY: 'full' });
  const client = new JsonClient(new URL(app.base), concurrency);
  const waitsMs: number[] = [];
  let waitRequests = 0;
  /** From the authorization's reply: the order's ETag names its revision. */
  const untilCaptured = async (orderId: string, totalMinor: number, authorizedRevision: number) => {
    const start = performance.now();
    let etag = etagOf(authorizedRevision);
    for (;;) {
      waitRequests += 1;
      const answer = await client.waitForChange(`/orders/${orderId}`, etag, waitSeconds);
      if (answer.body?.capturedMinor >= totalMinor) return performance.now() - start;
      etag = answer.etag;
      if (performance.now() - start > CAPTURE_WAIT_LIMIT_MS) throw new Error(`the saga did not capture ${orderId} within ${CAPTURE_WAIT_LIMIT_MS} ms`);
    }
  };
  const journey = (prefix: string, measured: boolean) => async (i: number, timed: Timed) => {
    const order = journeyOrder(prefix, i);
    await timed(() => client.send(201, 'POST', '/orders', order.place));
    const authorized = await timed(() => client.send(201, 'POST', `/orders/${order.orderId}/authorizations`, order.authorize));
    const waitedMs = await untilCaptured(order.orderId, order.totalMinor, authorized.revision);
    if (measured) waitsMs.push(waitedMs);
    await timed(() => client.send(201, 'POST', `/orders/${order.orderId}/shipments`, order.ship));
  };
  const prefix = `c${concurrency}`;
  try {
    if (warmUp > 0) await runJourneys(warmUp, 1, journey('warm', false));
    waitRequests = 0;
    const run = await runJourneys(n, concurrency, journey(prefix, true));
    const measuredWaitRequests = waitRequests;
    const verification = await verifyStreams(n, 20, async (i) => {
      const order = journeyOrder(prefix, i);
      const { events } = await client.send(200, 'GET', `/orders/${order.orderId}/events`);
      return streamProblem(order, events, SHAPE);
    });
    const sorted = waitsMs.sort((a, b) => a - b);
    const ms = (x: number | null) => (x === null ? null : round(x, 2));
    return {
      run,
      verification,
      captureWaits: {
        p50CaptureWaitMs: ms(percentileMs(sorted, 50)),
        p99CaptureWaitMs: ms(percentileMs(sorted, 99)),
        waitRequestsPerJourney: sorted.length === 0 ? 0 : round(measuredWaitRequests / sorted.length, 1),
      },
    };
  } finally {
    client.close();
    await app.stop();
    dir.remove();
  }
}
