import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadChartOfAccounts, SHIPPED_CHART_OF_ACCOUNTS } from '../../src/config/chart-of-accounts/chart-of-accounts.file';
import type { BatchExportInput } from '../../src/erp/batch-export';
import type { ErpResilienceSettings } from '../../src/erp/connector/erp-target-resilience';
import { parseErpTargets, type ErpTargetSettings } from '../../src/erp/connector/erp-target-settings';
import { ErpSimulator } from '../../src/erp/simulator/erp-simulator';
import type { ErpSimulatorSettings } from '../../src/erp/simulator/simulator-settings';
import type { ErpName } from '../../src/ledger/chart-of-accounts/chart-of-accounts';
import { batchHarness } from '../projections/posting-batches/batch-harness';
import { EXAMPLE_DATE, workedExampleCommands } from '../projections/posting-batches/worked-example';

/** Timings small enough for tests; what a test checks is order, never speed. */
export const FAST: ErpResilienceSettings = {
  requestTimeoutMs: 1000,
  retries: 2,
  backoffInitialMs: 20,
  backoffMaxMs: 100,
  maxRetryAfterMs: 5000,
  breakAfterFailures: 3,
  halfOpenAfterMs: 300,
  halfOpenMaxMs: 1000,
  maxInFlight: 2,
  maxQueued: 20,
};

/** The worked example's batch (5 entries, 16 lines, USD, US01), closed through the real journal and batch closer. */
export async function workedExampleBatch(label: string): Promise<BatchExportInput> {
  const harness = await batchHarness(label);
  try {
    await harness.send('o-1001', ...workedExampleCommands('o-1001'));
    const closed = await harness.closer.close('US01', EXAMPLE_DATE);
    const recorded = harness.queries.find(closed.batchId)!;
    return { batch: { ...recorded, closedAt: '2026-11-28T23:00:00.000Z' }, entries: harness.queries.entriesOf(recorded), chart: loadChartOfAccounts(SHIPPED_CHART_OF_ACCOUNTS) };
  } finally {
    await harness.close();
  }
}

/** The same entries as another batch of the day: other ids, so other ERP keys. */
export function asBatch(input: BatchExportInput, sequence: number): BatchExportInput {
  return { ...input, batch: { ...input.batch, batchId: `US01-${EXAMPLE_DATE}-${sequence}`, sequence } };
}

/** A confirmation SAP POSTed to Ledgerbridge's callback. */
export interface ReceivedConfirmation {
  authorization: string | undefined;
  body: string;
}

