import { randomUUID } from 'node:crypto';
import { currencyCode, isCurrencyCode, minorUnitsFromDecimal } from '../../money';
import { sameCredentials } from '../connector/basic-authorization';
import { decimalText } from '../erp-amount';
import { SAP_ASYNC_JOURNAL_ENTRY_PATH, SAP_JOURNAL_ENTRY_ITEMS_PATH, readSoapBody, SOAP_11_ENVELOPE, SOAP_12_ENVELOPE, SoapReadError, textOf } from '../sap/sap-soap';
import { xmlElement, xmlText } from '../sap/xml-text';
import type { ErpCharts } from './simulator-chart';
import type { FaultBook } from './simulator-faults';
import { isCalendarDate, type ErpEndpoint, type SimAnswer, type SimRequest } from './simulator-http';
import type { SimulatorLedger, SimulatorLine } from './simulator-ledger';
import type { ErpSimulatorSettings } from './simulator-settings';

/** The logical system SAP names in its notes. */
const LOGICAL_SYSTEM = 'LBSIM';

type Node = Record<string, unknown>;
const node = (value: unknown): Node => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Node) : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

interface EntryResult {
  referenceId: string;
  document?: { accountingDocument: string; companyCode: string; fiscalYear: string };
  /** [TypeID, note]; TypeIDs 605/609(RW) and 507(F5) are SAP's own, LB_SIM ones the simulator's. */
  log: Array<[string, string]>;
}

/** Where the simulator reports a confirmation it sent or failed to send. */
export type CallbackReport = (entry: { messageId: string; status: number | 'failed'; attempt: number }) => void;

/**
 * SAP S/4HANA Cloud's Journal Entry – Post (Asynchronous): takes a JournalEntryBulkCreateRequest
 * with 202 and posts each entry it can; the JournalEntryBulkCreateConfirmation goes to the
 * configured callback afterwards. A message whose MessageHeader ID (or transport MessageId) it
 * has seen posts nothing and has its first confirmation sent again.
 */
export class SapEndpoint implements ErpEndpoint {
  readonly erp = 'sap' as const;
  private readonly confirmations = new Map<string, string>();
  private readonly transportIds = new Map<string, string>();
  private readonly lastNumber = new Map<string, number>();
  private readonly pendingCallbacks = new Set<Promise<void>>();

  constructor(
    private readonly settings: ErpSimulatorSettings,
    private readonly charts: ErpCharts,
    private readonly ledger: SimulatorLedger,
    private readonly faults: FaultBook,
    private readonly reportCallback: CallbackReport,
  ) {}

  isTokenRequest(): boolean {
    return false;
  }

  async handle(request: SimRequest): Promise<SimAnswer> {
    if (request.url.pathname === SAP_JOURNAL_ENTRY_ITEMS_PATH) return this.items(request);
    if (request.url.pathname !== SAP_ASYNC_JOURNAL_ENTRY_PATH)
      return { status: 404, headers: { 'content-type': 'text/html' }, body: '<html><body>Service cannot be reached</body></html>' };
    if (request.method !== 'POST') return { status: 405, headers: { allow: 'POST' } };
    if (!sameCredentials(request.headers.authorization, this.settings.sap.user, this.settings.sap.password)) {
      return { status: 401, headers: { 'www-authenticate': 'Basic realm="SAP NetWeaver Application Server [LBS/100]"' } };
    }
    const contentType = String(request.headers['content-type'] ?? '');
    const soap12 = contentType.startsWith('application/soap+xml');
    if (!soap12 && !contentType.startsWith('text/xml')) return fault(false, 'Client', `Content-Type ${contentType || '(none)'} is not SOAP (text/xml or application/soap+xml)`);
    if (!request.body.includes(soap12 ? SOAP_12_ENVELOPE : SOAP_11_ENVELOPE))
      return fault(soap12, 'VersionMismatch', 'the envelope namespace does not match the SOAP version of the Content-Type');
    let body: Node;
    try {
      body = readSoapBody(request.body);
    } catch (error) {
      if (error instanceof SoapReadError) return fault(soap12, 'Client', error.message);
      throw error;
    }
    const bulk = node(body.JournalEntryBulkCreateRequest);
    const messageId = textOf(node(bulk.MessageHeader).ID);
    if (!messageId || messageId.length > 35) return fault(soap12, 'Client', 'MessageHeader/ID is mandatory for the asynchronous service and at most 35 characters');
    if (!textOf(node(bulk.MessageHeader).CreationDateTime)) return fault(soap12, 'Client', 'MessageHeader/CreationDateTime is mandatory');
    const transportId = request.url.searchParams.get('MessageId');
    const seen = this.confirmations.get(messageId) ?? (transportId ? this.confirmations.get(this.transportIds.get(transportId) ?? '') : undefined);
    if (seen === undefined) {
      const results = list(bulk.JournalEntryCreateRequest).map((entry) => this.post(node(entry), messageId));
      this.confirmations.set(messageId, confirmationOf(messageId, results));
      if (transportId) this.transportIds.set(transportId, messageId);
    }
    this.confirm(messageId);
    return { status: 202 };
  }

