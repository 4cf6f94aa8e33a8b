import { Counter, Histogram } from 'prom-client';
import type { MetricsRegistry } from './metrics-registry';

/** Seconds: most answers take milliseconds; reads over large ranges and exports, seconds. */
const REQUEST_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * Requests as the edge answered them: HTTP by method, route template (`/orders/:orderId`, never
 * the URL as called) and status; gRPC by service, method and status code; and the answers an
 * Idempotency-Key replayed.
 */
export class EdgeMetrics {
  private readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  private readonly httpDuration: Histogram<'method' | 'route'>;
  private readonly grpcCalls: Counter<'service' | 'method' | 'code'>;
  private readonly grpcDuration: Histogram<'service' | 'method'>;
  private readonly replays: Counter<'transport'>;

  constructor(metrics: MetricsRegistry) {
    const registers = [metrics.registry];
    this.httpRequests = new Counter({
      name: 'ledgerbridge_http_requests_total',
      help: 'HTTP requests answered, by method, route template (unmatched: no route) and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.httpDuration = new Histogram({
      name: 'ledgerbridge_http_request_duration_seconds',
      help: 'Time from the request arriving to its answer sent, by method and route template',
      labelNames: ['method', 'route'],
      buckets: REQUEST_BUCKETS,
      registers,
    });
    this.grpcCalls = new Counter({
      name: 'ledgerbridge_grpc_requests_total',
      help: 'gRPC calls ended, by service, method and status code',
      labelNames: ['service', 'method', 'code'],
      registers,
    });
    this.grpcDuration = new Histogram({
      name: 'ledgerbridge_grpc_request_duration_seconds',
      help: 'Time from a gRPC call starting to its status sent, by service and method',
      labelNames: ['service', 'method'],
      buckets: REQUEST_BUCKETS,
      registers,
    });
    this.replays = new Counter({
      name: 'ledgerbridge_idempotency_replays_total',
      help: 'Answers replayed for a repeated Idempotency-Key instead of running the request again, by transport',
      labelNames: ['transport'],
      registers,
    });
    // Both transports appear from the first scrape, so a rate over them never starts from nothing.
    for (const transport of ['http', 'grpc']) this.replays.inc({ transport }, 0);
  }

  /** `seconds` absent: an answer whose time is not the service's (a read that waited as asked) is only counted. */
  httpRequest(method: string, route: string, status: number, seconds: number | undefined, replayed: boolean): void {
    this.httpRequests.inc({ method, route, status: String(status) });
    if (seconds !== undefined) this.httpDuration.observe({ method, route }, seconds);
    if (replayed) this.replays.inc({ transport: 'http' });
  }

  /** `seconds` absent: as for httpRequest. */
  grpcCall(service: string, method: string, code: string, seconds: number | undefined, replayed: boolean): void {
    this.grpcCalls.inc({ service, method, code });
    if (seconds !== undefined) this.grpcDuration.observe({ service, method }, seconds);
    if (replayed) this.replays.inc({ transport: 'grpc' });
  }
}
