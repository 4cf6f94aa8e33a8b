import type { EventStoreSource } from '../../src/event-store/event-store-source';
import { ReadModelNotReadyError } from '../../src/errors/read-model-not-ready.error';
import { StateConflictError } from '../../src/errors/state-conflict.error';
import { BusinessRuleRefusal } from '../../src/runtime/business-rule-refusal';
import type { ErrorCarrier } from '../../src/runtime/thread-calls';
import { type ProjectionHalt, ProjectionHaltedError } from '../runner/projection-halt';
import type { BatchCloserReads, Day, SkippedClose } from '../posting-batches/batch-closer';
import type { RunnerControl } from './projection-runners';

/** What the projection thread is started with (workerData): plain values, it opens everything itself. */
export interface ProjectionThreadInit {
  projectionsFile: string;
  store: EventStoreSource;
  /** Registered projections to run, by name. */
  projections: string[];
  /** BACK_OFFICE_NICENESS: how far below the process the thread runs. */
  niceness: number;
}

type RunnerMethod = Exclude<keyof RunnerControl, 'names' | 'watchBatchSizes' | 'closeReads'>;

/**
 * What the host's thread calls on the projection thread: the runners, starting size-triggered
 * batch closing there (posting-batches/batch-size-watcher.ts), and the batch closer's reads.
 */
export type ProjectionThreadApi = Pick<RunnerControl, RunnerMethod> & { watchBatchSizes(maxEntries: number): Promise<void> } & BatchCloserReads;

/** What the projection thread asks of the host's thread: to close the full company days its size watcher found, through the host's closer. */
export interface ProjectionThreadAsks {
  closeFullDays(days: Day[]): Promise<{ skipped: SkippedClose[] }>;
}

/** Halts and failed starts (errors), and full days that could not close (warnings), for the service's log. */
export interface ProjectionThreadReport {
  kind: 'report';
  message: string;
  level?: 'warn';
}

/**
 * An error as it crosses threads: structured cloning keeps only an Error's message, so the
 * kinds callers tell apart (a halt, a refusal, a conflict, not ready) are carried by name.
 */
export type CarriedError =
  | { kind: 'halted'; halt: ProjectionHalt }
  | { kind: 'refusal' | 'conflict'; code: string; message: string; details: Record<string, unknown> }
  | { kind: 'not-ready' | 'error'; message: string };

function carried(error: unknown): CarriedError {
  if (error instanceof ProjectionHaltedError) return { kind: 'halted', halt: error.halt };
  if (error instanceof BusinessRuleRefusal) return { kind: 'refusal', code: error.code, message: error.message, details: error.details };
  if (error instanceof StateConflictError) return { kind: 'conflict', code: error.code, message: error.message, details: error.details };
  if (error instanceof ReadModelNotReadyError) return { kind: 'not-ready', message: error.message };
  return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
}

function rethrown(error: CarriedError): Error {
  switch (error.kind) {
    case 'halted':
      return new ProjectionHaltedError(error.halt);
    case 'refusal':
      return new BusinessRuleRefusal(error.code, error.message, error.details);
    case 'conflict':
      return new StateConflictError(error.code, error.message, error.details);
    case 'not-ready':
      return new ReadModelNotReadyError(error.message);
    case 'error':
      return new Error(error.message);
  }
}

export const PROJECTION_THREAD_ERRORS: ErrorCarrier<CarriedError> = { carried, rethrown };
