import { createHash } from 'node:crypto';

/** Lengths of the SAP CHAR fields the export fills from Ledgerbridge ids (SAP refuses longer values). */
export const SAP_FIELD_LENGTH = {
  /** MessageHeader/ID (BusinessDocumentMessageID), mandatory on the asynchronous service. */
  MessageHeaderID: 35,
  DocumentReferenceID: 16,
  DocumentHeaderText: 25,
  DocumentItemText: 50,
} as const;

/**
 * A value that fits is sent as is. A longer one keeps its start, for a person reading the
 * document in SAP, and ends with a hash of the whole value, so it stays deterministic (a re-sent
 * batch carries the same text) and two long ids that share a start stay apart.
 */
export function sapField(field: keyof typeof SAP_FIELD_LENGTH, value: string): string {
  const max = SAP_FIELD_LENGTH[field];
  if (value.length <= max) return value;
  const digest = createHash('sha256').update(value).digest('hex').slice(0, 8);
  return `${value.slice(0, max - digest.length - 1)}~${digest}`;
}