  /**
   * Journal Entry Item – Read (OData V2 A_JournalEntryItemBasic), as far as reconciliation reads it:
   * `$filter` on CompanyCode (eq) and PostingDate (ge/le datetime'...'), JSON, one page.
   */
  private items(request: SimRequest): SimAnswer {
    if (request.method !== 'GET') return { status: 405, headers: { allow: 'GET' } };
    if (!sameCredentials(request.headers.authorization, this.settings.sap.user, this.settings.sap.password))
      return { status: 401, headers: { 'www-authenticate': 'Basic realm="SAP NetWeaver Application Server [LBS/100]"' } };
    const filter = request.url.searchParams.get('$filter') ?? '';
    const companyCode = /CompanyCode eq '([^']*)'/.exec(filter)?.[1];
    const from = /PostingDate ge datetime'(\d{4}-\d{2}-\d{2})/.exec(filter)?.[1];
    const to = /PostingDate le datetime'(\d{4}-\d{2}-\d{2})/.exec(filter)?.[1];
    const results = this.ledger.documents({ erp: 'sap', ...(companyCode !== undefined ? { company: companyCode } : {}) }).flatMap((document) => {
      const [code, accountingDocument, fiscalYear] = document.documentNumber.split('/');
      return document.lines
        .filter((line) => (from === undefined || line.date >= from) && (to === undefined || line.date <= to))
        .map((line, index) => ({
          CompanyCode: code,
          AccountingDocument: accountingDocument,
          FiscalYear: fiscalYear,
          LedgerGLLineItem: String(index + 1).padStart(6, '0'),
          GLAccount: line.account,
          PostingDate: `/Date(${Date.parse(`${line.date}T00:00:00Z`)})/`,
          AmountInTransactionCurrency: decimalText(line.debitMinor - line.creditMinor, line.currency),
          TransactionCurrency: line.currency,
          DebitCreditCode: line.debitMinor > 0 ? 'S' : 'H',
        }));
    });
    return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ d: { results } }) };
  }

  unavailable(status: number, message: string): SimAnswer {
    if (status === 429 || status === 503) return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: message };
    return fault(false, 'Server', `Web service processing error; ${message} (Transaction ID ${randomUUID().replace(/-/g, '').toUpperCase()})`, status);
  }

  /** Resolves once every confirmation under way was delivered or given up. */
  async settled(): Promise<void> {
    await Promise.all([...this.pendingCallbacks]);
  }

  private post(request: Node, bulkId: string): EntryResult {
    const referenceId = textOf(node(request.MessageHeader).ID) ?? '';
    const entry = node(request.JournalEntry);
    const problems: Array<[string, string]> = [];
    const companyCode = textOf(entry.CompanyCode) ?? '';
    const company = this.charts.sap.get(companyCode);
    const postingDate = textOf(entry.PostingDate);
    if (referenceId === '' || referenceId.length > 35) problems.push(['001(LB_SIM)', `MessageHeader/ID of the entry is mandatory and at most 35 characters (message ${bulkId})`]);
    if (!company) problems.push(['001(LB_SIM)', `Company code ${companyCode || '(none)'} does not exist`]);
    if (!isCalendarDate(postingDate)) problems.push(['001(LB_SIM)', `PostingDate ${postingDate ?? '(none)'} is not a date`]);
    else if (this.settings.closedPeriods.sap.includes(postingDate.slice(0, 7)))
      problems.push(['001(LB_SIM)', `Posting period ${postingDate.slice(5, 7)} ${postingDate.slice(0, 4)} is not open`]);
    for (const [field, max] of [
      ['DocumentReferenceID', 16],
      ['DocumentHeaderText', 25],
    ] as const) {
      if ((textOf(entry[field]) ?? '').length > max) problems.push(['001(LB_SIM)', `${field} is longer than ${max} characters`]);
    }
    const lines: SimulatorLine[] = [];
    const balance = new Map<string, number>();
    const items = list(entry.Item);
    if (items.length === 0) problems.push(['001(LB_SIM)', 'the journal entry has no items']);
    items.forEach((value, index) => {
      const item = node(value);
      const at = `item ${index + 1}`;
      const account = textOf(item.GLAccount) ?? '';
      if (company && !company.accounts.has(account))
        problems.push(['507(F5)', `G/L account ${account || '(none)'} is not defined in chart of accounts for company code ${companyCode}`]);
      const costCenter = textOf(node(item.AccountAssignment).CostCenter);
      if (company && costCenter !== undefined && !company.costCenters.has(costCenter)) problems.push(['001(LB_SIM)', `${at}: cost center ${costCenter} does not exist`]);
      if ((textOf(item.DocumentItemText) ?? '').length > 50) problems.push(['001(LB_SIM)', `${at}: DocumentItemText is longer than 50 characters`]);
      const amount = node(item.AmountInTransactionCurrency);
      const currency = textOf(amount['@_currencyCode']) ?? '';
      const text = textOf(item.AmountInTransactionCurrency) ?? '';
      let minor: number;
      try {
        if (!isCurrencyCode(currency)) throw new RangeError(`currency ${currency || '(none)'} is not known`);
        minor = minorUnitsFromDecimal(text, currencyCode(currency));
      } catch (error) {
        problems.push(['001(LB_SIM)', `${at}: amount ${text}: ${(error as Error).message}`]);
        return;
      }
      const code = textOf(item.DebitCreditCode);
      if ((code === 'S' && minor < 0) || (code === 'H' && minor > 0) || (code !== 'S' && code !== 'H'))
        problems.push(['001(LB_SIM)', `${at}: DebitCreditCode ${code ?? '(none)'} does not fit amount ${text}`]);
      balance.set(currency, (balance.get(currency) ?? 0) + minor);
      lines.push({
        date: postingDate ?? '',
        account,
        ...(costCenter !== undefined ? { costCenter } : {}),
        currency,
        debitMinor: Math.max(minor, 0),
        creditMinor: Math.max(-minor, 0),
        text: textOf(item.DocumentItemText) ?? '',
      });
    });
    for (const [currency, sum] of balance) if (sum !== 0) problems.push(['702(F5)', `Balance in transaction currency ${currency} is not zero`]);
    const refusal = this.faults.refusal('sap', referenceId);
    if (refusal !== undefined) problems.push(['001(LB_SIM)', refusal]);
    if (problems.length > 0) return { referenceId, log: [['609(RW)', `Error in document: BKPFF $ ${LOGICAL_SYSTEM}`], ...problems] };

    const fiscalYear = (postingDate as string).slice(0, 4);
    const counter = `${companyCode}/${fiscalYear}`;
    const number = (this.lastNumber.get(counter) ?? 100_000_000) + 1;
    this.lastNumber.set(counter, number);
    const accountingDocument = String(number).padStart(10, '0');
    this.ledger.add({
      erp: 'sap',
      company: companyCode,
      documentNumber: `${companyCode}/${accountingDocument}/${fiscalYear}`,
      key: referenceId,
      postingDate: postingDate as string,
      lines,
    });
    return {
      referenceId,
      document: { accountingDocument, companyCode, fiscalYear },
      log: [['605(RW)', `Document posted successfully: BKPFF ${accountingDocument}${companyCode}${fiscalYear} ${LOGICAL_SYSTEM}`]],
    };
  }

  /** Sends the message's confirmation to the callback, as a callback fault allows. */
  private confirm(messageId: string): void {
    const callback = this.settings.sap.callback;
    const confirmation = this.confirmations.get(messageId);
    if (!callback || confirmation === undefined) return;
    const fault = this.faults.takeCallbackFault();
    if (fault?.callback === 'never') return;
    const copies = fault?.callback === 'twice' ? 2 : 1;
    const delayMs = fault?.callback === 'late' ? (fault.delayMs ?? 1000) : 0;
    const delivery = (async () => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      for (let copy = 0; copy < copies; copy += 1) await this.deliver(callback, messageId, confirmation);
    })();
    this.pendingCallbacks.add(delivery);
    void delivery.finally(() => this.pendingCallbacks.delete(delivery));
  }

  /** SAP's outbound call: a few tries, then the message stays in error (the Message Dashboard's business). */
  private async deliver(callback: NonNullable<ErpSimulatorSettings['sap']['callback']>, messageId: string, confirmation: string): Promise<void> {
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      try {
        const response = await fetch(callback.url, {
          method: 'POST',
          headers: { authorization: `Basic ${Buffer.from(`${callback.user}:${callback.password}`).toString('base64')}`, 'content-type': 'text/xml; charset=utf-8' },
          body: confirmation,
          signal: AbortSignal.timeout(10_000),
        });
        await response.arrayBuffer();
        this.reportCallback({ messageId, status: response.status, attempt });
        if (response.ok) return;
      } catch {
        this.reportCallback({ messageId, status: 'failed', attempt });
      }
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

function fault(soap12: boolean, code: 'Client' | 'Server' | 'VersionMismatch', message: string, status = 500): SimAnswer {
  const ns = soap12 ? SOAP_12_ENVELOPE : SOAP_11_ENVELOPE;
  const faultCode = soap12 ? ({ Client: 'env:Sender', Server: 'env:Receiver', VersionMismatch: 'env:VersionMismatch' } as const)[code] : `env:${code}`;
  const inner = soap12
    ? `<env:Fault><env:Code><env:Value>${faultCode}</env:Value></env:Code><env:Reason><env:Text xml:lang="en">${xmlText(message)}</env:Text></env:Reason></env:Fault>`
    : `<env:Fault><faultcode>${faultCode}</faultcode><faultstring xml:lang="en">${xmlText(message)}</faultstring><detail/></env:Fault>`;
  return {
    status,
    headers: { 'content-type': soap12 ? 'application/soap+xml; charset=utf-8' : 'text/xml; charset=utf-8' },
    body: `<env:Envelope xmlns:env="${ns}"><env:Header/><env:Body>${inner}</env:Body></env:Envelope>`,
  };
}

/** The JournalEntryBulkCreateConfirmation, one JournalEntryCreateConfirmation per entry in request order. */
function confirmationOf(messageId: string, results: EntryResult[]): string {
  const now = new Date().toISOString();
  const entries = results
    .map((result) => {
      const severity = result.document ? '1' : '3';
      const document = result.document ?? { accountingDocument: ' ', companyCode: ' ', fiscalYear: '0000' };
      const items = result.log.map(([type, note]) => `<Item>${xmlElement('TypeID', type)}${xmlElement('SeverityCode', severity)}${xmlElement('Note', note)}</Item>`).join('');
      return (
        '<JournalEntryCreateConfirmation>' +
        `<MessageHeader>${xmlElement('UUID', randomUUID())}${xmlElement('ReferenceID', result.referenceId)}${xmlElement('CreationDateTime', now)}</MessageHeader>` +
        `<JournalEntryCreateConfirmation>${xmlElement('AccountingDocument', document.accountingDocument)}${xmlElement('CompanyCode', document.companyCode)}${xmlElement('FiscalYear', document.fiscalYear)}</JournalEntryCreateConfirmation>` +
        `<Log>${xmlElement('MaximumLogItemSeverityCode', severity)}${items}</Log>` +
        '</JournalEntryCreateConfirmation>'
      );
    })
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?><soap-env:Envelope xmlns:soap-env="${SOAP_11_ENVELOPE}"><soap-env:Header/><soap-env:Body>` +
    '<n0:JournalEntryBulkCreateConfirmation xmlns:n0="http://sap.com/xi/SAPSCORE/SFIN">' +
    `<MessageHeader>${xmlElement('UUID', randomUUID())}${xmlElement('ReferenceID', messageId)}${xmlElement('CreationDateTime', now)}${xmlElement('SenderBusinessSystemID', LOGICAL_SYSTEM)}</MessageHeader>` +
    entries +
    '<Log/></n0:JournalEntryBulkCreateConfirmation></soap-env:Body></soap-env:Envelope>'
  );
}
