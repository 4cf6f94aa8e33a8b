import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ERP_NAMES, type ErpName } from '../../ledger/chart-of-accounts/chart-of-accounts';
import { D365Endpoint } from './d365-endpoint';
import { NetSuiteEndpoint } from './netsuite-endpoint';
import { SapEndpoint } from './sap-endpoint';
import { AdminRoutes, type SimulatorControl } from './simulator-admin';
import { erpChartsOf } from './simulator-chart';
import { FaultBook, type Outage } from './simulator-faults';
import type { ErpEndpoint, SimAnswer, SimulatorRequestLog, SimulatorStats } from './simulator-http';
import { SimulatorLedger } from './simulator-ledger';
import type { ErpSimulatorSettings } from './simulator-settings';

/** Bodies larger than this are answered 413: a journal batch is far smaller. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;
/** Requests the log keeps, newest last. */
const LOG_SIZE = 5000;

interface Listener {
  endpoint: ErpEndpoint;
  server: Server;
  port: number;
  sockets: Set<Socket>;
  stats: SimulatorStats;
  outage?: { until: number; mode: Outage['mode']; retryAfterSeconds?: number; timer: NodeJS.Timeout };
}

/**
 * SAP S/4HANA, NetSuite and Dynamics 365 Finance as one process: each on its own listener (so an
 * outage can refuse connections), validating, numbering and booking what they receive into one
 * ledger, with faults set on the admin listener. See README "ERP simulator".
 */
export class ErpSimulator implements SimulatorControl {
  readonly ledger = new SimulatorLedger();
  readonly faults = new FaultBook();
  private readonly log: SimulatorRequestLog[] = [];
  private readonly listeners = new Map<ErpName, Listener>();
  private readonly sap: SapEndpoint;
  private admin?: { server: Server; port: number; sockets: Set<Socket> };

  private constructor(private readonly settings: ErpSimulatorSettings) {
    const charts = erpChartsOf(settings.chart);
    this.sap = new SapEndpoint(settings, charts, this.ledger, this.faults, ({ messageId, status, attempt }) =>
      this.record({
        erp: 'sap',
        method: 'POST',
        path: `callback for ${messageId} (try ${attempt})`,
        receivedAt: new Date().toISOString(),
        status: status === 'failed' ? 'callback-failed' : status,
        direction: 'callback',
      }),
    );
    const endpoints: ErpEndpoint[] = [this.sap, new NetSuiteEndpoint(settings, charts, this.ledger, this.faults), new D365Endpoint(settings, charts, this.ledger, this.faults)];
    for (const endpoint of endpoints) {
      const sockets = new Set<Socket>();
      const server = tracked(
        createServer((request, response) => void this.serve(endpoint.erp, request, response)),
        sockets,
      );
      this.listeners.set(endpoint.erp, { endpoint, server, port: 0, sockets, stats: { requests: 0, inFlight: 0, maxInFlight: 0 } });
    }
  }

  static async start(settings: ErpSimulatorSettings): Promise<ErpSimulator> {
    const simulator = new ErpSimulator(settings);
    for (const erp of ERP_NAMES) {
      const listener = simulator.listeners.get(erp)!;
      listener.port = await listen(listener.server, settings.host, settings.ports[erp]);
    }
    const routes = new AdminRoutes(simulator, settings);
    const sockets = new Set<Socket>();
    const server = tracked(
      createServer((request, response) => void routes.serve(request, response)),
      sockets,
    );
    simulator.admin = { server, sockets, port: await listen(server, settings.host, settings.ports.admin) };
    return simulator;
  }

  /** Base URLs, as clients address them. */
  get urls(): Record<ErpName | 'admin', string> {
    const url = (port: number) => `http://${this.settings.host.includes(':') ? `[${this.settings.host}]` : this.settings.host}:${port}`;
    return {
      admin: url(this.admin!.port),
      sap: url(this.listeners.get('sap')!.port),
      netsuite: url(this.listeners.get('netsuite')!.port),
      d365: url(this.listeners.get('d365')!.port),
    };
  }

  requests(erp?: ErpName): SimulatorRequestLog[] {
    return this.log.filter((entry) => erp === undefined || entry.erp === erp);
  }

  stats(): Record<ErpName, SimulatorStats> {
    return Object.fromEntries(ERP_NAMES.map((erp) => [erp, { ...this.listeners.get(erp)!.stats }])) as Record<ErpName, SimulatorStats>;
  }

  outages(): Array<Outage & { until: string }> {
    return ERP_NAMES.flatMap((erp) => {
      const outage = this.listeners.get(erp)!.outage;
      if (!outage) return [];
      return [
        {
          erp,
          seconds: Math.max(0, Math.ceil((outage.until - Date.now()) / 1000)),
          mode: outage.mode,
          until: new Date(outage.until).toISOString(),
          ...(outage.retryAfterSeconds !== undefined ? { retryAfterSeconds: outage.retryAfterSeconds } : {}),
        },
      ];
    });
  }

