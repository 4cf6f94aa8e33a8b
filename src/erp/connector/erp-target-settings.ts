import { ERP_NAMES, type ErpName } from '../../ledger/chart-of-accounts/chart-of-accounts';
import { DEFAULT_ERP_RESILIENCE, type ErpResilienceSettings } from './erp-target-resilience';
import { Secret } from './secret';

interface TargetSettings {
  /** The target's name, unique among the targets (`sap`, `netsuite-eu` ...). */
  target: string;
  /** The ERP's base URL: SAP's API host, NetSuite's `https://<account>.suitetalk.api.netsuite.com`, D365's environment URL. */
  url: string;
  resilience: ErpResilienceSettings;
}

export interface SapTargetSettings extends TargetSettings {
  erp: 'sap';
  /** The communication user of the arrangement (SAP_COM_0002), by basic authentication. */
  user: string;
  password: Secret;
  /** What SAP presents when it POSTs a confirmation to Ledgerbridge's callback. */
  callbackUser: string;
  callbackPassword: Secret;
}

export type NetSuiteAuth =
  /** Token-based authentication (OAuth 1.0a, HMAC-SHA256). */
  | { kind: 'tba'; consumerKey: string; consumerSecret: Secret; tokenId: string; tokenSecret: Secret }
  /** OAuth 2.0 client credentials (machine to machine): a PS256 JWT assertion signed with the certificate's private key. */
  | { kind: 'm2m'; clientId: string; certificateId: string; privateKey: Secret; tokenUrl: string };

export interface NetSuiteTargetSettings extends TargetSettings {
  erp: 'netsuite';
  /** As in the OAuth realm: `1234567` or `1234567_SB1`. */
  accountId: string;
  auth: NetSuiteAuth;
}

export interface D365TargetSettings extends TargetSettings {
  erp: 'd365';
  /** Microsoft Entra ID's `https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token`. */
  tokenUrl: string;
  clientId: string;
  clientSecret: Secret;
  /** Default `<url>/.default`. */
  scope: string;
}

export type ErpTargetSettings = SapTargetSettings | NetSuiteTargetSettings | D365TargetSettings;

