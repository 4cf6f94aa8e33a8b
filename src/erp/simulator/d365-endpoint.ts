import { randomBytes, randomUUID } from 'node:crypto';
import { isLosslessNumber, parse } from 'lossless-json';
import { currencyCode, isCurrencyCode, minorUnitsFromDecimal } from '../../money';
import { readBatch, writeBatch, type BatchMessage } from '../d365/odata-batch';
import { decimalJson, JsonDecimal, type JsonValue } from '../decimal-json';
import { decimalText } from '../erp-amount';
import type { ErpCharts } from './simulator-chart';
import type { FaultBook } from './simulator-faults';
import { isCalendarDate, json, type ErpEndpoint, type SimAnswer, type SimRequest } from './simulator-http';
import type { SimulatorDocument, SimulatorLedger, SimulatorLine } from './simulator-ledger';
import type { ErpSimulatorSettings } from './simulator-settings';

const ODATA_JSON = 'application/json; odata.metadata=minimal; charset=utf-8';
const WRITE_EXCEPTION = 'Microsoft.Dynamics.Platform.Integration.Services.OData.AxODataWriteException';
const HEADER_FIELDS = ['dataAreaId', 'JournalBatchNumber', 'JournalName', 'Description', 'IsPosted'];
const LINE_FIELDS = [
  'dataAreaId',
  'JournalBatchNumber',
  'LineNumber',
  'Voucher',
  'TransDate',
  'AccountType',
  'AccountDisplayValue',
  'DebitAmount',
  'CreditAmount',
  'CurrencyCode',
  'Text',
  'SalesTaxGroup',
  'DocumentDate',
];

type Fields = Record<string, unknown>;

interface Journal {
  dataAreaId: string;
  number: string;
  journalName: string;
  description: string;
  etag: number;
  lines: Array<{ lineNumber: number; voucher: string; displayValue: string; salesTaxGroup?: string }>;
  document: SimulatorDocument;
}

/** A write D365 refuses: 500 with AxODataWriteException (business rules) or 400 (a malformed request). */
class WriteRefusal extends Error {
  constructor(
    readonly status: 400 | 500,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Dynamics 365 Finance's OData general journal: `LedgerJournalHeaders` (journal numbered from the
 * legal entity's sequence; the Description unique per legal entity, as the unique index an
 * integration adds for its batch reference), `LedgerJournalLines` read by `$filter`, lines
 * written through `$batch` changesets (all or nothing; each voucher must balance), and Entra
 * ID's client-credentials token endpoint for the bearer tokens it takes.
 */
export class D365Endpoint implements ErpEndpoint {
  readonly erp = 'd365' as const;
  private readonly journals = new Map<string, Journal>();
  private readonly lastNumber = new Map<string, number>();
  private readonly tokens = new Map<string, number>();

  constructor(
    private readonly settings: ErpSimulatorSettings,
    private readonly charts: ErpCharts,
    private readonly ledger: SimulatorLedger,
    private readonly faults: FaultBook,
    private readonly now: () => number = Date.now,
  ) {}

  isTokenRequest(request: SimRequest): boolean {
    return request.url.pathname === `/${this.settings.d365.tenant}/oauth2/v2.0/token`;
  }

