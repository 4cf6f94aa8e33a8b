import type { BatchExportInput } from '../batch-export';
import type { ErpConnector, ErpKeys, ErpReplay } from '../connector/erp-connector';
import type { ErpAcknowledged, ErpRejected, ErpSendOutcome } from '../connector/erp-send-outcome';
import { ErpRefusalError } from '../connector/erp-failures';
import { exchange, type ErpDialect, type ErpResponse } from '../connector/erp-http';
import { ErpTargetResilience } from '../connector/erp-target-resilience';
import type { SapTargetSettings } from '../connector/erp-target-settings';
import { basicAuthorization, sameCredentials } from '../connector/basic-authorization';
import { readSapConfirmation, sapConfirmationResult } from './sap-confirmation';
import { sapJournalEntryBulk } from './sap-journal-entry-bulk';
import { sapEntryMessageId, sapMessageId } from './sap-message-id';
import { currencyCode, minorUnitsFromDecimal } from '../../money';
import type { ErpBookedLine, ErpReadBack } from '../connector/erp-read-back';
import { readSoapBody, SAP_ASYNC_JOURNAL_ENTRY_PATH, SAP_JOURNAL_ENTRY_ITEMS_PATH, SAP_SOAP_ACTION, textOf } from './sap-soap';

/**
 * SAP S/4HANA Cloud, Journal Entry – Post (Asynchronous): the batch's JournalEntryBulkCreateRequest
 * (the export's bytes) POSTed with basic authentication; 202 means SAP took it, and its
 * JournalEntryBulkCreateConfirmation comes later to Ledgerbridge's callback, read with
 * `confirmationOutcome`. The bulk MessageHeader ID and UUID, and the UUID as transport MessageId,
 * are the batch's on every send, so SAP processes a resent message once.
 */
export class SapConnector implements ErpConnector {
  readonly erp = 'sap' as const;
  readonly target: string;
  readonly resilience: ErpTargetResilience;

  constructor(private readonly settings: SapTargetSettings) {
    this.target = settings.target;
    this.resilience = new ErpTargetResilience(settings.target, settings.resilience);
  }

  keys(input: BatchExportInput, replay: ErpReplay = FIRST_SEND): ErpKeys {
    const { batchId } = input.batch;
    const positions = replay.positions ?? input.entries.map((_, index) => index + 1);
    return { batch: sapMessageId(batchId, replay.generation).id, entries: positions.map((position) => sapEntryMessageId(batchId, position, replay.generation)) };
  }

  send(input: BatchExportInput, attempt: number, replay: ErpReplay = FIRST_SEND): Promise<ErpSendOutcome> {
    const { batchId } = input.batch;
    return this.resilience.send({ target: this.target, erp: this.erp, batchId, attempt }, async () => {
      const body = sapJournalEntryBulk(input, replay).body;
      const message = sapMessageId(batchId, replay.generation);
      const response = await exchange(this.resilience, SAP_DIALECT, {
        method: 'POST',
        url: `${this.settings.url}${SAP_ASYNC_JOURNAL_ENTRY_PATH}?MessageId=${message.uuid}`,
        headers: {
          authorization: basicAuthorization(this.settings.user, this.settings.password),
          'content-type': 'text/xml; charset=utf-8',
          soapaction: `"${SAP_SOAP_ACTION}"`,
        },
        body,
      });
      if (response.status === 202 || response.status === 200) return { outcome: 'pending' as const, messageId: message.id };
      if (response.status === 401 || response.status === 403)
        throw new ErpRefusalError('unauthorized', `SAP refused the communication user ${this.settings.user} (HTTP ${response.status})`, { httpStatus: response.status });
      throw new ErpRefusalError('refused', SAP_DIALECT.messageOf(response), { httpStatus: response.status });
    });
  }

