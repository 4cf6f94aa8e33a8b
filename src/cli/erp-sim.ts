import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadChartOfAccounts, SHIPPED_CHART_OF_ACCOUNTS } from '../config/chart-of-accounts/chart-of-accounts.file';
import { ErpSimulator } from '../erp/simulator/erp-simulator';
import { DEVELOPMENT_CREDENTIALS, type ErpSimulatorSettings } from '../erp/simulator/simulator-settings';

const USAGE = `usage: npm run erp-sim -- [--port 4400] [--host 127.0.0.1] [--chart config/chart-of-accounts.json]
                       [--config erp-sim.json] [--sap-callback-url http://127.0.0.1:3000/...]

Simulates SAP S/4HANA (journal entry SOAP, asynchronous), NetSuite (REST journalentry) and
Dynamics 365 Finance (OData general journal) for Ledgerbridge's connectors. Admin and ledger on
--port, SAP on port+1, NetSuite on port+2, D365 on port+3 (each its own host, so an outage can
refuse connections). --config is a JSON file overriding the development credentials, e.g.
{"sap":{"user":"...","password":"...","callback":{"url":"...","user":"...","password":"..."}},
 "netsuite":{"accountId":"...","tba":{...},"m2m":{"clientId":"...","certificateId":"...","publicKeyFile":"cert.pem"},"concurrencyLimit":5},
 "d365":{"tenant":"...","clientId":"...","clientSecret":"...","tokenLifetimeSeconds":3599},
 "closedPeriods":{"sap":["2026-10"]}}
Environment: ERP_SIM_PORT, ERP_SIM_HOST, ERP_SIM_CONFIG, ERP_SIM_SAP_CALLBACK_URL (flags win).`;

class UsageError extends Error {}

function settingsFrom(argv: string[], env: NodeJS.ProcessEnv): ErpSimulatorSettings {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: env.ERP_SIM_PORT ?? '4400' },
      host: { type: 'string', default: env.ERP_SIM_HOST ?? '127.0.0.1' },
      chart: { type: 'string', default: SHIPPED_CHART_OF_ACCOUNTS },
      config: { type: 'string', default: env.ERP_SIM_CONFIG },
      'sap-callback-url': { type: 'string', default: env.ERP_SIM_SAP_CALLBACK_URL },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65532) throw new UsageError(`--port must be 1-65532 (the ERPs take the next three), got "${values.port}"`);
  const config = values.config === undefined ? {} : readConfig(resolve(values.config));
  const m2m = config.netsuite?.m2m;
  const settings: ErpSimulatorSettings = {
    host: values.host,
    ports: { admin: port, sap: port + 1, netsuite: port + 2, d365: port + 3 },
    chart: loadChartOfAccounts(resolve(values.chart)),
    closedPeriods: { sap: [], netsuite: [], d365: [], ...config.closedPeriods },
    sap: { ...DEVELOPMENT_CREDENTIALS.sap, ...config.sap },
    netsuite: {
      accountId: config.netsuite?.accountId ?? DEVELOPMENT_CREDENTIALS.netsuite.accountId,
      concurrencyLimit: config.netsuite?.concurrencyLimit ?? DEVELOPMENT_CREDENTIALS.netsuite.concurrencyLimit,
      tba: { ...DEVELOPMENT_CREDENTIALS.netsuite.tba, ...config.netsuite?.tba },
      ...(m2m ? { m2m: { clientId: m2m.clientId, certificateId: m2m.certificateId, publicKeyPem: readFileSync(resolve(m2m.publicKeyFile), 'utf8') } } : {}),
    },
    d365: { ...DEVELOPMENT_CREDENTIALS.d365, ...config.d365 },
  };
  const callbackUrl = values['sap-callback-url'];
  if (callbackUrl !== undefined) settings.sap.callback = { ...DEVELOPMENT_CREDENTIALS.sapCallback, ...settings.sap.callback, url: callbackUrl };
  return settings;
}

interface SimulatorConfig {
  closedPeriods?: Partial<ErpSimulatorSettings['closedPeriods']>;
  sap?: Partial<ErpSimulatorSettings['sap']>;
  netsuite?: Partial<Omit<ErpSimulatorSettings['netsuite'], 'm2m' | 'tba'>> & {
    tba?: Partial<ErpSimulatorSettings['netsuite']['tba']>;
    m2m?: { clientId: string; certificateId: string; publicKeyFile: string };
  };
  d365?: Partial<ErpSimulatorSettings['d365']>;
}

function readConfig(file: string): SimulatorConfig {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`--config ${file}: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError(`--config ${file}: must be a JSON object`);
  for (const key of Object.keys(value)) if (!['closedPeriods', 'sap', 'netsuite', 'd365'].includes(key)) throw new UsageError(`--config ${file}: unknown field ${key}`);
  return value;
}

async function main(): Promise<void> {
  let settings: ErpSimulatorSettings;
  try {
    settings = settingsFrom(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(`erp-sim: ${(error as Error).message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  const simulator = await ErpSimulator.start(settings);
  process.stdout.write(`${JSON.stringify({ erpSimulator: simulator.urls, sapCallback: settings.sap.callback?.url ?? null })}\n`);
  const stop = () => void simulator.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
