import type { BatchExportInput } from '../batch-export';
import { AccessTokens, requestToken } from '../connector/access-token';
import type { ErpConnector, ErpKeys } from '../connector/erp-connector';
import { isLosslessNumber, parse } from 'lossless-json';
import { currencyCode, minorUnitsFromDecimal } from '../../money';
import type { ErpBookedLine, ErpReadBack } from '../connector/erp-read-back';
import type { ErpDocument, ErpSendOutcome } from '../connector/erp-send-outcome';
import { ErpRefusalError } from '../connector/erp-failures';
import { exchange, type ErpDialect, type ErpRequest, type ErpResponse } from '../connector/erp-http';
import { ErpTargetResilience } from '../connector/erp-target-resilience';
import type { NetSuiteTargetSettings } from '../connector/erp-target-settings';
import { decimalJson } from '../decimal-json';
import { netsuiteExternalId, netsuiteJournalEntryRecords } from './netsuite-journal-entries';
import { CLIENT_ASSERTION_TYPE, clientAssertion } from './netsuite-m2m';
import { NETSUITE_JOURNAL_ENTRY_PATH, netsuiteErrorDetails } from './netsuite-rest';
import { tbaAuthorization } from './netsuite-tba';

/**
 * NetSuite REST web services: each entry upserted as a `journalentry` by its externalId
 * (`PUT .../journalentry/eid:<id>?replace=line`, so a resend replaces the lines instead of
 * adding to them), then its tranId read from the record the 204's Location names. Entries go
 * one after another; a retry within the same send skips those already acknowledged, and the
 * first refused entry ends the send. Authentication by TBA or OAuth 2.0 client credentials.
 */
export class NetSuiteConnector implements ErpConnector {
  readonly erp = 'netsuite' as const;
  readonly target: string;
  readonly resilience: ErpTargetResilience;
  private readonly tokens?: AccessTokens;

  constructor(private readonly settings: NetSuiteTargetSettings) {
    this.target = settings.target;
    this.resilience = new ErpTargetResilience(settings.target, settings.resilience);
    const { auth } = settings;
    if (auth.kind === 'm2m') {
      this.tokens = new AccessTokens(() =>
        requestToken(
          auth.tokenUrl,
          {
            grant_type: 'client_credentials',
            client_assertion_type: CLIENT_ASSERTION_TYPE,
            client_assertion: clientAssertion({
              clientId: auth.clientId,
              certificateId: auth.certificateId,
              privateKeyPem: auth.privateKey.reveal(),
              audience: auth.tokenUrl,
              nowSeconds: Math.floor(Date.now() / 1000),
            }),
          },
          settings.resilience.requestTimeoutMs,
        ),
      );
    }
  }

  keys(input: BatchExportInput): ErpKeys {
    const { batchId } = input.batch;
    return { batch: batchId, entries: input.entries.map((_, index) => netsuiteExternalId(batchId, index + 1)) };
  }

  send(input: BatchExportInput, attempt: number): Promise<ErpSendOutcome> {
    const acknowledged = new Map<string, ErpDocument>();
    return this.resilience.send({ target: this.target, erp: this.erp, batchId: input.batch.batchId, attempt }, async () => {
      const records = netsuiteJournalEntryRecords(input);
      for (const { position, entryId, externalId, record } of records) {
        if (acknowledged.has(externalId)) continue;
        const entry = { position, entryId };
        const refused = (response: ErpResponse) =>
          new ErpRefusalError('refused', NETSUITE_DIALECT.messageOf(response), {
            httpStatus: response.status,
            refusedEntries: [{ ...entry, message: NETSUITE_DIALECT.messageOf(response) }],
            documents: [...acknowledged.values()],
          });
        const put = await this.call({
          method: 'PUT',
          url: `${this.settings.url}${NETSUITE_JOURNAL_ENTRY_PATH}/eid:${externalId}?replace=line`,
          headers: { 'content-type': 'application/json', prefer: 'transient' },
          body: decimalJson(record),
        });
        if (put.status !== 204) throw refused(put);
        const internalId = /\/journalentry\/(\d+)$/i.exec(put.headers.get('location') ?? '')?.[1];
        if (internalId === undefined)
          throw new ErpRefusalError('unexpected-answer', `NetSuite answered 204 for ${externalId} without a journalentry Location`, { documents: [...acknowledged.values()] });
        const read = await this.call({
          method: 'GET',
          url: `${this.settings.url}${NETSUITE_JOURNAL_ENTRY_PATH}/${internalId}?fields=tranId`,
          headers: { accept: 'application/json' },
        });
        if (read.status !== 200) throw refused(read);
        const tranId = (JSON.parse(read.body) as { tranId?: unknown }).tranId;
        if (typeof tranId !== 'string')
          throw new ErpRefusalError('unexpected-answer', `NetSuite's journalentry ${internalId} has no tranId`, { documents: [...acknowledged.values()] });
        acknowledged.set(externalId, { entry, documentNumber: tranId, internalId });
      }
      return { outcome: 'acknowledged' as const, documents: records.map((r) => acknowledged.get(r.externalId)!) };
    });
  }

