import type { ErpName } from '../../ledger/chart-of-accounts/chart-of-accounts';

/** A document the ERP made of a batch: one per entry (SAP, NetSuite), or one for the batch (the D365 journal). */
export interface ErpDocument {
  /** The entry's position in the batch (1-based) and id; null when the document holds the whole batch. */
  entry: { position: number; entryId: string } | null;
  /**
   * What finance finds the document by in the ERP: SAP `<company code>/<accounting document>/<fiscal year>`,
   * NetSuite's tranId, D365's journal batch number.
   */
  documentNumber: string;
  /** The ERP's record id where it differs from the number (NetSuite's internal id). */
  internalId?: string;
}

export type ErpRejectionReason =
  /** The ERP refused the content (validation, closed period, unknown account): resending the same batch fails again. */
  | 'refused'
  /** The ERP refused the credentials: the settings need fixing. */
  | 'unauthorized'
  /** The chart of accounts cannot express the batch for this ERP; nothing was sent. */
  | 'unmapped'
  /** The ERP answered something its interface does not describe. */
  | 'unexpected-answer'
  | 'throttled'
  | 'unavailable'
  | 'timeout'
  /** The target's breaker is open after repeated failures: nothing was sent. */
  | 'circuit-open'
  /** Too many requests already waiting for the target: nothing was sent. */
  | 'bulkhead-full';

interface OutcomeOf {
  target: string;
  erp: ErpName;
  batchId: string;
  attempt: number;
  /** Tries this send made: 1, plus one per in-process retry after a transient failure. */
  tries: number;
}

export interface ErpAcknowledged extends OutcomeOf {
  outcome: 'acknowledged';
  documents: ErpDocument[];
}

/** SAP took the message (202); its JournalEntryBulkCreateConfirmation will come to the callback. */
export interface ErpPending extends OutcomeOf {
  outcome: 'pending';
  /** The MessageHeader ID the confirmation will name as its ReferenceID. */
  messageId: string;
}

export interface ErpRejected extends OutcomeOf {
  outcome: 'rejected';
  /** true: the ERP could not take it now, send again later; false: resending the same batch fails the same way. */
  retryable: boolean;
  reason: ErpRejectionReason;
  /** The ERP's own message (several joined by '; '), or what went wrong on the way; never a credential. */
  message: string;
  httpStatus?: number;
  /** How long the ERP asked to be left alone (Retry-After), when it said. */
  retryAfterMs?: number;
  /** The entries the ERP refused, with its message for each, when it says which. */
  refusedEntries: RefusedEntry[];
  /** Documents the ERP made before refusing (SAP entries that posted, NetSuite entries before the refused one). */
  documents: ErpDocument[];
}

export interface RefusedEntry {
  position: number;
  entryId: string;
  message: string;
}

export type ErpSendOutcome = ErpAcknowledged | ErpPending | ErpRejected;
