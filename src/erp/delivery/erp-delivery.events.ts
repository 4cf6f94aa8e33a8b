import type { ErpDocument, RefusedEntry } from '../connector/erp-send-outcome';
import type { ErpName } from '../../ledger/chart-of-accounts/chart-of-accounts';
import { composedId } from '../../channels/composed-id';
import type { DeliveryLaneState } from './erp-delivery.state';

/** Stream category of the delivery log: one stream per company code and ERP target (a lane). */
export const ERP_DELIVERY_CATEGORY = 'erp-delivery';

/** The lane's id, `<target>-<companyCode>` by the composed-id rule (a target's own `-` written `:2D`), so either may hold `-`. */
export function deliveryLaneId(target: string, companyCode: string): string {
  return composedId([target, companyCode]);
}

/** At most this many refused entries are listed in one event (the count says how many there were); it keeps events small. */
export const LISTED_REFUSALS = 50;

/** What every delivery event says: which batch of which lane, when, and the lane's state after it (the aggregate loads from the last event alone). */
interface DeliveryFact {
  companyCode: string;
  target: string;
  erp: ErpName;
  batchId: string;
  /** The batch's place in its company's chain. */
  chainIndex: number;
  at: string;
  after: DeliveryLaneState;
}

/** An attempt is about to go out: recorded before the request, with the ERP's keys it will carry. */
export interface BatchSentToErpData extends DeliveryFact {
  attempt: number;
  /** 0, one more per replay an operator requested; SAP's message id carries it. */
  generation: number;
  /** Ties the attempt to the runner's log lines and the ERP's request log. */
  requestId: string;
  /** The ERP's idempotency key of the batch for this generation (SAP MessageHeader ID, NetSuite batch id, D365 journal Description). */
  key: string;
  entryCount: number;
  /** The entries this attempt carries (1-based); null: all of them. Only a SAP replay sends fewer. */
  positions: number[] | null;
}

/** SAP took the message (202); its confirmation comes to the callback, or the batch is sent again at `confirmBy`. */
export interface BatchPendingAtErpData extends DeliveryFact {
  attempt: number;
  generation: number;
  messageId: string;
  confirmBy: string;
}

export interface BatchAcknowledgedByErpData extends DeliveryFact {
  attempt: number;
  generation: number;
  /** The ERP's document numbers: per entry (SAP, NetSuite) or one for the batch (D365's journal). */
  documents: ErpDocument[];
  /** answer: the send's own response; confirmation: SAP's callback. */
  via: 'answer' | 'confirmation';
}

export interface BatchRejectedByErpData extends DeliveryFact {
  attempt: number;
  generation: number;
  /** true: the batch stays in the backlog and goes again at `retryAt`; false: it is dead-lettered. */
  retryable: boolean;
  reason: string;
  /** The ERP's own message, or what went wrong on the way. */
  message: string;
  httpStatus: number | null;
  retryAfterMs: number | null;
  retryAt: string | null;
  /** The first LISTED_REFUSALS entries the ERP refused, with its message each; refusedCount says how many in all. */
  refusedEntries: RefusedEntry[];
  refusedCount: number;
  /** Documents the ERP made before refusing. */
  documents: ErpDocument[];
  via: 'answer' | 'confirmation' | 'runner';
}

/** The batch waits for an operator: nothing after it goes out beyond the window until it is replayed or skipped. */
export interface BatchDeadLetteredData extends DeliveryFact {
  reason: string;
  message: string;
}

export interface OperatorDecision extends DeliveryFact {
  /** The API key that decided. */
  who: string;
  why: string;
}

export interface BatchReplayRequestedData extends OperatorDecision {
  /** The generation the replay sends under. */
  generation: number;
}

export type BatchSkippedData = OperatorDecision;

export type ErpDeliveryEvent =
  | { type: 'BatchSentToErp'; data: BatchSentToErpData }
  | { type: 'BatchPendingAtErp'; data: BatchPendingAtErpData }
  | { type: 'BatchAcknowledgedByErp'; data: BatchAcknowledgedByErpData }
  | { type: 'BatchRejectedByErp'; data: BatchRejectedByErpData }
  | { type: 'BatchDeadLettered'; data: BatchDeadLetteredData }
  | { type: 'BatchReplayRequested'; data: BatchReplayRequestedData }
  | { type: 'BatchSkipped'; data: BatchSkippedData };

export type ErpDeliveryEventType = ErpDeliveryEvent['type'];

export const ERP_DELIVERY_EVENT_TYPES: readonly ErpDeliveryEventType[] = [
  'BatchSentToErp',
  'BatchPendingAtErp',
  'BatchAcknowledgedByErp',
  'BatchRejectedByErp',
  'BatchDeadLettered',
  'BatchReplayRequested',
  'BatchSkipped',
];