  /** The ERP is down for `seconds`: its listener closes (connections refused) or it answers 503. */
  async startOutage(outage: Outage): Promise<void> {
    const listener = this.listeners.get(outage.erp)!;
    await this.endOutage(outage.erp);
    const timer = setTimeout(() => void this.endOutage(outage.erp), outage.seconds * 1000);
    timer.unref();
    listener.outage = {
      until: Date.now() + outage.seconds * 1000,
      mode: outage.mode,
      timer,
      ...(outage.retryAfterSeconds !== undefined ? { retryAfterSeconds: outage.retryAfterSeconds } : {}),
    };
    if (outage.mode === 'refuse-connections') await closeListener(listener.server, listener.sockets);
  }

  async endOutage(erp: ErpName): Promise<void> {
    const listener = this.listeners.get(erp)!;
    const outage = listener.outage;
    if (!outage) return;
    clearTimeout(outage.timer);
    listener.outage = undefined;
    if (outage.mode === 'refuse-connections') await listen(listener.server, this.settings.host, listener.port);
  }

  setClosedPeriods(erp: ErpName, periods: string[]): void {
    this.settings.closedPeriods[erp] = periods;
  }

  async close(): Promise<void> {
    for (const erp of ERP_NAMES) {
      const listener = this.listeners.get(erp)!;
      if (listener.outage) clearTimeout(listener.outage.timer);
      if (listener.server.listening) await closeListener(listener.server, listener.sockets);
    }
    if (this.admin) await closeListener(this.admin.server, this.admin.sockets);
    await this.sap.settled();
  }

  private async serve(erp: ErpName, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const listener = this.listeners.get(erp)!;
    const { endpoint, stats } = listener;
    const entry: SimulatorRequestLog = {
      erp,
      method: request.method ?? 'GET',
      path: (request.url ?? '/').split('?')[0],
      receivedAt: new Date().toISOString(),
      status: 'hung',
      direction: 'in',
    };
    this.record(entry);
    stats.requests += 1;
    stats.inFlight += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    response.on('close', () => {
      stats.inFlight -= 1;
    });
    let body: string;
    try {
      body = await readBody(request);
    } catch {
      this.answer(response, entry, { status: 413 });
      return;
    }
    const simRequest = { method: entry.method, url: new URL(request.url ?? '/', `http://${request.headers.host ?? '127.0.0.1'}`), headers: request.headers, body };
    if (listener.outage) {
      entry.fault = 'outage';
      const answer = endpoint.unavailable(503, `${erp} is unavailable (simulated outage)`);
      if (listener.outage.retryAfterSeconds !== undefined) answer.headers = { ...answer.headers, 'retry-after': String(listener.outage.retryAfterSeconds) };
      this.answer(response, entry, answer);
      return;
    }
    const token = endpoint.isTokenRequest(simRequest);
    const fault = token ? undefined : this.faults.takeRequestFault(erp, entry.method);
    if (fault) entry.fault = fault.kind;
    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'throttle' || fault?.kind === 'error') {
      const status = fault.kind === 'throttle' ? 429 : (fault.status ?? 500);
      const answer = endpoint.unavailable(status, fault.message ?? (status === 429 ? 'Too many requests (simulated)' : 'Internal error (simulated)'));
      if (fault.retryAfterSeconds !== undefined) answer.headers = { ...answer.headers, 'retry-after': String(fault.retryAfterSeconds) };
      this.answer(response, entry, answer);
      return;
    }
    if (fault?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (!token && endpoint.concurrencyLimit !== undefined && endpoint.overConcurrency && stats.inFlight > endpoint.concurrencyLimit) {
      entry.fault = 'concurrency-limit';
      this.answer(response, entry, endpoint.overConcurrency());
      return;
    }
    let answer: SimAnswer;
    try {
      answer = await endpoint.handle(simRequest);
    } catch (error) {
      answer = endpoint.unavailable(500, `simulator error: ${(error as Error).message}`);
    }
    if (fault?.kind === 'lose-response') {
      entry.status = 'lost';
      request.socket.destroy();
      return;
    }
    this.answer(response, entry, answer);
  }

  private answer(response: ServerResponse, entry: SimulatorRequestLog, answer: SimAnswer): void {
    entry.status = answer.status;
    if (response.destroyed) return;
    response.writeHead(answer.status, answer.headers ?? {});
    response.end(answer.body ?? '');
  }

  private record(entry: SimulatorRequestLog): void {
    this.log.push(entry);
    if (this.log.length > LOG_SIZE) this.log.splice(0, this.log.length - LOG_SIZE);
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new RangeError('body too large'));
        request.resume();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** Keeps the server's open connections in `sockets`, to drop them on an outage or close. */
function tracked(server: Server, sockets: Set<Socket>): Server {
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return server;
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Stops accepting and drops every open connection (kept-alive ones too), so clients see the host gone. */
function closeListener(server: Server, sockets: Set<Socket>): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    for (const socket of sockets) socket.destroy();
  });
}
