import type { IncomingMessage, ServerResponse } from 'node:http';
import { ERP_NAMES, type ErpName } from '../../ledger/chart-of-accounts/chart-of-accounts';
import { FaultInputError, readFault, type FaultBook, type Outage } from './simulator-faults';
import { isCalendarDate, type SimulatorRequestLog, type SimulatorStats } from './simulator-http';
import type { SimulatorLedger } from './simulator-ledger';
import type { ErpSimulatorSettings } from './simulator-settings';

/** Admin bodies are small. */
const MAX_ADMIN_BODY = 64 * 1024;

/** What the admin routes read and steer of the running simulator. */
export interface SimulatorControl {
  readonly ledger: SimulatorLedger;
  readonly faults: FaultBook;
  readonly urls: Record<ErpName | 'admin', string>;
  requests(erp?: ErpName): SimulatorRequestLog[];
  stats(): Record<ErpName, SimulatorStats>;
  outages(): Array<Outage & { until: string }>;
  startOutage(outage: Outage): Promise<void>;
  endOutage(erp: ErpName): Promise<void>;
  setClosedPeriods(erp: ErpName, periods: string[]): void;
}

class BadRequest extends Error {
  constructor(
    readonly code: 'VALIDATION_FAILED' | 'MALFORMED_BODY',
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

/**
 * The simulator's own API: its ledger to read (documents, balances per company, account and day)
 * and its faults, closed periods and request log to set and see. Errors have Ledgerbridge's shape.
 */
export class AdminRoutes {
  constructor(
    private readonly simulator: SimulatorControl,
    private readonly settings: ErpSimulatorSettings,
  ) {}

  async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://admin');
    const route = `${request.method} ${url.pathname}`;
    try {
      const body = await readJson(request);
      const [status, value] = await this.route(route, url.searchParams, body);
      send(response, status, value);
    } catch (error) {
      if (!(error instanceof BadRequest)) throw error;
      send(response, 400, { error: { status: 400, code: error.code, message: 'the request is invalid', fields: [{ path: error.path, reason: error.reason }] } });
    }
  }

  private async route(route: string, query: URLSearchParams, body: unknown): Promise<[number, unknown]> {
    switch (route) {
      case 'GET /health':
        return [200, { status: 'ok', urls: this.simulator.urls }];
      case 'GET /ledger/documents': {
        const filter = ledgerFilter(query);
        return [200, { documents: this.simulator.ledger.documents(filter) }];
      }
      case 'GET /ledger/balances':
        return [200, { balances: this.simulator.ledger.balances(ledgerFilter(query)) }];
      case 'GET /admin/faults':
        return [200, { faults: this.simulator.faults.list(), outages: this.simulator.outages() }];
      case 'POST /admin/faults': {
        let fault;
        try {
          fault = readFault(body);
        } catch (error) {
          if (error instanceof FaultInputError) throw new BadRequest('VALIDATION_FAILED', error.field, error.reason);
          throw error;
        }
        if ('seconds' in fault) {
          await this.simulator.startOutage(fault);
          return [201, { outage: fault }];
        }
        return [201, { fault: this.simulator.faults.add(fault) }];
      }
      case 'DELETE /admin/faults': {
        const erp = erpParameter(query, 'erp');
        this.simulator.faults.clear(erp);
        for (const each of erp === undefined ? ERP_NAMES : [erp]) await this.simulator.endOutage(each);
        return [204, undefined];
      }
      case 'GET /admin/requests':
        return [200, { requests: this.simulator.requests(erpParameter(query, 'erp')), stats: this.simulator.stats() }];
      case 'PUT /admin/closed-periods': {
        const input = (body ?? {}) as { erp?: unknown; periods?: unknown };
        if (!(ERP_NAMES as readonly unknown[]).includes(input.erp)) throw new BadRequest('VALIDATION_FAILED', 'erp', `must be one of ${ERP_NAMES.join(', ')}`);
        if (!Array.isArray(input.periods) || !input.periods.every((p) => typeof p === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(p)))
          throw new BadRequest('VALIDATION_FAILED', 'periods', 'must be a list of periods YYYY-MM');
        this.simulator.setClosedPeriods(input.erp as ErpName, input.periods as string[]);
        return [200, { erp: input.erp, periods: this.settings.closedPeriods[input.erp as ErpName] }];
      }
      default:
        return [404, { error: { status: 404, code: 'NOT_FOUND', message: `no route ${route}` } }];
    }
  }
}

function ledgerFilter(query: URLSearchParams) {
  const erp = erpParameter(query, 'erp');
  const date = (name: string) => {
    const value = query.get(name);
    if (value === null) return undefined;
    if (!isCalendarDate(value)) throw new BadRequest('VALIDATION_FAILED', name, 'must be a date YYYY-MM-DD');
    return value;
  };
  const text = (name: string) => query.get(name) ?? undefined;
  return { erp, company: text('company'), account: text('account'), from: date('from'), to: date('to') };
}

function erpParameter(query: URLSearchParams, name: string): ErpName | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  if (!(ERP_NAMES as readonly string[]).includes(value)) throw new BadRequest('VALIDATION_FAILED', name, `must be one of ${ERP_NAMES.join(', ')}`);
  return value as ErpName;
}

function readJson(request: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_ADMIN_BODY) chunks.push(chunk);
    });
    request.on('end', () => {
      if (size > MAX_ADMIN_BODY) return reject(new BadRequest('MALFORMED_BODY', 'body', `must be at most ${MAX_ADMIN_BODY} bytes`));
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') return resolve(undefined);
      try {
        resolve(JSON.parse(text));
      } catch (error) {
        reject(new BadRequest('MALFORMED_BODY', 'body', `is not JSON: ${(error as Error).message}`));
      }
    });
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, value: unknown): void {
  if (status === 204) {
    response.writeHead(204).end();
    return;
  }
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(value));
}
