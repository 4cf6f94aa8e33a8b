import { randomBytes } from 'node:crypto';
import { isLosslessNumber, parse } from 'lossless-json';
import { currencyCode, minorUnitsFromDecimal } from '../../money';
import { decimalJson, JsonDecimal, type JsonValue } from '../decimal-json';
import { decimalText } from '../erp-amount';
import { assertionProblem, CLIENT_ASSERTION_TYPE } from '../netsuite/netsuite-m2m';
import { NETSUITE_JOURNAL_ENTRY_PATH, NETSUITE_TOKEN_PATH, netsuiteError, type NetSuiteErrorDetail } from '../netsuite/netsuite-rest';
import { readTbaAuthorization, sameSignature, tbaBaseString, tbaSignature, type TbaParameters } from '../netsuite/netsuite-tba';
import type { ErpCharts } from './simulator-chart';
import type { FaultBook } from './simulator-faults';
import { isCalendarDate, json, type ErpEndpoint, type SimAnswer, type SimRequest } from './simulator-http';
import type { SimulatorDocument, SimulatorLedger, SimulatorLine } from './simulator-ledger';
import type { ErpSimulatorSettings } from './simulator-settings';

const EXTERNAL_ID = /^[A-Za-z0-9_-]+$/;
/** How far a TBA timestamp may be from the simulator's clock. */
const CLOCK_SKEW_SECONDS = 300;
const ERROR_TYPE = 'application/vnd.oracle.resource+json; type=error';

type Fields = Record<string, unknown>;

interface JournalEntryRecord {
  id: string;
  externalId: string;
  tranId: string;
  subsidiary: string;
  currency: string;
  tranDate: string;
  memo: string;
  document: SimulatorDocument;
}

