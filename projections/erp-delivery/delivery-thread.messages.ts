import type { ConfirmationAnswer, DeliverySettings, LaneLiveState } from '../../src/erp/delivery/delivery-runner';
import type { ErpDeliveryCommand } from '../../src/erp/delivery/erp-delivery.commands';
import type { DeliveryLaneState } from '../../src/erp/delivery/erp-delivery.state';
import { BusinessRuleRefusal } from '../../src/runtime/business-rule-refusal';
import type { ErpReadBack } from '../../src/erp/connector/erp-read-back';

/** What the delivery thread is started with (workerData): plain values, it opens everything itself. */
export interface DeliveryThreadInit {
  projectionsFile: string;
  chartFile: string;
  /** ERP_TARGETS as configured (checked at start): parsed again on the thread, where its secrets stay. */
  targets: string;
  settings: DeliverySettings;
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

export type DeliveryMethod = keyof DeliveryThreadApi;

/** What the delivery thread asks of the main thread: the delivery log, through its actors. */
export interface DeliveryLogApi {
  current(target: string, companyCode: string): Promise<DeliveryLaneState>;
  record(command: ErpDeliveryCommand, commandId: string): Promise<DeliveryLaneState>;
}

export type LogMethod = keyof DeliveryLogApi;

/** A refusal keeps its code across threads (structured cloning keeps only an Error's message). */
export type CarriedError = { kind: 'refusal'; code: string; message: string; details: Record<string, unknown> } | { kind: 'error'; message: string };

/** Main thread to delivery thread. */
export type ToThread =
  | { kind: 'call'; id: number; method: DeliveryMethod; args: unknown[] }
  | { kind: 'log-answer'; id: number; value: unknown }
  | { kind: 'log-failed'; id: number; error: CarriedError };

/** Delivery thread to main thread. */
export type FromThread =
  | { kind: 'answer'; id: number; value: unknown }
  | { kind: 'failed'; id: number; error: CarriedError }
  | { kind: 'log'; id: number; method: LogMethod; args: unknown[] }
  /** Breaker changes, dead letters and failures, for the service's log. */
  | { kind: 'report'; level: 'info' | 'warn' | 'error'; message: string };

export function carried(error: unknown): CarriedError {
  if (error instanceof BusinessRuleRefusal) return { kind: 'refusal', code: error.code, message: error.message, details: error.details };
  return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
}

export function rethrown(error: CarriedError): Error {
  return error.kind === 'refusal' ? new BusinessRuleRefusal(error.code, error.message, error.details) : new Error(error.message);
}