  async handle(request: SimRequest): Promise<SimAnswer> {
    if (this.isTokenRequest(request)) return this.token(request);
    const bearer = request.headers.authorization?.startsWith('Bearer ') ? request.headers.authorization.slice(7) : '';
    if (!((this.tokens.get(bearer) ?? 0) > this.now())) return { status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token"' } };
    const path = request.url.pathname;
    try {
      if (path === '/data/LedgerJournalHeaders' && request.method === 'GET')
        return this.list(request, 'LedgerJournalHeader', HEADER_FIELDS, [...this.journals.values()].map(headerOf));
      if (path === '/data/LedgerJournalLines' && request.method === 'GET')
        return this.list(
          request,
          'LedgerJournalLine',
          LINE_FIELDS,
          [...this.journals.values()].flatMap((journal) => linesOf(journal)),
        );
      if (path === '/data/LedgerJournalHeaders' && request.method === 'POST') return this.createJournal(request);
      if (path === '/data/$batch' && request.method === 'POST') return this.batch(request);
    } catch (refusal) {
      if (refusal instanceof WriteRefusal) return odataError(refusal);
      throw refusal;
    }
    return json(404, { error: { code: '', message: `No HTTP resource was found that matches the request URI '${request.url.href}'.` } }, ODATA_JSON);
  }

  unavailable(status: number, message: string): SimAnswer {
    return json(status, { error: { code: '', message } }, ODATA_JSON);
  }

  private token(request: SimRequest): SimAnswer {
    const form = new URLSearchParams(request.body);
    const { clientId, clientSecret, tokenLifetimeSeconds } = this.settings.d365;
    if (request.method !== 'POST' || form.get('grant_type') !== 'client_credentials')
      return json(400, { error: 'unsupported_grant_type', error_description: 'AADSTS70003: expected grant_type=client_credentials' });
    if (form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret)
      return json(401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' });
    // The scope is the environment's base URL: the host this token endpoint shares with the data.
    if (form.get('scope') !== `${request.url.origin}/.default`)
      return json(400, { error: 'invalid_scope', error_description: `AADSTS70011: The scope must be ${request.url.origin}/.default` });
    const token = randomBytes(24).toString('base64url');
    this.tokens.set(token, this.now() + tokenLifetimeSeconds * 1000);
    return json(200, { token_type: 'Bearer', expires_in: tokenLifetimeSeconds, ext_expires_in: tokenLifetimeSeconds, access_token: token });
  }

  private list(request: SimRequest, type: string, known: string[], rows: Array<Record<string, JsonValue>>): SimAnswer {
    const conditions = readFilter(request.url.searchParams.get('$filter') ?? '', type, known);
    const select = request.url.searchParams
      .get('$select')
      ?.split(',')
      .map((f) => f.trim());
    for (const name of select ?? [])
      if (!known.includes(name)) throw new WriteRefusal(400, `Could not find a property named '${name}' on type 'Microsoft.Dynamics.DataEntities.${type}'.`);
    const top = Number(request.url.searchParams.get('$top') ?? Infinity);
    const value = rows
      .filter((row) =>
        conditions.every(([name, literal]) => {
          const field = row[name];
          // A field compares as its JSON text: a string as itself, a decimal by its digits.
          return (field instanceof JsonDecimal ? field.text : typeof field === 'string' ? field : JSON.stringify(field)) === literal;
        }),
      )
      .slice(0, top)
      .map((row) => (select ? Object.fromEntries(select.map((name) => [name, row[name]])) : row));
    return { status: 200, headers: { 'content-type': ODATA_JSON }, body: decimalJson({ '@odata.context': `${request.url.origin}/data/$metadata#${type}s`, value }) };
  }

  private createJournal(request: SimRequest): SimAnswer {
    const body = readJson(request.body);
    for (const name of Object.keys(body))
      if (!['dataAreaId', 'JournalName', 'Description', 'JournalBatchNumber'].includes(name))
        throw new WriteRefusal(400, `Could not find a property named '${name}' on type 'Microsoft.Dynamics.DataEntities.LedgerJournalHeader'.`);
    const dataAreaId = typeof body.dataAreaId === 'string' ? body.dataAreaId : '';
    const company = this.charts.d365.get(dataAreaId);
    if (!company) throw new WriteRefusal(500, `Write failed for table row of type 'LedgerJournalHeaderEntity'. Infolog: Error: Company ${dataAreaId || '(none)'} does not exist.`);
    if (body.JournalBatchNumber !== undefined)
      throw new WriteRefusal(
        500,
        "Write failed for table row of type 'LedgerJournalHeaderEntity'. Infolog: Error: Journal batch number is assigned from the number sequence; manual numbers are not allowed.",
      );
    if (body.JournalName !== company.journalName)
      throw new WriteRefusal(500, `Write failed for table row of type 'LedgerJournalHeaderEntity'. Infolog: Error: Journal name ${String(body.JournalName)} does not exist.`);
    const description = typeof body.Description === 'string' ? body.Description : '';
    if (description === '') throw new WriteRefusal(500, "Write failed for table row of type 'LedgerJournalHeaderEntity'. Infolog: Error: Field 'Description' must be filled in.");
    if ([...this.journals.values()].some((j) => j.dataAreaId === dataAreaId && j.description === description)) {
      throw new WriteRefusal(
        500,
        `Write failed for table row of type 'LedgerJournalHeaderEntity'. Infolog: Error: Cannot create a record in Journal table (LedgerJournalTable). Description: ${description}. The record already exists.`,
      );
    }
    const sequence = (this.lastNumber.get(dataAreaId) ?? 0) + 1;
    this.lastNumber.set(dataAreaId, sequence);
    const number = String(sequence).padStart(6, '0');
    const document = this.ledger.add({ erp: 'd365', company: dataAreaId, documentNumber: number, key: description, postingDate: '', lines: [] });
    const journal: Journal = { dataAreaId, number, journalName: company.journalName!, description, etag: 1, lines: [], document };
    this.journals.set(`${dataAreaId}|${number}`, journal);
    const location = `${request.url.origin}/data/LedgerJournalHeaders(dataAreaId='${dataAreaId}',JournalBatchNumber='${number}')`;
    return {
      status: 201,
      headers: { 'content-type': ODATA_JSON, location, 'odata-version': '4.0' },
      body: decimalJson({ '@odata.context': `${request.url.origin}/data/$metadata#LedgerJournalHeaders/$entity`, '@odata.etag': `W/"${journal.etag}"`, ...headerOf(journal) }),
    };
  }

  private batch(request: SimRequest): SimAnswer {
    let changesets: BatchMessage[][];
    try {
      changesets = readBatch(request.headers['content-type'], request.body);
    } catch (failure) {
      throw new WriteRefusal(400, `The $batch request is malformed: ${(failure as Error).message}`);
    }
    const responses = changesets.map((messages, index) => ({ boundary: `changesetresponse_${randomUUID()}`, messages: this.changeset(request, messages, index) }));
    const boundary = `batchresponse_${randomUUID()}`;
    return { status: 200, headers: { 'content-type': `multipart/mixed; boundary=${boundary}`, 'odata-version': '4.0' }, body: writeBatch(boundary, responses) };
  }

  /** One changeset: every line checked, then all written, or one error part and nothing written. */
  private changeset(request: SimRequest, messages: BatchMessage[], index: number): BatchMessage[] {
    const checked: Array<{ journal: Journal; line: SimulatorLine; voucher: string; displayValue: string; salesTaxGroup?: string; contentId?: string }> = [];
    try {
      const balances = new Map<string, number>();
      for (const message of messages) {
        const [method, url] = message.startLine.split(' ');
        if (method !== 'POST' || !new URL(url, request.url.origin).pathname.endsWith('/data/LedgerJournalLines'))
          throw new WriteRefusal(400, `The simulator's $batch takes POST .../data/LedgerJournalLines only, not ${message.startLine}.`);
        const line = this.checkLine(readJson(message.body));
        const key = `${line.voucher}|${line.line.currency}`;
        balances.set(key, (balances.get(key) ?? 0) + line.line.debitMinor - line.line.creditMinor);
        checked.push({ ...line, ...(message.contentId !== undefined ? { contentId: message.contentId } : {}) });
      }
      for (const [key, sum] of balances) {
        const [voucher, currency] = key.split('|');
        if (sum !== 0)
          throw new WriteRefusal(
            500,
            `Write failed for table row of type 'LedgerJournalLineEntity'. Infolog: Error: The transactions on voucher ${voucher} do not balance (${currency} difference ${decimalText(sum, currency)}).`,
          );
      }
      for (const voucher of new Set(checked.map((c) => c.voucher))) {
        const refusal = this.faults.refusal('d365', voucher);
        if (refusal !== undefined) throw new WriteRefusal(500, `Write failed for table row of type 'LedgerJournalLineEntity'. Infolog: Error: Voucher ${voucher}: ${refusal}`);
      }
    } catch (refusal) {
      if (!(refusal instanceof WriteRefusal)) throw refusal;
      const answer = odataError(refusal);
      return [
        {
          startLine: `HTTP/1.1 ${refusal.status} ${refusal.status === 500 ? 'Internal Server Error' : 'Bad Request'}`,
          headers: { 'content-type': ODATA_JSON },
          body: answer.body ?? '',
          contentId: messages[0]?.contentId ?? String(index + 1),
        },
      ];
    }
    return checked.map(({ journal, line, voucher, displayValue, salesTaxGroup, contentId }) => {
      const lineNumber = journal.lines.length + 1;
      journal.lines.push({ lineNumber, voucher, displayValue, ...(salesTaxGroup !== undefined ? { salesTaxGroup } : {}) });
      journal.etag += 1;
      const lines = [...journal.document.lines, line];
      this.ledger.replaceLines(journal.document, lines, lines.map((l) => l.date).sort()[0]);
      const entity = linesOf(journal).at(-1)!;
      return {
        startLine: 'HTTP/1.1 201 Created',
        headers: {
          'content-type': ODATA_JSON,
          location: `${request.url.origin}/data/LedgerJournalLines(dataAreaId='${journal.dataAreaId}',JournalBatchNumber='${journal.number}',LineNumber=${lineNumber})`,
        },
        body: decimalJson({ '@odata.etag': `W/"${journal.etag}"`, ...entity }),
        ...(contentId !== undefined ? { contentId } : {}),
      };
    });
  }

  private checkLine(body: Fields): { journal: Journal; line: SimulatorLine; voucher: string; displayValue: string; salesTaxGroup?: string } {
    const fail = (message: string) => new WriteRefusal(500, `Write failed for table row of type 'LedgerJournalLineEntity'. Infolog: Error: ${message}`);
    for (const name of Object.keys(body))
      if (!LINE_FIELDS.includes(name)) throw new WriteRefusal(400, `Could not find a property named '${name}' on type 'Microsoft.Dynamics.DataEntities.LedgerJournalLine'.`);
    const journal = this.journals.get(`${String(body.dataAreaId)}|${String(body.JournalBatchNumber)}`);
    if (!journal) throw fail(`Journal batch number ${String(body.JournalBatchNumber)} does not exist in company ${String(body.dataAreaId)}.`);
    const company = this.charts.d365.get(journal.dataAreaId)!;
    if (body.AccountType !== 'Ledger') throw fail(`Account type ${String(body.AccountType)} is not supported by the simulator; use Ledger.`);
    const displayValue = typeof body.AccountDisplayValue === 'string' ? body.AccountDisplayValue : '';
    // Dimension format MainAccount-CostCenter-ProfitCenter; an empty cost center segment with a profit center.
    const [account, dimension, profitCenter, ...extra] = displayValue.split('-');
    const costCenter = dimension === '' && profitCenter !== undefined ? undefined : dimension;
    if (!company.accounts.has(account) || extra.length > 0 || profitCenter === '' || (costCenter !== undefined && !company.costCenters.has(costCenter)))
      throw fail(`The value '${displayValue}' in field 'Account' is not found in the related table 'Main account' or its dimensions.`);
    const currency = body.CurrencyCode;
    if (!isCurrencyCode(currency)) throw fail(`The field 'Currency' must be filled in with a currency code (got ${String(currency)}).`);
    const transDate = typeof body.TransDate === 'string' ? body.TransDate.slice(0, 10) : '';
    if (!isCalendarDate(transDate)) throw fail(`Date ${String(body.TransDate)} is not valid.`);
    if (this.settings.closedPeriods.d365.includes(transDate.slice(0, 7)))
      throw fail(`The accounting date ${transDate} is in a period that is not open (${transDate.slice(0, 7)}).`);
    const voucher = typeof body.Voucher === 'string' ? body.Voucher : '';
    if (voucher === '') throw fail("The field 'Voucher' must be filled in.");
    const money = (name: string): number => {
      const value = body[name];
      if (value === undefined) return 0;
      if (!isLosslessNumber(value)) throw new WriteRefusal(400, `The property '${name}' must be a number.`);
      try {
        return minorUnitsFromDecimal(value.value, currencyCode(currency));
      } catch (failure) {
        throw fail(`${name} ${value.value}: ${(failure as Error).message}`);
      }
    };
    const debit = money('DebitAmount');
    const credit = money('CreditAmount');
    if (debit < 0 || credit < 0 || (debit === 0) === (credit === 0)) throw fail('Exactly one of debit and credit must be a positive amount.');
    const salesTaxGroup = typeof body.SalesTaxGroup === 'string' ? body.SalesTaxGroup : undefined;
    return {
      journal,
      voucher,
      displayValue,
      ...(salesTaxGroup !== undefined ? { salesTaxGroup } : {}),
      line: {
        date: transDate,
        account,
        ...(costCenter !== undefined ? { costCenter } : {}),
        currency,
        debitMinor: debit,
        creditMinor: credit,
        text: typeof body.Text === 'string' ? body.Text : '',
        voucher,
      },
    };
  }
}

function headerOf(journal: Journal): Record<string, JsonValue> {
  return { dataAreaId: journal.dataAreaId, JournalBatchNumber: journal.number, JournalName: journal.journalName, Description: journal.description, IsPosted: 'No' };
}

function linesOf(journal: Journal): Array<Record<string, JsonValue>> {
  return journal.lines.map((line, index) => {
    const booked = journal.document.lines[index];
    return {
      dataAreaId: journal.dataAreaId,
      JournalBatchNumber: journal.number,
      LineNumber: line.lineNumber,
      Voucher: line.voucher,
      TransDate: `${booked.date}T00:00:00Z`,
      AccountType: 'Ledger',
      AccountDisplayValue: line.displayValue,
      DebitAmount: new JsonDecimal(decimalText(booked.debitMinor, booked.currency)),
      CreditAmount: new JsonDecimal(decimalText(booked.creditMinor, booked.currency)),
      CurrencyCode: booked.currency,
      Text: booked.text,
      ...(line.salesTaxGroup !== undefined ? { SalesTaxGroup: line.salesTaxGroup } : {}),
    };
  });
}

function readJson(text: string): Fields {
  let value: unknown;
  try {
    value = parse(text);
  } catch (failure) {
    throw new WriteRefusal(400, `The request body is not JSON: ${(failure as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new WriteRefusal(400, 'The request body must be a JSON object.');
  return value as Fields;
}

function odataError(refusal: WriteRefusal): SimAnswer {
  if (refusal.status === 400) return json(400, { error: { code: '', message: refusal.message } }, ODATA_JSON);
  return json(500, { error: { code: '', message: 'An error has occurred.', innererror: { message: refusal.message, type: WRITE_EXCEPTION, stacktrace: '' } } }, ODATA_JSON);
}

/**
 * `$filter` as far as the connector needs it: `Field eq literal` joined by `and`, literals being
 * strings ('' escapes a quote), numbers or enum values (`Microsoft.Dynamics.DataEntities.NoYes'No'`).
 */
function readFilter(filter: string, type: string, known: string[]): Array<[string, string]> {
  const conditions: Array<[string, string]> = [];
  const pattern = /\s*([A-Za-z_]\w*)\s+eq\s+(?:'((?:[^']|'')*)'|Microsoft\.Dynamics\.DataEntities\.\w+'([^']*)'|(-?\d+(?:\.\d+)?))\s*(?:and\b|$)/y;
  while (pattern.lastIndex < filter.length) {
    const start = pattern.lastIndex;
    const match = pattern.exec(filter);
    if (!match) throw new WriteRefusal(400, `The query specified in the URI is not valid: cannot read $filter at "${filter.slice(start)}".`);
    if (!known.includes(match[1])) throw new WriteRefusal(400, `Could not find a property named '${match[1]}' on type 'Microsoft.Dynamics.DataEntities.${type}'.`);
    conditions.push([match[1], match[2] !== undefined ? match[2].replace(/''/g, "'") : (match[3] ?? match[4])]);
  }
  return conditions;
}
