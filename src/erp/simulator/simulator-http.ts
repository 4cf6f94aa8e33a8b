import type { IncomingHttpHeaders } from 'node:http';
import type { ErpName } from '../../ledger/chart-of-accounts/chart-of-accounts';

export interface SimRequest {
  method: string;
  /** Absolute, with the host the client addressed (what it signed, what Location headers point at). */
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface SimAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/** One simulated ERP on its own listener. */
export interface ErpEndpoint {
  readonly erp: ErpName;
  /** The identity provider's token route served on this host: faults leave it alone. */
  isTokenRequest(request: SimRequest): boolean;
  handle(request: SimRequest): Promise<SimAnswer>;
  /** A 429 or 5xx as this ERP words it. */
  unavailable(status: number, message: string): SimAnswer;
  /** More requests at once than this are turned away with overConcurrency() (NetSuite's account limit). */
  readonly concurrencyLimit?: number;
  overConcurrency?(): SimAnswer;
}

export const json = (status: number, value: unknown, contentType = 'application/json; charset=utf-8'): SimAnswer => ({
  status,
  headers: { 'content-type': contentType },
  body: JSON.stringify(value),
});

/** `YYYY-MM-DD` that is a real calendar day. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** One request the simulator saw (or a confirmation it sent), for tests and operators. */
export interface SimulatorRequestLog {
  erp: ErpName;
  method: string;
  path: string;
  receivedAt: string;
  /** The status answered; `hung`: never answered; `lost`: processed, then the connection dropped; `callback`: a confirmation SAP sent out. */
  status: number | 'hung' | 'lost' | 'callback-failed';
  fault?: string;
  direction: 'in' | 'callback';
}

export interface SimulatorStats {
  requests: number;
  inFlight: number;
  /** The most requests this ERP had in flight at once. */
  maxInFlight: number;
}
