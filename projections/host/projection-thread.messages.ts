import type { EventStoreSource } from '../../src/event-store/event-store-source';
import { ReadModelNotReadyError } from '../../src/errors/read-model-not-ready.error';
import { StateConflictError } from '../../src/errors/state-conflict.error';
import { BusinessRuleRefusal } from '../../src/runtime/business-rule-refusal';
import { type ProjectionHalt, ProjectionHaltedError } from '../runner/projection-halt';
import type { SkippedClose } from '../posting-batches/batch-closer';
import type { Day } from '../posting-batches/batch-size-watcher';
import type { RunnerControl } from './projection-runners';

/** What the projection thread is started with (workerData): plain values, it opens everything itself. */
export interface ProjectionThreadInit {
  projectionsFile: string;
  store: EventStoreSource;
  /** Registered projections to run, by name. */
  projections: string[];
}

export type RunnerMethod = Exclude<keyof RunnerControl, 'names' | 'watchBatchSizes'>;

/** A call of the host's thread to the runners on the projection thread. */
export interface RunnerCall {
  kind?: undefined;
  id: number;
  method: RunnerMethod;
  args: unknown[];
}

/**
 * Host's thread to projection thread: a call to the runners; starting size-triggered batch
 * closing there (posting-batches/batch-size-watcher.ts); or the answer to a close it asked for.
 */
export type ToProjectionThread =
  | RunnerCall
  | { kind: 'watch-batch-sizes'; id: number; maxEntries: number }
  | { kind: 'closed'; id: number; skipped: SkippedClose[] }
  | { kind: 'close-failed'; id: number; error: CarriedError };

/**
 * An error as it crosses threads: structured cloning keeps only an Error's message, so the
 * kinds callers tell apart (a halt, a refusal, a conflict, not ready) are carried by name.
 */
export type CarriedError =
  | { kind: 'halted'; halt: ProjectionHalt }
  | { kind: 'refusal' | 'conflict'; code: string; message: string; details: Record<string, unknown> }
  | { kind: 'not-ready' | 'error'; message: string };

export type ThreadMessage =
  | { kind: 'answer'; id: number; value: unknown }
  | { kind: 'failed'; id: number; error: CarriedError }
  /** Full company days found by the size watcher, for the host's thread to close through its closer. */
  | { kind: 'close-full-days'; id: number; days: Day[] }
  /** Halts and failed starts (errors), and full days that could not close (warnings), for the service's log. */
  | { kind: 'report'; message: string; level?: 'warn' };

export function carried(error: unknown): CarriedError {
  if (error instanceof ProjectionHaltedError) return { kind: 'halted', halt: error.halt };
  if (error instanceof BusinessRuleRefusal) return { kind: 'refusal', code: error.code, message: error.message, details: error.details };
  if (error instanceof StateConflictError) return { kind: 'conflict', code: error.code, message: error.message, details: error.details };
  if (error instanceof ReadModelNotReadyError) return { kind: 'not-ready', message: error.message };
  return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
}

export function rethrown(error: CarriedError): Error {
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