class Refusal extends Error {
  constructor(
    readonly code: 'INVALID_CONTENT' | 'USER_ERROR',
    readonly path: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

/**
 * NetSuite's REST record service for `journalentry`: upsert by external id
 * (`PUT .../journalentry/eid:<id>`, lines replaced with `?replace=line`, appended without),
 * 204 with Location, and GET by internal or external id for the tranId. Authentication by TBA
 * (OAuth 1.0a HMAC-SHA256, signature, realm, timestamp and nonce checked) or by a bearer token
 * from the OAuth 2.0 client-credentials endpoint (a PS256 JWT assertion).
 */
export class NetSuiteEndpoint implements ErpEndpoint {
  readonly erp = 'netsuite' as const;
  readonly concurrencyLimit: number;
  private readonly records = new Map<string, JournalEntryRecord>();
  private readonly byExternalId = new Map<string, JournalEntryRecord>();
  private readonly tranIds = new Map<string, number>();
  private readonly nonces = new Map<string, number>();
  private readonly tokens = new Map<string, number>();
  private nextId = 1000;

  constructor(
    private readonly settings: ErpSimulatorSettings,
    private readonly charts: ErpCharts,
    private readonly ledger: SimulatorLedger,
    private readonly faults: FaultBook,
    private readonly now: () => number = Date.now,
  ) {
    this.concurrencyLimit = settings.netsuite.concurrencyLimit;
  }

  isTokenRequest(request: SimRequest): boolean {
    return request.url.pathname === NETSUITE_TOKEN_PATH;
  }

  async handle(request: SimRequest): Promise<SimAnswer> {
    if (this.isTokenRequest(request)) return this.token(request);
    const login = this.loginProblem(request);
    if (login !== null) {
      return {
        ...error(401, 'Unauthorized', [
          {
            detail: 'Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI at Setup > Users/Roles > User Management > View Login Audit Trail.',
            'o:errorCode': 'INVALID_LOGIN',
          },
        ]),
        headers: { 'content-type': ERROR_TYPE, 'www-authenticate': `OAuth realm="${this.settings.netsuite.accountId}", error="token_rejected", error_description="${login}"` },
      };
    }
    const path = request.url.pathname;
    if (!path.toLowerCase().startsWith(`${NETSUITE_JOURNAL_ENTRY_PATH}/`))
      return error(404, 'Not Found', [{ detail: `Record type or path ${path} is not served by the simulator.`, 'o:errorCode': 'INVALID_URL' }]);
    const id = decodeURIComponent(path.slice(NETSUITE_JOURNAL_ENTRY_PATH.length + 1));
    if (request.method === 'PUT' && id.startsWith('eid:')) return this.upsert(request, id.slice(4));
    if (request.method === 'GET') return this.read(request, id);
    return error(405, 'Method Not Allowed', [
      { detail: `${request.method} ${path} is not supported; upsert with PUT .../journalentry/eid:<externalId>.`, 'o:errorCode': 'INVALID_REQUEST' },
    ]);
  }

  unavailable(status: number, message: string): SimAnswer {
    return error(status, status === 429 ? 'Too Many Requests' : 'Service Unavailable', [
      { detail: message, 'o:errorCode': status === 429 ? 'CONCURRENCY_LIMIT_EXCEEDED' : 'UNEXPECTED_ERROR' },
    ]);
  }

  overConcurrency(): SimAnswer {
    return this.unavailable(429, 'Concurrent request limit exceeded. Request blocked.');
  }

  private token(request: SimRequest): SimAnswer {
    const form = new URLSearchParams(request.body);
    const m2m = this.settings.netsuite.m2m;
    const refused = (description: string) => json(400, { error: 'invalid_client', error_description: description });
    if (request.method !== 'POST' || form.get('grant_type') !== 'client_credentials' || form.get('client_assertion_type') !== CLIENT_ASSERTION_TYPE)
      return json(400, { error: 'invalid_request', error_description: 'expected grant_type=client_credentials with a JWT client_assertion' });
    if (!m2m) return refused('machine-to-machine is not set up for this account');
    const problem = assertionProblem(form.get('client_assertion') ?? '', {
      ...m2m,
      audience: `${request.url.origin}${NETSUITE_TOKEN_PATH}`,
      nowSeconds: Math.floor(this.now() / 1000),
    });
    if (problem !== null) return refused(problem);
    const token = randomBytes(24).toString('base64url');
    this.tokens.set(token, this.now() + 3600_000);
    return json(200, { access_token: token, expires_in: '3600', token_type: 'Bearer' });
  }

  /** Why the request's credentials fail, or null. */
  private loginProblem(request: SimRequest): string | null {
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const expires = this.tokens.get(header.slice(7));
      return expires !== undefined && expires > this.now() ? null : 'Invalid or expired access token.';
    }
    const oauth = readTbaAuthorization(header);
    const tba = this.settings.netsuite.tba;
    if (!oauth) return 'No OAuth authorization.';
    if (oauth.realm !== this.settings.netsuite.accountId) return 'Invalid realm.';
    if (oauth.oauth_consumer_key !== tba.consumerKey || oauth.oauth_token !== tba.tokenId) return 'Invalid consumer key or token.';
    if (oauth.oauth_signature_method !== 'HMAC-SHA256' || oauth.oauth_version !== '1.0') return 'Signature method must be HMAC-SHA256.';
    const nowSeconds = Math.floor(this.now() / 1000);
    const timestamp = Number(oauth.oauth_timestamp);
    if (!Number.isInteger(timestamp) || Math.abs(timestamp - nowSeconds) > CLOCK_SKEW_SECONDS) return 'Timestamp out of range.';
    for (const [nonce, at] of this.nonces) if (at < nowSeconds - 2 * CLOCK_SKEW_SECONDS) this.nonces.delete(nonce);
    if (!oauth.oauth_nonce || this.nonces.has(oauth.oauth_nonce)) return 'Nonce already used.';
    const parameters: TbaParameters = {
      oauth_consumer_key: oauth.oauth_consumer_key,
      oauth_token: oauth.oauth_token,
      oauth_signature_method: 'HMAC-SHA256',
      oauth_timestamp: oauth.oauth_timestamp,
      oauth_nonce: oauth.oauth_nonce,
      oauth_version: '1.0',
    };
    const expected = tbaSignature(tbaBaseString(request.method, request.url.href, parameters), tba.consumerSecret, tba.tokenSecret);
    if (!sameSignature(expected, oauth.oauth_signature ?? '')) return 'Invalid signature.';
    this.nonces.set(oauth.oauth_nonce, timestamp);
    return null;
  }

  private upsert(request: SimRequest, externalId: string): SimAnswer {
    if (!EXTERNAL_ID.test(externalId))
      return error(400, 'Bad Request', [{ detail: `Invalid external ID ${externalId}: use letters, numbers, underscore and hyphen only.`, 'o:errorCode': 'INVALID_ID' }]);
    let body: unknown;
    try {
      body = parse(request.body);
    } catch (failure) {
      return error(400, 'Bad Request', [{ detail: `Invalid JSON: ${(failure as Error).message}`, 'o:errorCode': 'INVALID_CONTENT' }]);
    }
    let checked: { record: Omit<JournalEntryRecord, 'id' | 'tranId' | 'document'>; lines: SimulatorLine[] };
    try {
      checked = this.check(body, externalId);
    } catch (refusal) {
      if (!(refusal instanceof Refusal)) throw refusal;
      return error(400, 'Bad Request', [
        { detail: `Error while accessing a resource. ${refusal.message}`, 'o:errorCode': refusal.code, ...(refusal.path ? { 'o:errorPath': refusal.path } : {}) },
      ]);
    }
    const existing = this.byExternalId.get(externalId);
    const replace = request.url.searchParams.get('replace')?.split(',').includes('line') ?? false;
    let record: JournalEntryRecord;
    if (existing) {
      // Without replace=line NetSuite appends to the sublist: a resend doubles the lines.
      Object.assign(existing, checked.record);
      this.ledger.replaceLines(existing.document, replace ? checked.lines : [...existing.document.lines, ...checked.lines], checked.record.tranDate);
      record = existing;
    } else {
      const id = String(this.nextId++);
      const tranNumber = (this.tranIds.get(checked.record.subsidiary) ?? 0) + 1;
      this.tranIds.set(checked.record.subsidiary, tranNumber);
      const tranId = `JE${tranNumber}`;
      const document = this.ledger.add({
        erp: 'netsuite',
        company: checked.record.subsidiary,
        documentNumber: tranId,
        internalId: id,
        key: externalId,
        postingDate: checked.record.tranDate,
        lines: checked.lines,
      });
      record = { ...checked.record, id, tranId, document };
      this.records.set(id, record);
      this.byExternalId.set(externalId, record);
    }
    return { status: 204, headers: { location: `${request.url.origin}${NETSUITE_JOURNAL_ENTRY_PATH}/${record.id}` } };
  }

  /** The record as NetSuite would validate it; field names are matched without regard to case. */
  private check(body: unknown, externalId: string): { record: Omit<JournalEntryRecord, 'id' | 'tranId' | 'document'>; lines: SimulatorLine[] } {
    const record = fields(body);
    if (!record) throw new Refusal('INVALID_CONTENT', undefined, 'The request body must be a JSON object.');
    const given = field(record, 'externalId');
    if (given !== undefined && given !== externalId)
      throw new Refusal('INVALID_CONTENT', 'externalId', `externalId ${JSON.stringify(given)} differs from the external ID in the URL.`);
    const subsidiary = reference(record, 'subsidiary');
    const company = subsidiary === undefined ? undefined : this.charts.netsuite.get(subsidiary);
    if (!company) throw new Refusal('INVALID_CONTENT', 'subsidiary', `You have entered an Invalid Field Value ${subsidiary ?? '(none)'} for the following field: subsidiary`);
    const currencyId = reference(record, 'currency');
    const currency = currencyId === undefined ? undefined : company.currencies.get(currencyId);
    if (!currency) throw new Refusal('INVALID_CONTENT', 'currency', `You have entered an Invalid Field Value ${currencyId ?? '(none)'} for the following field: currency`);
    const tranDate = field(record, 'tranDate');
    if (!isCalendarDate(tranDate)) throw new Refusal('INVALID_CONTENT', 'tranDate', `Invalid date value ${String(tranDate)} for tranDate (use YYYY-MM-DD).`);
    if (this.settings.closedPeriods.netsuite.includes(tranDate.slice(0, 7))) throw new Refusal('USER_ERROR', 'tranDate', `The accounting period for ${tranDate} is closed.`);
    const items = fields(field(record, 'line')) && field(fields(field(record, 'line'))!, 'items');
    if (!Array.isArray(items) || items.length === 0) throw new Refusal('USER_ERROR', 'line.items', 'A journal entry needs at least one line.');
    let debits = 0;
    let credits = 0;
    const lines = items.map((value, index): SimulatorLine => {
      const at = `line.items[${index}]`;
      const item = fields(value);
      if (!item) throw new Refusal('INVALID_CONTENT', at, 'A line must be a JSON object.');
      const account = reference(item, 'account');
      if (account === undefined || !company.accounts.has(account))
        throw new Refusal('INVALID_CONTENT', `${at}.account`, `You have entered an Invalid Field Value ${account ?? '(none)'} for the following field: account`);
      const department = reference(item, 'department');
      if (field(item, 'department') !== undefined && (department === undefined || !company.costCenters.has(department)))
        throw new Refusal('INVALID_CONTENT', `${at}.department`, `You have entered an Invalid Field Value ${department ?? '(none)'} for the following field: department`);
      const debit = amount(item, 'debit', currency, at);
      const credit = amount(item, 'credit', currency, at);
      if ((debit === undefined) === (credit === undefined)) throw new Refusal('USER_ERROR', at, 'A line needs either a debit or a credit amount, not both and not neither.');
      if ((debit ?? credit)! <= 0) throw new Refusal('USER_ERROR', at, 'Amounts must be greater than zero.');
      debits += debit ?? 0;
      credits += credit ?? 0;
      const memo = field(item, 'memo');
      return {
        date: tranDate,
        account,
        ...(department !== undefined ? { costCenter: department } : {}),
        currency,
        debitMinor: debit ?? 0,
        creditMinor: credit ?? 0,
        text: typeof memo === 'string' ? memo : '',
      };
    });
    if (debits !== credits)
      throw new Refusal(
        'USER_ERROR',
        'line.items',
        `The transaction is out of balance: debits ${decimalText(debits, currency)} and credits ${decimalText(credits, currency)} ${currency}.`,
      );
    const refusal = this.faults.refusal('netsuite', externalId);
    if (refusal !== undefined) throw new Refusal('USER_ERROR', undefined, refusal);
    const memo = field(record, 'memo');
    return { record: { externalId, subsidiary: subsidiary!, currency: currencyId!, tranDate, memo: typeof memo === 'string' ? memo : '' }, lines };
  }

  private read(request: SimRequest, id: string): SimAnswer {
    const record = id.startsWith('eid:') ? this.byExternalId.get(id.slice(4)) : this.records.get(id);
    if (!record) return error(404, 'Not Found', [{ detail: 'The record instance does not exist. Provide a valid record instance ID.', 'o:errorCode': 'NONEXISTENT_ID' }]);
    const self = `${request.url.origin}${NETSUITE_JOURNAL_ENTRY_PATH}/${record.id}`;
    const whole: Record<string, JsonValue> = {
      id: record.id,
      externalId: record.externalId,
      tranId: record.tranId,
      tranDate: record.tranDate,
      subsidiary: { id: record.subsidiary },
      currency: { id: record.currency },
      memo: record.memo,
      line:
        request.url.searchParams.get('expandSubResources') === 'true'
          ? {
              items: record.document.lines.map((line, index) => ({
                line: index,
                account: { id: line.account },
                ...(line.debitMinor > 0
                  ? { debit: new JsonDecimal(decimalText(line.debitMinor, line.currency)) }
                  : { credit: new JsonDecimal(decimalText(line.creditMinor, line.currency)) }),
                memo: line.text,
              })),
            }
          : { links: [{ rel: 'self', href: `${self}/line` }] },
    };
    const wanted = request.url.searchParams
      .get('fields')
      ?.split(',')
      .map((name) => name.trim().toLowerCase());
    const chosen = wanted ? Object.fromEntries(Object.entries(whole).filter(([name]) => wanted.includes(name.toLowerCase()))) : whole;
    return {
      status: 200,
      headers: { 'content-type': 'application/vnd.oracle.resource+json; type=singular' },
      body: decimalJson({ links: [{ rel: 'self', href: self }], ...chosen }),
    };
  }
}

function error(status: number, title: string, details: NetSuiteErrorDetail[]): SimAnswer {
  return json(status, netsuiteError(status, title, details), ERROR_TYPE);
}

const fields = (value: unknown): Fields | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !isLosslessNumber(value) ? (value as Fields) : undefined;

/** A field by name in any case (`tranDate`, `trandate`). */
function field(record: Fields, name: string): unknown {
  const key = Object.keys(record).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : record[key];
}

/** A reference field's `{ "id": "..." }`. */
function reference(record: Fields, name: string): string | undefined {
  const id = fields(field(record, name)) && field(fields(field(record, name))!, 'id');
  return typeof id === 'string' ? id : isLosslessNumber(id) ? id.value : undefined;
}

/** A debit or credit in minor units, read from the exact JSON number text. */
function amount(item: Fields, name: string, currency: string, at: string): number | undefined {
  const value = field(item, name);
  if (value === undefined) return undefined;
  if (!isLosslessNumber(value)) throw new Refusal('INVALID_CONTENT', `${at}.${name}`, `${name} must be a number.`);
  try {
    return minorUnitsFromDecimal(value.value, currencyCode(currency));
  } catch (failure) {
    throw new Refusal('INVALID_CONTENT', `${at}.${name}`, `Invalid ${name} ${value.value}: ${(failure as Error).message}.`);
  }
}