  /**
   * NetSuite's books for Ledgerbridge's journal entries: each record read back by its internal id
   * with its lines (`GET .../journalentry/<id>?expandSubResources=true`), amounts from the exact
   * decimal text. `currencies` maps NetSuite currency ids back to ISO codes (the chart's).
   */
  async readBack(internalIds: readonly string[], currencies: Readonly<Record<string, string>>): Promise<ErpReadBack> {
    const lines: ErpBookedLine[] = [];
    for (const id of internalIds) {
      const response = await this.call({
        method: 'GET',
        url: `${this.settings.url}${NETSUITE_JOURNAL_ENTRY_PATH}/${encodeURIComponent(id)}?expandSubResources=true`,
        headers: { accept: 'application/json' },
      });
      if (response.status !== 200) return { available: false, why: `NetSuite answered HTTP ${response.status} for journalentry ${id}: ${NETSUITE_DIALECT.messageOf(response)}` };
      const record = parse(response.body) as {
        tranId?: string;
        tranDate?: string;
        currency?: { id?: string };
        line?: { items?: Array<{ account?: { id?: string }; debit?: unknown; credit?: unknown }> };
      };
      const currency = Object.entries(currencies).find(([, netsuiteId]) => netsuiteId === String(record.currency?.id))?.[0];
      if (currency === undefined) return { available: false, why: `journalentry ${id} is in NetSuite currency ${String(record.currency?.id)}, which the chart does not map` };
      for (const item of record.line?.items ?? []) {
        const amount = (value: unknown) => (isLosslessNumber(value) ? minorUnitsFromDecimal(value.value, currencyCode(currency)) : 0);
        lines.push({
          date: String(record.tranDate ?? '').slice(0, 10),
          account: String(item.account?.id ?? ''),
          currency,
          debitMinor: amount(item.debit),
          creditMinor: amount(item.credit),
          document: String(record.tranId ?? id),
        });
      }
    }
    return { available: true, lines, documentsRead: internalIds.length };
  }

  /** One signed request; with a bearer token NetSuite turned down, one more with a fresh token. */
  private async call(request: ErpRequest): Promise<ErpResponse> {
    const token = this.tokens ? await this.tokens.get() : undefined;
    let response = await exchange(this.resilience, NETSUITE_DIALECT, { ...request, headers: { ...request.headers, authorization: this.authorization(request, token) } });
    if (response.status === 401 && this.tokens && token !== undefined) {
      this.tokens.refused(token);
      const fresh = await this.tokens.get();
      response = await exchange(this.resilience, NETSUITE_DIALECT, { ...request, headers: { ...request.headers, authorization: this.authorization(request, fresh) } });
    }
    if (response.status === 401 || response.status === 403)
      throw new ErpRefusalError('unauthorized', `NetSuite refused the credentials: ${NETSUITE_DIALECT.messageOf(response)}`, { httpStatus: response.status });
    return response;
  }

  private authorization(request: ErpRequest, token: string | undefined): string {
    const { auth, accountId } = this.settings;
    if (auth.kind === 'm2m') return `Bearer ${token}`;
    return tbaAuthorization({
      method: request.method,
      url: request.url,
      realm: accountId,
      consumerKey: auth.consumerKey,
      consumerSecret: auth.consumerSecret.reveal(),
      tokenId: auth.tokenId,
      tokenSecret: auth.tokenSecret.reveal(),
    });
  }
}

const NETSUITE_DIALECT: ErpDialect = {
  // NetSuite's concurrency limit has been seen as 400 as well as 429; its code says which.
  transient: (response) => response.status >= 500 || netsuiteErrorDetails(response.body).some((d) => d['o:errorCode'] === 'CONCURRENCY_LIMIT_EXCEEDED'),
  messageOf: (response) => {
    const details = netsuiteErrorDetails(response.body);
    if (details.length === 0) return `HTTP ${response.status}`;
    return details.map((d) => `${d.detail} (${d['o:errorCode']}${d['o:errorPath'] ? ` at ${d['o:errorPath']}` : ''})`).join('; ');
  },
};
