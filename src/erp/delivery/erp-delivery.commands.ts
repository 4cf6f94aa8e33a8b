import type { ErpName } from '../../ledger/chart-of-accounts/chart-of-accounts';
import type { ErpDocument, RefusedEntry } from '../connector/erp-send-outcome';

/** Which lane and batch a command is about, and when (time comes in as data). */
interface AboutBatch {
  companyCode: string;
  target: string;
  erp: ErpName;
  batchId: string;
  chainIndex: number;
  at: string;
}

/** Record an attempt before it goes out: the batch's first (the lane's next in chain order) or a resend of an open one. */
export interface SendBatch extends AboutBatch {
  kind: 'SendBatch';
  attempt: number;
  generation: number;
  requestId: string;
  key: string;
  entryCount: number;
  positions: number[] | null;
  /** Batches of the lane that may be open at once (ERP_DELIVERY_WINDOW). */
  window: number;
}

export interface RecordPending extends AboutBatch {
  kind: 'RecordPending';
  attempt: number;
  generation: number;
  messageId: string;
  confirmBy: string;
}

export interface RecordAcknowledged extends AboutBatch {
  kind: 'RecordAcknowledged';
  attempt: number;
  generation: number;
  documents: ErpDocument[];
  via: 'answer' | 'confirmation';
}

/** The ERP's refusal or unavailability; `attempt` 0 with `via` runner: refused before any send (the batch no longer matches its entries). */
export interface RecordRejected extends AboutBatch {
  kind: 'RecordRejected';
  attempt: number;
  generation: number;
  retryable: boolean;
  reason: string;
  message: string;
  httpStatus?: number;
  retryAfterMs?: number;
  /** When a retryable rejection goes again (the runner's backoff, never before Retry-After). */
  retryAt?: string;
  refusedEntries: RefusedEntry[];
  documents: ErpDocument[];
  via: 'answer' | 'confirmation' | 'runner';
  entryCount: number;
  /** With `via` runner, which takes the batch: ERP_DELIVERY_WINDOW. */
  window?: number;
}

/** An operator's decision on a dead letter. */
export interface OperatorCommand {
  companyCode: string;
  target: string;
  batchId: string;
  at: string;
  who: string;
  why: string;
}

export interface RequestReplay extends OperatorCommand {
  kind: 'RequestReplay';
}

export interface SkipBatch extends OperatorCommand {
  kind: 'SkipBatch';
}

export type ErpDeliveryCommand = SendBatch | RecordPending | RecordAcknowledged | RecordRejected | RequestReplay | SkipBatch;

/**
 * The command id of what the runner records, from its content: the same outcome of the same
 * attempt is one command, so a record repeated after a lost answer is answered, not appended twice.
 */
export function deliveryCommandId(command: SendBatch | RecordPending | RecordAcknowledged | RecordRejected): string {
  const step = { SendBatch: 'sent', RecordPending: 'pending', RecordAcknowledged: 'acknowledged', RecordRejected: 'rejected' }[command.kind];
  return `erp-delivery/${command.target}/${command.batchId}/${command.generation}/${command.attempt}/${step}`;
}
