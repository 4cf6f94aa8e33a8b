import { randomUUID } from 'node:crypto';
import type { BatchExportInput } from '../batch-export';
import { AccessTokens, requestToken } from '../connector/access-token';
import type { ErpConnector, ErpKeys } from '../connector/erp-connector';
import { isLosslessNumber, parse } from 'lossless-json';
import { currencyCode, minorUnitsFromDecimal } from '../../money';
import type { ErpBookedLine, ErpReadBack } from '../connector/erp-read-back';
import type { ErpSendOutcome } from '../connector/erp-send-outcome';
import { ErpRefusalError, ErpUnavailableError } from '../connector/erp-failures';
import { exchange, type ErpDialect, type ErpRequest, type ErpResponse } from '../connector/erp-http';
import { ErpTargetResilience } from '../connector/erp-target-resilience';
import type { D365TargetSettings } from '../connector/erp-target-settings';
import { decimalJson } from '../decimal-json';
import { d365JournalDescription, d365JournalOf, d365Voucher, type D365JournalLine } from './d365-general-journal';
import { readBatch, writeBatch, type BatchMessage } from './odata-batch';

/** Operations per `$batch`: D365 takes about 200 (measured by others); whole vouchers are never split. */
const LINES_PER_BATCH = 150;
const ODATA_HEADERS = { 'odata-version': '4.0', 'odata-maxversion': '4.0', accept: 'application/json;odata.metadata=minimal' };
const WRITE_EXCEPTION = /AxODataWriteException$/;

/**
 * Dynamics 365 Finance, OData general journal. D365 numbers journals itself, so a send first
 * looks the batch's journal up by its Description and creates it only when absent (the header is
 * created alone, and D365's JournalBatchNumber read back); then it reads the vouchers the journal
 * holds and adds the missing ones through `$batch`, each changeset all or nothing and never
 * splitting a voucher. A resend after a crash at any point therefore completes the one journal.
 * The acknowledgement is the journal batch number. Bearer tokens by client credentials (Entra ID).
 */
export class D365Connector implements ErpConnector {
  readonly erp = 'd365' as const;
  readonly target: string;
  readonly resilience: ErpTargetResilience;
  private readonly tokens: AccessTokens;

  constructor(private readonly settings: D365TargetSettings) {
    this.target = settings.target;
    this.resilience = new ErpTargetResilience(settings.target, settings.resilience);
    this.tokens = new AccessTokens(() =>
      requestToken(
        settings.tokenUrl,
        { grant_type: 'client_credentials', client_id: settings.clientId, client_secret: settings.clientSecret.reveal(), scope: settings.scope },
        settings.resilience.requestTimeoutMs,
      ),
    );
  }

  keys(input: BatchExportInput): ErpKeys {
    const { batchId } = input.batch;
    return { batch: d365JournalDescription(batchId), entries: input.entries.map((_, index) => d365Voucher(batchId, index + 1)) };
  }

  send(input: BatchExportInput, attempt: number): Promise<ErpSendOutcome> {
    return this.resilience.send({ target: this.target, erp: this.erp, batchId: input.batch.batchId, attempt }, async () => {
      const journal = d365JournalOf(input);
      const area = journal.header.dataAreaId;
      const found = await this.findJournal(area, journal.header.Description);
      const number = found?.number ?? (await this.createJournal(journal.header));
      const held = await this.vouchersIn(area, number);
      const expected = new Map<string, number>();
      for (const line of journal.lines) expected.set(line.voucher, (expected.get(line.voucher) ?? 0) + 1);
      const differing = [...held].filter(([voucher, count]) => expected.get(voucher) !== count);
      if (differing.length > 0) {
        const [voucher, count] = differing[0];
        throw new ErpRefusalError(
          'refused',
          `journal ${number} holds ${count} lines of voucher ${voucher} where batch ${input.batch.batchId} has ${expected.get(voucher) ?? 0}: correct the journal in D365 before sending again`,
          {
            documents: [{ entry: null, documentNumber: number }],
          },
        );
      }
      const missing = journal.lines.filter((line) => !held.has(line.voucher));
      if (missing.length > 0 && found?.posted)
        throw new ErpRefusalError('refused', `journal ${number} is posted but lacks ${missing.length} lines of batch ${input.batch.batchId}`, {
          documents: [{ entry: null, documentNumber: number }],
        });
      for (const chunk of byWholeVouchers(missing)) await this.addLines(area, number, chunk, input);
      return { outcome: 'acknowledged' as const, documents: [{ entry: null, documentNumber: number }] };
    });
  }

