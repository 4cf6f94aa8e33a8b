import type { ChartOfAccounts, ErpName } from '../../ledger/chart-of-accounts/chart-of-accounts';

/** What the simulator expects of its clients and where it sends SAP's confirmations. */
export interface ErpSimulatorSettings {
  host: string;
  /** One listener per ERP (its own host, as in reality, so an outage can refuse connections) and one for admin and the ledger; 0: any free port. */
  ports: { admin: number; sap: number; netsuite: number; d365: number };
  /** Accounts, company codes, subsidiaries and legal entities the simulated ERPs know. */
  chart: ChartOfAccounts;
  /** Posting periods (`YYYY-MM`) closed per ERP; every other period is open. */
  closedPeriods: Record<ErpName, string[]>;
  sap: {
    user: string;
    password: string;
    /** Where the JournalEntryBulkCreateConfirmation goes (the communication system's host and path), with the outbound user; none: kept, never sent. */
    callback?: { url: string; user: string; password: string };
  };
  netsuite: {
    /** The OAuth realm, e.g. `1234567_SB1`. */
    accountId: string;
    tba: { consumerKey: string; consumerSecret: string; tokenId: string; tokenSecret: string };
    /** OAuth 2.0 client credentials: the client and the certificate (public key PEM) its assertions are checked with; none: TBA only. */
    m2m?: { clientId: string; certificateId: string; publicKeyPem: string };
    /** Requests at once before NetSuite answers 429 CONCURRENCY_LIMIT_EXCEEDED (the account's concurrency limit). */
    concurrencyLimit: number;
  };
  d365: {
    tenant: string;
    clientId: string;
    clientSecret: string;
    /** Seconds a bearer token lives. */
    tokenLifetimeSeconds: number;
  };
}

/** Development credentials for `npm run erp-sim`; README lists them. Tests bring their own. */
export const DEVELOPMENT_CREDENTIALS = {
  sap: { user: 'LEDGERBRIDGE', password: 'sap-dev-password' },
  /** What the simulated SAP presents to Ledgerbridge's confirmation callback. */
  sapCallback: { user: 'SAP_OUTBOUND', password: 'sap-outbound-dev-password' },
  netsuite: {
    accountId: '1234567_SB1',
    tba: { consumerKey: 'dev-consumer-key', consumerSecret: 'dev-consumer-secret', tokenId: 'dev-token-id', tokenSecret: 'dev-token-secret' },
    concurrencyLimit: 5,
  },
  d365: { tenant: 'ledgerbridge-dev', clientId: 'dev-client-id', clientSecret: 'dev-client-secret', tokenLifetimeSeconds: 3599 },
} as const;
