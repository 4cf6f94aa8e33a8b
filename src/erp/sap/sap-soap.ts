import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** Journal Entry – Post (Asynchronous), `JournalEntryBulkCreationRequest_In`, on the tenant's API host. */
export const SAP_ASYNC_JOURNAL_ENTRY_PATH = '/sap/bc/srt/scs_ext/sap/journalentrybulkcreationreques';
/** Journal Entry Item – Read (OData V2 `API_JOURNALENTRYITEMBASIC_SRV`): the lines SAP booked, for reconciliation. */
export const SAP_JOURNAL_ENTRY_ITEMS_PATH = '/sap/opu/odata/sap/API_JOURNALENTRYITEMBASIC_SRV/A_JournalEntryItemBasic';
export const SAP_SOAP_ACTION = 'http://sap.com/xi/SAPSCORE/SFIN/JournalEntryBulkCreateRequest';
export const SOAP_11_ENVELOPE = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP_12_ENVELOPE = 'http://www.w3.org/2003/05/soap-envelope';

/** Elements that repeat, by path (namespace prefixes removed); one occurrence still reads as a list. */
const REPEATED = new Set([
  'Envelope.Body.JournalEntryBulkCreateRequest.JournalEntryCreateRequest',
  'Envelope.Body.JournalEntryBulkCreateRequest.JournalEntryCreateRequest.JournalEntry.Item',
  'Envelope.Body.JournalEntryBulkCreateConfirmation.JournalEntryCreateConfirmation',
  'Envelope.Body.JournalEntryBulkCreateConfirmation.JournalEntryCreateConfirmation.Log.Item',
  'Envelope.Body.JournalEntryBulkCreateConfirmation.Log.Item',
]);

/**
 * Prefixes removed (SAP qualifies only the root element, some clients every element), values
 * kept as text: amounts and document numbers like `0100000008` never pass through a number.
 */
const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  jPath: true,
  isArray: (_name, path) => REPEATED.has(path as string),
});

export class SoapReadError extends Error {}

/** The SOAP Body of a message; refuses a DTD (no entity expansion from outside) and anything not well-formed. */
export function readSoapBody(xml: string): Record<string, unknown> {
  if (/<!DOCTYPE/i.test(xml)) throw new SoapReadError('a document type declaration is not allowed');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new SoapReadError(`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  const document = parser.parse(xml) as { Envelope?: { Body?: unknown } };
  const body = document.Envelope?.Body;
  if (typeof body !== 'object' || body === null) throw new SoapReadError('no SOAP Envelope/Body');
  return body as Record<string, unknown>;
}

/** An element's text, whether it came as a bare value or with attributes (`#text`). */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && typeof (value as { '#text'?: unknown })['#text'] === 'string') return (value as { '#text': string })['#text'];
  return undefined;
}