  /**
   * D365's books for Ledgerbridge's journals: the lines of each journal batch number read back
   * (`GET /data/LedgerJournalLines?$filter=dataAreaId eq .. and JournalBatchNumber eq ..`), the
   * main account being the first segment of AccountDisplayValue.
   */
  async readBack(legalEntity: string, journalNumbers: readonly string[]): Promise<ErpReadBack> {
    const lines: ErpBookedLine[] = [];
    for (const number of journalNumbers) {
      const filter = `dataAreaId eq ${literal(legalEntity)} and JournalBatchNumber eq ${literal(number)}`;
      const response = await this.call({
        method: 'GET',
        url: `${this.settings.url}/data/LedgerJournalLines?$filter=${encodeURIComponent(filter)}&$select=TransDate,AccountDisplayValue,DebitAmount,CreditAmount,CurrencyCode`,
        headers: ODATA_HEADERS,
      });
      if (response.status !== 200)
        return { available: false, why: `D365 answered HTTP ${response.status} for the lines of journal ${number}: ${D365_DIALECT.messageOf(response)}` };
      const rows = ((parse(response.body) as { value?: unknown }).value ?? []) as Array<{
        TransDate?: string;
        AccountDisplayValue?: string;
        DebitAmount?: unknown;
        CreditAmount?: unknown;
        CurrencyCode?: string;
      }>;
      for (const row of rows) {
        const currency = String(row.CurrencyCode ?? '');
        const amount = (value: unknown) => (isLosslessNumber(value) ? minorUnitsFromDecimal(value.value, currencyCode(currency)) : 0);
        lines.push({
          date: String(row.TransDate ?? '').slice(0, 10),
          account: String(row.AccountDisplayValue ?? '').split('-')[0],
          currency,
          debitMinor: amount(row.DebitAmount),
          creditMinor: amount(row.CreditAmount),
          document: number,
        });
      }
    }
    return { available: true, lines, documentsRead: journalNumbers.length };
  }

  private async findJournal(area: string, description: string): Promise<{ number: string; posted: boolean } | undefined> {
    const filter = `dataAreaId eq ${literal(area)} and Description eq ${literal(description)}`;
    const response = await this.call({
      method: 'GET',
      url: `${this.settings.url}/data/LedgerJournalHeaders?$filter=${encodeURIComponent(filter)}&$select=JournalBatchNumber,IsPosted`,
      headers: ODATA_HEADERS,
    });
    const rows = this.rows(response) as Array<{ JournalBatchNumber?: unknown; IsPosted?: unknown }>;
    if (rows.length > 1) throw new ErpRefusalError('refused', `D365 holds ${rows.length} journals described "${description}" in ${area}; keep one before sending again`);
    const [row] = rows;
    return row && typeof row.JournalBatchNumber === 'string' ? { number: row.JournalBatchNumber, posted: row.IsPosted === 'Yes' } : undefined;
  }

  /** Creates the header; when another send created it meanwhile (D365's unique index on the description refuses), that journal is the one. */
  private async createJournal(header: { dataAreaId: string; JournalName: string; Description: string }): Promise<string> {
    const response = await this.call({
      method: 'POST',
      url: `${this.settings.url}/data/LedgerJournalHeaders`,
      headers: { ...ODATA_HEADERS, 'content-type': 'application/json;odata.metadata=minimal' },
      body: JSON.stringify(header),
    });
    if (response.status === 201) {
      const number = (JSON.parse(response.body) as { JournalBatchNumber?: unknown }).JournalBatchNumber;
      if (typeof number !== 'string') throw new ErpRefusalError('unexpected-answer', 'D365 created the journal header without a JournalBatchNumber');
      return number;
    }
    const again = await this.findJournal(header.dataAreaId, header.Description);
    if (again) return again.number;
    throw new ErpRefusalError('refused', D365_DIALECT.messageOf(response), { httpStatus: response.status });
  }

  /** Lines per voucher the journal holds. */
  private async vouchersIn(area: string, number: string): Promise<Map<string, number>> {
    const filter = `dataAreaId eq ${literal(area)} and JournalBatchNumber eq ${literal(number)}`;
    const response = await this.call({
      method: 'GET',
      url: `${this.settings.url}/data/LedgerJournalLines?$filter=${encodeURIComponent(filter)}&$select=Voucher`,
      headers: ODATA_HEADERS,
    });
    const held = new Map<string, number>();
    for (const row of this.rows(response) as Array<{ Voucher?: unknown }>) held.set(String(row.Voucher), (held.get(String(row.Voucher)) ?? 0) + 1);
    return held;
  }

