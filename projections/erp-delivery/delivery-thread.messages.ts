import type { ConfirmationAnswer, DeliverySettings, LaneLiveState } from '../../src/erp/delivery/delivery-runner';
import type { ErpDeliveryCommand } from '../../src/erp/delivery/erp-delivery.commands';
import type { DeliveryLaneState } from '../../src/erp/delivery/erp-delivery.state';
import { BusinessRuleRefusal } from '../../src/runtime/business-rule-refusal';
import type { ErrorCarrier } from '../../src/runtime/thread-calls';
import type { ErpReadBack } from '../../src/erp/connector/erp-read-back';

/** What the delivery thread is started with (workerData): plain values, it opens everything itself. */
export interface DeliveryThreadInit {
  projectionsFile: string;
  chartFile: string;
  /** ERP_TARGETS as configured (checked at start): parsed again on the thread, where its secrets stay. */
  targets: string;
  settings: DeliverySettings;
  /** BACK_OFFICE_NICENESS: how far below the process the thread runs. */
  niceness: number;
}

/** What the main thread asks of the delivery thread. */
export interface DeliveryThreadApi {
  start(): Promise<void>;
  stop(): Promise<void>;
  wake(companyCode?: string, target?: string): Promise<void>;
  status(): Promise<LaneLiveState[]>;
  confirmation(authorization: string | undefined, body: string): Promise<ConfirmationAnswer>;
  /** The ERP's own books for a company (its balances read back), where the target's API offers it. */
  readBack(target: string, companyCode: string, from: string, to: string, documents: string[]): Promise<ErpReadBack>;
}

/** What the delivery thread asks of the main thread: the delivery log, through its actors. */
export interface DeliveryLogApi {
  current(target: string, companyCode: string): Promise<DeliveryLaneState>;
  record(command: ErpDeliveryCommand, commandId: string): Promise<DeliveryLaneState>;
}

/** A refusal keeps its code across threads (structured cloning keeps only an Error's message). */
export type CarriedError = { kind: 'refusal'; code: string; message: string; details: Record<string, unknown> } | { kind: 'error'; message: string };

/** Breaker changes, dead letters and failures, for the service's log. */
export interface DeliveryThreadReport {
  kind: 'report';
  level: 'info' | 'warn' | 'error';
  message: string;
}

function carried(error: unknown): CarriedError {
  if (error instanceof BusinessRuleRefusal) return { kind: 'refusal', code: error.code, message: error.message, details: error.details };
  return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
}

function rethrown(error: CarriedError): Error {
  return error.kind === 'refusal' ? new BusinessRuleRefusal(error.code, error.message, error.details) : new Error(error.message);
}

export const DELIVERY_THREAD_ERRORS: ErrorCarrier<CarriedError> = { carried, rethrown };
