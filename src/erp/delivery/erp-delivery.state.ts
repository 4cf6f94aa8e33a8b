import type { ErpName } from '../../ledger/chart-of-accounts/chart-of-accounts';

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