  private async addLines(area: string, number: string, lines: D365JournalLine[], input: BatchExportInput): Promise<void> {
    const boundary = `batch_${randomUUID()}`;
    const messages: BatchMessage[] = lines.map((line, index) => ({
      startLine: `POST ${this.settings.url}/data/LedgerJournalLines HTTP/1.1`,
      headers: { ...ODATA_HEADERS, 'content-type': 'application/json;odata.metadata=minimal' },
      body: decimalJson({ ...line.fields, dataAreaId: area, JournalBatchNumber: number }),
      contentId: String(index + 1),
    }));
    const response = await this.call({
      method: 'POST',
      url: `${this.settings.url}/data/$batch`,
      headers: { ...ODATA_HEADERS, 'content-type': `multipart/mixed; boundary=${boundary}` },
      body: writeBatch(boundary, [{ boundary: `changeset_${randomUUID()}`, messages }]),
    });
    if (response.status !== 200)
      throw new ErpRefusalError('refused', D365_DIALECT.messageOf(response), { httpStatus: response.status, documents: [{ entry: null, documentNumber: number }] });
    let parts: BatchMessage[];
    try {
      parts = readBatch(response.headers.get('content-type') ?? undefined, response.body).flat();
    } catch (error) {
      throw new ErpRefusalError('unexpected-answer', `D365's $batch answer cannot be read: ${(error as Error).message}`, { documents: [{ entry: null, documentNumber: number }] });
    }
    // The outer answer is 200 even when the changeset failed: the parts say.
    const failed = parts.find((part) => !/^HTTP\/1\.1 2\d\d/.test(part.startLine));
    if (!failed) return;
    const status = Number(failed.startLine.split(' ')[1]);
    const answer: ErpResponse = { status, headers: new Headers(failed.headers), body: failed.body };
    if (D365_DIALECT.transient(answer)) throw new ErpUnavailableError('unavailable', `${D365_DIALECT.messageOf(answer)} (HTTP ${status} in $batch)`, status);
    // D365 names the voucher it refused when it can; otherwise the whole changeset's vouchers stand refused.
    const message = D365_DIALECT.messageOf(answer);
    const chunk = [...new Map(lines.map((line) => [line.voucher, line.position])).entries()];
    const named = chunk.filter(([voucher]) => new RegExp(`${voucher.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![0-9])`).test(message));
    throw new ErpRefusalError('refused', message, {
      httpStatus: status,
      refusedEntries: (named.length > 0 ? named : chunk).map(([, position]) => ({ position, entryId: input.entries[position - 1].entryId, message })),
      documents: [{ entry: null, documentNumber: number }],
    });
  }

  private rows(response: ErpResponse): unknown[] {
    if (response.status !== 200) throw new ErpRefusalError('refused', D365_DIALECT.messageOf(response), { httpStatus: response.status });
    const value = (JSON.parse(response.body) as { value?: unknown }).value;
    if (!Array.isArray(value)) throw new ErpRefusalError('unexpected-answer', 'D365 answered a query without a value list');
    return value;
  }

  /** One request with a bearer token; after a 401, one more with a fresh token. */
  private async call(request: ErpRequest): Promise<ErpResponse> {
    const token = await this.tokens.get();
    let response = await exchange(this.resilience, D365_DIALECT, { ...request, headers: { ...request.headers, authorization: `Bearer ${token}` } });
    if (response.status === 401) {
      this.tokens.refused(token);
      response = await exchange(this.resilience, D365_DIALECT, { ...request, headers: { ...request.headers, authorization: `Bearer ${await this.tokens.get()}` } });
    }
    if (response.status === 401 || response.status === 403)
      throw new ErpRefusalError('unauthorized', `D365 refused the application ${this.settings.clientId}: ${D365_DIALECT.messageOf(response)}`, { httpStatus: response.status });
    return response;
  }
}

/** Lines in chunks of at most LINES_PER_BATCH, a voucher's lines always in the same chunk. */
function byWholeVouchers(lines: D365JournalLine[]): D365JournalLine[][] {
  const chunks: D365JournalLine[][] = [];
  let current: D365JournalLine[] = [];
  for (let start = 0; start < lines.length;) {
    let end = start;
    while (end < lines.length && lines[end].voucher === lines[start].voucher) end += 1;
    const voucher = lines.slice(start, end);
    if (current.length > 0 && current.length + voucher.length > LINES_PER_BATCH) {
      chunks.push(current);
      current = [];
    }
    current.push(...voucher);
    start = end;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** An OData string literal. */
function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function errorOf(response: ErpResponse): { message?: string; inner?: { message?: string; type?: string } } {
  try {
    const error = (JSON.parse(response.body) as { error?: { message?: string; innererror?: { message?: string; type?: string } } }).error;
    return { message: error?.message, inner: error?.innererror };
  } catch {
    return {};
  }
}

const D365_DIALECT: ErpDialect = {
  // A 500 carrying AxODataWriteException is D365 refusing the data; any other 5xx may pass.
  transient: (response) => response.status >= 500 && !WRITE_EXCEPTION.test(errorOf(response).inner?.type ?? ''),
  messageOf: (response) => {
    const error = errorOf(response);
    return error.inner?.message || error.message || `HTTP ${response.status}`;
  },
};