  /**
   * SAP's books for Ledgerbridge's documents of one SAP company code: the journal entry items
   * posted in the days (OData V2 A_JournalEntryItemBasic, following `__next` pages), kept to the
   * documents given (`<company code>/<document>/<fiscal year>`).
   */
  async readBack(sapCompanyCode: string, days: { from: string; to: string }, documents: readonly string[]): Promise<ErpReadBack> {
    const wanted = new Set(documents);
    const lines: ErpBookedLine[] = [];
    const filter = `CompanyCode eq '${sapCompanyCode.replace(/'/g, "''")}' and PostingDate ge datetime'${days.from}T00:00:00' and PostingDate le datetime'${days.to}T00:00:00'`;
    const select = 'CompanyCode,AccountingDocument,FiscalYear,GLAccount,PostingDate,AmountInTransactionCurrency,TransactionCurrency,DebitCreditCode';
    let url: string | undefined = `${this.settings.url}${SAP_JOURNAL_ENTRY_ITEMS_PATH}?$filter=${encodeURIComponent(filter)}&$select=${select}&$format=json`;
    while (url !== undefined) {
      const response = await exchange(this.resilience, SAP_DIALECT, {
        method: 'GET',
        url,
        headers: { authorization: basicAuthorization(this.settings.user, this.settings.password), accept: 'application/json' },
      });
      if (response.status !== 200) return { available: false, why: `SAP answered HTTP ${response.status} to ${SAP_JOURNAL_ENTRY_ITEMS_PATH}: ${SAP_DIALECT.messageOf(response)}` };
      const page = (JSON.parse(response.body) as { d?: { results?: SapJournalEntryItem[]; __next?: string } }).d;
      for (const item of page?.results ?? []) {
        const document = `${item.CompanyCode}/${item.AccountingDocument}/${item.FiscalYear}`;
        if (!wanted.has(document)) continue;
        const minor = minorUnitsFromDecimal(String(item.AmountInTransactionCurrency), currencyCode(item.TransactionCurrency));
        const date = new Date(Number(/\/Date\((-?\d+)\)\//.exec(item.PostingDate)?.[1] ?? NaN)).toISOString().slice(0, 10);
        lines.push({ date, account: item.GLAccount, currency: item.TransactionCurrency, debitMinor: Math.max(minor, 0), creditMinor: Math.max(-minor, 0), document });
      }
      url = page?.__next;
    }
    return { available: true, lines, documentsRead: new Set(lines.map((line) => line.document)).size };
  }

  /** Whether a confirmation POSTed to the callback carries SAP's outbound credentials. */
  callbackAuthorized(authorization: string | undefined): boolean {
    return sameCredentials(authorization, this.settings.callbackUser, this.settings.callbackPassword.reveal());
  }

  /** The bulk MessageHeader ID a confirmation answers, to find its batch; throws SoapReadError when it is no confirmation. */
  confirmedMessageId(xml: string): string {
    return readSapConfirmation(xml).messageId;
  }

  /**
   * The batch's outcome from SAP's confirmation of the message sent (the batch, or a replay's
   * generation): acknowledged with a document per entry, or rejected (not retryable: a resend is
   * the same message, which SAP does not process again) with SAP's notes per refused entry. No
   * request is made (`tries` 0).
   */
  confirmationOutcome(xml: string, input: BatchExportInput, attempt: number, replay: ErpReplay = FIRST_SEND): ErpAcknowledged | ErpRejected {
    const confirmation = readSapConfirmation(xml);
    const of = { target: this.target, erp: this.erp, batchId: input.batch.batchId, attempt, tries: 0 };
    const expected = sapMessageId(input.batch.batchId, replay.generation).id;
    if (confirmation.messageId !== expected)
      throw new RangeError(
        `the confirmation answers message ${confirmation.messageId}, not batch ${input.batch.batchId}${replay.generation > 0 ? ` (replay ${replay.generation}: ${expected})` : ''}`,
      );
    const { documents, refused } = sapConfirmationResult(confirmation, input, replay);
    if (refused.length === 0) return { ...of, outcome: 'acknowledged', documents };
    return {
      ...of,
      outcome: 'rejected',
      retryable: false,
      reason: 'refused',
      message: refused.map((entry) => `entry ${entry.position}: ${entry.message}`).join('; '),
      refusedEntries: refused,
      documents,
    };
  }
}

/** One A_JournalEntryItemBasic as SAP's OData V2 JSON gives it (amounts signed, as decimal text). */
interface SapJournalEntryItem {
  CompanyCode: string;
  AccountingDocument: string;
  FiscalYear: string;
  GLAccount: string;
  /** `/Date(<ms>)/` */
  PostingDate: string;
  AmountInTransactionCurrency: string;
  TransactionCurrency: string;
  DebitCreditCode: 'S' | 'H';
}

const FIRST_SEND: ErpReplay = { generation: 0, positions: null };

/** A SOAP fault's text (1.1 faultstring, 1.2 Reason/Text), or the start of whatever else came back. */
function faultOf(response: ErpResponse): { client: boolean; text: string } | undefined {
  try {
    const fault = readSoapBody(response.body).Fault as Record<string, unknown> | undefined;
    if (!fault) return undefined;
    const code = textOf(fault.faultcode) ?? textOf((fault.Code as Record<string, unknown> | undefined)?.Value) ?? '';
    const text = textOf(fault.faultstring) ?? textOf((fault.Reason as Record<string, unknown> | undefined)?.Text) ?? '';
    return { client: /(Client|Sender|VersionMismatch)$/.test(code), text };
  } catch {
    return undefined;
  }
}

const SAP_DIALECT: ErpDialect = {
  // A client fault is our message's problem and fails again; a server fault or any other 5xx may pass.
  transient: (response) => response.status >= 500 && !faultOf(response)?.client,
  messageOf: (response) => faultOf(response)?.text || response.body.replace(/\s+/g, ' ').trim().slice(0, 300) || `HTTP ${response.status}`,
};
