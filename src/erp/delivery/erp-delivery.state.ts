import type { ErpName } from '../../ledger/chart-of-accounts/chart-of-accounts';
import type { RefusedEntry } from '../connector/erp-send-outcome';

export type OpenDeliveryStatus =
  /** An attempt went out (or was about to when the process stopped): no outcome is recorded for it. */
  | 'sent'
  /** SAP took it; its confirmation is awaited until dueAt. */
  | 'pending'
  /** The ERP could not take it now: it goes again at dueAt. */
  | 'rejected'
  /** The ERP refused it: an operator replays or skips it. */
  | 'dead-lettered'
  /** An operator asked for it to go again, under the next generation. */
  | 'replay-requested';

/** A batch of the lane taken into delivery and not settled yet. */
export interface OpenDelivery {
  batchId: string;
  chainIndex: number;
  status: OpenDeliveryStatus;
  /** The last attempt's number (1 for the first send; 0 when refused before any send). */
  attempt: number;
  generation: number;
  entryCount: number;
  /** Entries (1-based) the ERP has not documented yet, when it documented some; null: the whole batch. */
  remaining: number[] | null;
  firstSentAt: string;
  lastSentAt: string;
  /** When it goes again: the retry time after a retryable rejection, the confirmation deadline while pending. */
  dueAt: string | null;
  /**
   * While dead-lettered: the ERP's refusal that made it one, kept here so the dead-letter list has
   * it as soon as the batch is one. Absent in lane states recorded before the lane kept it.
   */
  rejection?: DeadLetterRejection;
}

/** What the ERP said when it refused a batch for good (the BatchRejectedByErp that dead-lettered it). */
export interface DeadLetterRejection {
  at: string;
  /** The attempt refused (SAP may refuse an earlier attempt of the same message); 0: refused before any send. */
  attempt: number;
  reason: string;
  message: string;
  httpStatus: number | null;
  /** The first LISTED_REFUSALS entries the ERP refused, with its message each; refusedCount says how many in all. */
  refusedEntries: RefusedEntry[];
  refusedCount: number;
  via: 'answer' | 'confirmation' | 'runner';
}

/**
 * One lane (company code and ERP target) of the delivery log. Batches go in chain order: `next`
 * is the first chain index never taken, every batch before it is settled (acknowledged or
 * skipped) or open; at most the window's batches are open at once, so the state stays small.
 */
export interface DeliveryLaneState {
  companyCode: string | null;
  target: string | null;
  erp: ErpName | null;
  next: number;
  open: OpenDelivery[];
  lastAcknowledged: { batchId: string; chainIndex: number; at: string } | null;
}
