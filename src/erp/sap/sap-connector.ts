import type { BatchExportInput } from '../batch-export';
import type { ErpConnector, ErpKeys } from '../connector/erp-connector';
import type { ErpAcknowledged, ErpRejected, ErpSendOutcome } from '../connector/erp-send-outcome';
import { ErpRefusalError } from '../connector/erp-failures';
import { exchange, type ErpDialect, type ErpResponse } from '../connector/erp-http';
import { ErpTargetResilience } from '../connector/erp-target-resilience';
import type { SapTargetSettings } from '../connector/erp-target-settings';
import { basicAuthorization, sameCredentials } from '../connector/basic-authorization';
import { readSapConfirmation, sapConfirmationResult } from './sap-confirmation';
import { sapJournalEntryBulk } from './sap-journal-entry-bulk';
import { sapEntryMessageId, sapMessageId } from './sap-message-id';
import { readSoapBody, SAP_ASYNC_JOURNAL_ENTRY_PATH, SAP_SOAP_ACTION, textOf } from './sap-soap';

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

  keys(input: BatchExportInput): ErpKeys {
    const { batchId } = input.batch;
    return { batch: sapMessageId(batchId).id, entries: input.entries.map((_, index) => sapEntryMessageId(batchId, index + 1)) };
  }

  send(input: BatchExportInput, attempt: number): Promise<ErpSendOutcome> {
    const { batchId } = input.batch;
    return this.resilience.send({ target: this.target, erp: this.erp, batchId, attempt }, async () => {
      const body = sapJournalEntryBulk(input).body;
      const message = sapMessageId(batchId);
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
      if (response.status === 401 || response.status === 403) throw new ErpRefusalError('unauthorized', `SAP refused the communication user ${this.settings.user} (HTTP ${response.status})`, { httpStatus: response.status });
      throw new ErpRefusalError('refused', SAP_DIALECT.messageOf(response), { httpStatus: response.status });
    });
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
   * The batch's outcome from SAP's confirmation: acknowledged with a document per entry, or
   * rejected (not retryable: a resend is the same message, which SAP does not process again)
   * with SAP's notes per refused entry. No request is made (`tries` 0).
   */
  confirmationOutcome(xml: string, input: BatchExportInput, attempt: number): ErpAcknowledged | ErpRejected {
    const confirmation = readSapConfirmation(xml);
    const of = { target: this.target, erp: this.erp, batchId: input.batch.batchId, attempt, tries: 0 };
    if (confirmation.messageId !== sapMessageId(input.batch.batchId).id) throw new RangeError(`the confirmation answers message ${confirmation.messageId}, not batch ${input.batch.batchId}`);
    const { documents, refused } = sapConfirmationResult(confirmation, input);
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