/** The targets' settings are unusable; the message lists every problem with its path, never a secret. */
export class ErpTargetSettingsError extends Error {
  override readonly name = 'ErpTargetSettingsError';
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`ERP targets in ${source} are invalid:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

type Problems = string[];
type Fields = Record<string, unknown>;

const TARGET_NAME = /^[a-z0-9][a-z0-9-]{0,31}$/;
const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads the targets from a JSON document (an array, e.g. the ERP_TARGETS setting). Secrets become
 * Secret values at once, so nothing downstream can print them.
 */
export function parseErpTargets(document: unknown, source: string): ErpTargetSettings[] {
  const problems: Problems = [];
  if (!Array.isArray(document)) throw new ErpTargetSettingsError(source, ['must be a JSON array of targets']);
  const targets = document.map((value, index) => target(value, `[${index}]`, problems));
  const seen = new Set<string>();
  targets.forEach((settings, index) => {
    if (settings && seen.has(settings.target)) problems.push(`[${index}].target: "${settings.target}" is used twice`);
    if (settings) seen.add(settings.target);
  });
  if (problems.length > 0) throw new ErpTargetSettingsError(source, problems);
  return targets as ErpTargetSettings[];
}

function target(value: unknown, path: string, problems: Problems): ErpTargetSettings | undefined {
  if (!isObject(value)) {
    problems.push(`${path}: must be an object`);
    return undefined;
  }
  const erp = value.erp;
  if (typeof erp !== 'string' || !(ERP_NAMES as readonly string[]).includes(erp)) {
    problems.push(`${path}.erp: must be one of ${ERP_NAMES.join(', ')}`);
    return undefined;
  }
  const read = reader(value, path, problems);
  const common = {
    target: read.text('target', TARGET_NAME, 'lower-case letters, digits and -, at most 32'),
    url: read.url('url'),
    resilience: resilience(value.resilience, `${path}.resilience`, problems),
  };
  switch (erp as ErpName) {
    case 'sap':
      read.only(['erp', 'target', 'url', 'resilience', 'user', 'password', 'callbackUser', 'callbackPassword']);
      return {
        erp: 'sap',
        ...common,
        user: read.text('user'),
        password: read.secret('password'),
        callbackUser: read.text('callbackUser'),
        callbackPassword: read.secret('callbackPassword'),
      };
    case 'netsuite':
      read.only(['erp', 'target', 'url', 'resilience', 'accountId', 'auth']);
      return {
        erp: 'netsuite',
        ...common,
        accountId: read.text('accountId', /^[A-Za-z0-9_-]+$/, 'letters, digits, _ and -'),
        auth: netsuiteAuth(value.auth, `${path}.auth`, common.url, problems),
      };
    case 'd365':
      read.only(['erp', 'target', 'url', 'resilience', 'tokenUrl', 'clientId', 'clientSecret', 'scope']);
      return {
        erp: 'd365',
        ...common,
        tokenUrl: read.url('tokenUrl'),
        clientId: read.text('clientId'),
        clientSecret: read.secret('clientSecret'),
        scope: value.scope === undefined ? `${common.url.replace(/\/+$/, '')}/.default` : read.text('scope'),
      };
  }
}

function netsuiteAuth(value: unknown, path: string, url: string, problems: Problems): NetSuiteAuth {
  if (!isObject(value) || (value.kind !== 'tba' && value.kind !== 'm2m')) {
    problems.push(`${path}: must be {"kind": "tba", ...} or {"kind": "m2m", ...}`);
    return { kind: 'tba', consumerKey: '', consumerSecret: new Secret(''), tokenId: '', tokenSecret: new Secret('') };
  }
  const read = reader(value, path, problems);
  if (value.kind === 'tba') {
    read.only(['kind', 'consumerKey', 'consumerSecret', 'tokenId', 'tokenSecret']);
    return {
      kind: 'tba',
      consumerKey: read.text('consumerKey'),
      consumerSecret: read.secret('consumerSecret'),
      tokenId: read.text('tokenId'),
      tokenSecret: read.secret('tokenSecret'),
    };
  }
  read.only(['kind', 'clientId', 'certificateId', 'privateKey', 'tokenUrl']);
  return {
    kind: 'm2m',
    clientId: read.text('clientId'),
    certificateId: read.text('certificateId'),
    privateKey: read.secret('privateKey'),
    tokenUrl: value.tokenUrl === undefined ? `${url.replace(/\/+$/, '')}/services/rest/auth/oauth2/v1/token` : read.url('tokenUrl'),
  };
}

function resilience(value: unknown, path: string, problems: Problems): ErpResilienceSettings {
  const settings = { ...DEFAULT_ERP_RESILIENCE };
  if (value === undefined) return settings;
  if (!isObject(value)) {
    problems.push(`${path}: must be an object`);
    return settings;
  }
  for (const key of Object.keys(value).sort()) {
    if (!Object.hasOwn(DEFAULT_ERP_RESILIENCE, key)) {
      problems.push(`${path}.${key}: unknown field`);
      continue;
    }
    const number = value[key];
    const least = key === 'retries' || key === 'maxQueued' ? 0 : 1;
    if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < least) problems.push(`${path}.${key}: must be a whole number >= ${least}`);
    else settings[key as keyof ErpResilienceSettings] = number;
  }
  if (settings.halfOpenMaxMs < settings.halfOpenAfterMs) problems.push(`${path}.halfOpenMaxMs: must not be below halfOpenAfterMs`);
  if (settings.backoffMaxMs < settings.backoffInitialMs) problems.push(`${path}.backoffMaxMs: must not be below backoffInitialMs`);
  return settings;
}

function reader(value: Fields, path: string, problems: Problems) {
  return {
    only(allowed: string[]): void {
      for (const key of Object.keys(value).sort()) if (!allowed.includes(key)) problems.push(`${path}.${key}: unknown field`);
    },
    text(key: string, pattern = /^\S(.*\S)?$/, rule = 'a non-empty string without surrounding blanks'): string {
      const text = value[key];
      if (typeof text === 'string' && pattern.test(text)) return text;
      problems.push(`${path}.${key}: must be ${rule}`);
      return '';
    },
    /** Only ever says what is wrong with a secret, never echoes it. */
    secret(key: string): Secret {
      const text = value[key];
      if (typeof text === 'string' && text !== '') return new Secret(text);
      problems.push(`${path}.${key}: must be a non-empty string`);
      return new Secret('');
    },
    url(key: string): string {
      const text = value[key];
      let parsed: URL | undefined;
      try {
        parsed = typeof text === 'string' ? new URL(text) : undefined;
      } catch {
        parsed = undefined;
      }
      if (parsed && (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.username === '' && parsed.password === '' && parsed.search === '')
        return (text as string).replace(/\/+$/, '');
      problems.push(`${path}.${key}: must be an http(s) URL without credentials or query`);
      return '';
    },
  };
}
