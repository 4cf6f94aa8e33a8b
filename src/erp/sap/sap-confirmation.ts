import type { BatchExportInput } from '../batch-export';
import type { ErpReplay } from '../connector/erp-connector';
import type { ErpDocument, RefusedEntry } from '../connector/erp-send-outcome';
import { sapEntryMessageId } from './sap-message-id';
import { readSoapBody, SoapReadError, textOf } from './sap-soap';

/** One JournalEntryCreateConfirmation: the entry's request it answers, SAP's document (or none) and its log. */
export interface SapEntryConfirmation {
  /** The entry request's MessageHeader ID. */
  referenceId: string;
  document: { accountingDocument: string; companyCode: string; fiscalYear: string } | null;
  /** MaximumLogItemSeverityCode: 1 success, 2 warning, 3 error. */
  severity: number;
  notes: string[];
}

/** A JournalEntryBulkCreateConfirmation as SAP POSTs it to the callback. */
export interface SapConfirmation {
  /** The bulk request's MessageHeader ID (its ReferenceID here): which batch it confirms. */
  messageId: string;
  entries: SapEntryConfirmation[];
}

type Node = Record<string, unknown>;
const node = (value: unknown): Node => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Node) : {});

/** Reads a confirmation; throws SoapReadError for anything else. */
export function readSapConfirmation(xml: string): SapConfirmation {
  const confirmation = node(readSoapBody(xml).JournalEntryBulkCreateConfirmation);
  const messageId = textOf(node(confirmation.MessageHeader).ReferenceID);
  if (!messageId) throw new SoapReadError('not a JournalEntryBulkCreateConfirmation with MessageHeader/ReferenceID');
  const entries = (Array.isArray(confirmation.JournalEntryCreateConfirmation) ? confirmation.JournalEntryCreateConfirmation : []).map((value): SapEntryConfirmation => {
    const entry = node(value);
    const document = node(entry.JournalEntryCreateConfirmation);
    const accountingDocument = (textOf(document.AccountingDocument) ?? '').trim();
    const log = node(entry.Log);
    const items = Array.isArray(log.Item) ? log.Item.map(node) : [];
    return {
      referenceId: textOf(node(entry.MessageHeader).ReferenceID) ?? '',
      // A failed entry comes back blank or all zeros.
      document: /^0*$/.test(accountingDocument) ? null : { accountingDocument, companyCode: textOf(document.CompanyCode) ?? '', fiscalYear: textOf(document.FiscalYear) ?? '' },
      severity: Number(textOf(log.MaximumLogItemSeverityCode) ?? '3'),
      notes: items.map((item) => textOf(item.Note) ?? '').filter((note) => note !== ''),
    };
  });
  return { messageId, entries };
}

/**
 * What the confirmation says of the batch: every entry posted (documents `<company code>/<document>/<fiscal
 * year>`), or the entries SAP refused with its notes, beside those it did post. Entries are matched
 * in the order the message carried them (all, or a replay's) and checked against their MessageHeader
 * IDs; a confirmation that does not fit the message is an Error.
 */
export function sapConfirmationResult(
  confirmation: SapConfirmation,
  input: BatchExportInput,
  replay: ErpReplay = { generation: 0, positions: null },
): { documents: ErpDocument[]; refused: RefusedEntry[] } {
  const { batchId } = input.batch;
  const positions = replay.positions ?? input.entries.map((_, index) => index + 1);
  if (confirmation.entries.length !== positions.length)
    throw new SoapReadError(`the confirmation answers ${confirmation.entries.length} entries, the message for batch ${batchId} had ${positions.length}`);
  const documents: ErpDocument[] = [];
  const refused: RefusedEntry[] = [];
  confirmation.entries.forEach((entry, index) => {
    const position = positions[index];
    const expected = sapEntryMessageId(batchId, position, replay.generation);
    if (entry.referenceId !== expected) throw new SoapReadError(`confirmation entry ${index + 1} answers ${entry.referenceId}, not ${expected}`);
    const entryId = input.entries[position - 1].entryId;
    if (entry.document && entry.severity < 3) {
      documents.push({ entry: { position, entryId }, documentNumber: `${entry.document.companyCode}/${entry.document.accountingDocument}/${entry.document.fiscalYear}` });
    } else {
      refused.push({ position, entryId, message: entry.notes.join('; ') || 'SAP posted no document' });
    }
  });
  return { documents, refused };
}