/** Stands in for Ledgerbridge's SAP callback route: keeps what arrives, answers 200. */
export async function startSapCallback(): Promise<{
  url: string;
  received: ReceivedConfirmation[];
  next(matches: (c: ReceivedConfirmation) => boolean, after?: number): Promise<ReceivedConfirmation>;
  close(): Promise<void>;
}> {
  const received: ReceivedConfirmation[] = [];
  const waiting: Array<{ matches: (c: ReceivedConfirmation) => boolean; after: number; resolve: (c: ReceivedConfirmation) => void }> = [];
  const found = (matches: (c: ReceivedConfirmation) => boolean, after: number) => received.slice(after).find(matches);
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ authorization: request.headers.authorization, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(200).end();
      for (const waiter of waiting.splice(0)) {
        const confirmation = found(waiter.matches, waiter.after);
        if (confirmation) waiter.resolve(confirmation);
        else waiting.push(waiter);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sap/confirmations`,
    received,
    /** Resolves with the first confirmation that matches among those received after the first `after`. */
    next(matches, after = 0) {
      const confirmation = found(matches, after);
      if (confirmation) return Promise.resolve(confirmation);
      return new Promise((resolve) => waiting.push({ matches, after, resolve }));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const SAP_CALLBACK_CREDENTIALS = { user: 'SAP_OUTBOUND', password: 'callback-secret-1' };

/** An RSA key pair for NetSuite's OAuth 2.0 client credentials (the certificate's key). */
export const M2M_KEYS = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});

/** Simulator settings with test credentials on free ports of 127.0.0.1. */
export function simulatorSettings(callbackUrl?: string): ErpSimulatorSettings {
  return {
    host: '127.0.0.1',
    ports: { admin: 0, sap: 0, netsuite: 0, d365: 0 },
    chart: loadChartOfAccounts(SHIPPED_CHART_OF_ACCOUNTS),
    closedPeriods: { sap: [], netsuite: [], d365: [] },
    sap: { user: 'LB_COMM', password: 'sap-secret-1', ...(callbackUrl ? { callback: { url: callbackUrl, ...SAP_CALLBACK_CREDENTIALS } } : {}) },
    netsuite: {
      accountId: '1234567_SB1',
      tba: { consumerKey: 'ck-test', consumerSecret: 'cs-secret-1', tokenId: 'tk-test', tokenSecret: 'ts-secret-1' },
      m2m: { clientId: 'm2m-client', certificateId: 'cert-1', publicKeyPem: M2M_KEYS.publicKey },
      concurrencyLimit: 5,
    },
    d365: { tenant: 'contoso', clientId: 'd365-app', clientSecret: 'd365-secret-1', tokenLifetimeSeconds: 3599 },
  };
}

/** A simulated ERP's target as ERP_TARGETS writes it, without resilience or company codes. */
function targetDocument(simulator: ErpSimulator, erp: ErpName): Record<string, unknown> {
  const urls = simulator.urls;
  const documents: Record<ErpName, Record<string, unknown>> = {
    sap: {
      erp: 'sap',
      target: 'sap',
      url: urls.sap,
      user: 'LB_COMM',
      password: 'sap-secret-1',
      callbackUser: SAP_CALLBACK_CREDENTIALS.user,
      callbackPassword: SAP_CALLBACK_CREDENTIALS.password,
    },
    netsuite: {
      erp: 'netsuite',
      target: 'netsuite',
      url: urls.netsuite,
      accountId: '1234567_SB1',
      auth: { kind: 'tba', consumerKey: 'ck-test', consumerSecret: 'cs-secret-1', tokenId: 'tk-test', tokenSecret: 'ts-secret-1' },
    },
    d365: { erp: 'd365', target: 'd365', url: urls.d365, tokenUrl: `${urls.d365}/contoso/oauth2/v2.0/token`, clientId: 'd365-app', clientSecret: 'd365-secret-1' },
  };
  return documents[erp];
}

/** Target settings for each simulated ERP, read through the real settings parser. */
export function targetSettings<E extends ErpName>(
  simulator: ErpSimulator,
  erp: E,
  resilience: Partial<ErpResilienceSettings> = {},
  overrides: Record<string, unknown> = {},
): Extract<ErpTargetSettings, { erp: E }> {
  return parseErpTargets([{ ...targetDocument(simulator, erp), ...overrides, resilience: { ...FAST, ...resilience } }], 'test')[0] as Extract<ErpTargetSettings, { erp: E }>;
}

/** ERP_TARGETS for the service: the three simulated ERPs, each receiving US01's batches. */
export function simulatedErpTargets(simulator: ErpSimulator, resilience: Partial<ErpResilienceSettings> = {}): string {
  return JSON.stringify(
    (['sap', 'netsuite', 'd365'] as const).map((erp) => ({ ...targetDocument(simulator, erp), resilience: { ...FAST, ...resilience }, companyCodes: ['US01'] })),
  );
}

/** The simulator's admin API, as a test drives it. */
export function simulatorAdmin(simulator: ErpSimulator) {
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${simulator.urls.admin}${path}`, {
      method,
      ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
  };
  return {
    call,
    async fault(fault: Record<string, unknown>): Promise<void> {
      const { status, body } = await call('POST', '/admin/faults', fault);
      if (status !== 201) throw new Error(`fault refused: ${JSON.stringify(body)}`);
    },
    clearFaults: () => call('DELETE', '/admin/faults'),
    async documents(erp: ErpName): Promise<Array<{ documentNumber: string; key: string; lines: unknown[] }>> {
      return (await call('GET', `/ledger/documents?erp=${erp}`)).body.documents;
    },
    async requests(erp: ErpName): Promise<Array<{ method: string; path: string; receivedAt: string; status: number | string; fault?: string; direction: string }>> {
      return (await call('GET', `/admin/requests?erp=${erp}`)).body.requests;
    },
  };
}
