import type { EventStoreSource } from '../../src/event-store/event-store-source';
import { InvalidAppendError, WrongExpectedRevisionError } from '../../src/event-store/event-store.errors';
import type { AppendResult, ExpectedRevision, NewEvent, StreamId } from '../../src/event-store/event-store.port';
import type { LogLag } from '../../src/event-store/log-lag';
import { BusinessRuleRefusal } from '../../src/runtime/business-rule-refusal';
import type { CommandEnvelope } from '../../src/runtime/aggregate-actor';
import type { ErrorCarrier } from '../../src/runtime/thread-calls';
import type { InstanceState, InstanceView, OverdueInstance, OverdueRules, ParkedInstance } from '../runtime/instance-index';
import type { CompletedInstance } from '../runtime/saga-runtime';
import type { ResumeOutcome } from '../runtime/saga-instance';
import type { SagaInstanceState } from '../runtime/saga-instance.state';
import type { SagaCommand } from '../runtime/saga-definition';
import type { SagaSettings } from './registered-sagas';

/** What the saga thread is started with (workerData): plain values, it opens everything itself. */
export interface SagaThreadInit {
  store: EventStoreSource;
  settings: SagaSettings;
  /** How often timers are checked (SAGA_TIMER_CHECK_INTERVAL). */
  timerCheckIntervalMs: number;
  /** Per registered saga, in order: the effect targets (payment provider ...) its commands may name; they run on the main thread. */
  effectTargets: string[][];
  /** How far below the service's priority the thread runs (BACK_OFFICE_NICENESS; 0: the same). */
  niceness: number;
  /**
   * Whether the service writes info lines (LOG_LEVEL info or below). Above it the thread neither
   * builds nor sends its line per saga step: two or three messages per order the main thread dropped.
   */
  infoLines: boolean;
}

/** One running saga, as the ops view and tests ask it; what `SagaRuntime` answers, across threads. */
export interface RunningSaga {
  readonly name: string;
  counts(): Promise<Record<InstanceState, number>>;
  list(state: InstanceState, page: { after?: string; limit: number }): Promise<{ instances: InstanceView[]; next?: string }>;
  completed(page: { after?: string; limit: number }): Promise<{ instances: CompletedInstance[]; next?: string }>;
  overdue(rules: OverdueRules): Promise<OverdueInstance[]>;
  parked(): Promise<ParkedInstance[]>;
  view(instanceId: string): Promise<InstanceView | undefined>;
  instance(instanceId: string): Promise<SagaInstanceState<unknown>>;
  retry(instanceId: string): Promise<ResumeOutcome>;
  /** How far the saga is behind the log. */
  lag(): Promise<LogLag>;
  /** Pending timers already due (about to fire, or behind a parked instance). */
  timersDue(): Promise<number>;
  /** Everything in the log handled, no timer firing, the checkpoint saved: tests and tools. */
  settled(): Promise<void>;
}

export type SagaMethod = Exclude<keyof RunningSaga, 'name'>;

/** What the main thread calls on the saga thread: start (answers the names of the sagas started), stop, or a call to one saga. */
export interface SagaThreadApi {
  start(): Promise<string[]>;
  stop(): Promise<void>;
  callSaga(saga: string, method: SagaMethod, args: unknown[]): Promise<unknown>;
}

/**
 * What the saga thread asks of the main thread: its commands, through the main thread's actors
 * (the one command path); its effects (the payment provider lives there); and, on the embedded
 * store, its own records, through the store that writes (the thread reads through its own
 * read-only connection).
 */
export interface MainThreadServices {
  dispatch(category: string, envelope: CommandEnvelope): Promise<void>;
  effect(target: string, commandId: string, command: SagaCommand['command']): Promise<void>;
  append(streamId: StreamId, events: NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult>;
  truncate(streamId: StreamId, beforeRevision: number): Promise<void>;
}

/** The saga thread's other messages, for the service's log. */
export type SagaThreadReport =
  /** Failures outside any instance (the log subscription, the checkpoint). */
  | { kind: 'report'; message: string }
  /** What the runtimes log (steps, timers, parking, stops), with its fields. */
  | { kind: 'log'; level: 'log' | 'warn'; fields: object; message: string };

/**
 * An error as it crosses threads: structured cloning keeps only an Error's message, so the kinds
 * the saga runtime tells apart (a refusal by its code, the store's expected-revision conflict)
 * are carried by name, and the others keep their name for the reason a parked instance shows.
 */
export type CarriedError =
  | { kind: 'refusal'; code: string; message: string; details: Record<string, unknown> }
  | { kind: 'wrong-revision'; streamId: string; expected: ExpectedRevision; actual: number | 'no_stream' }
  | { kind: 'error'; name: string; message: string };

function carried(error: unknown): CarriedError {
  if (error instanceof BusinessRuleRefusal) return { kind: 'refusal', code: error.code, message: error.message, details: error.details };
  if (error instanceof WrongExpectedRevisionError) return { kind: 'wrong-revision', streamId: error.streamId, expected: error.expected, actual: error.actual };
  if (error instanceof Error) return { kind: 'error', name: error.name, message: error.message };
  return { kind: 'error', name: 'Error', message: String(error) };
}

const KNOWN: Record<string, new (message: string) => Error> = {
  InvalidAppendError,
};

function rethrown(error: CarriedError): Error {
  switch (error.kind) {
    case 'refusal':
      return new BusinessRuleRefusal(error.code, error.message, error.details);
    case 'wrong-revision':
      return new WrongExpectedRevisionError(error.streamId, error.expected, error.actual);
    case 'error': {
      const Known = KNOWN[error.name];
      if (Known) return new Known(error.message);
      const rebuilt = new Error(error.message);
      // String(error) in a parked instance's reason shows the original kind (ConcurrencyRetriesExhaustedError: ...).
      rebuilt.name = error.name;
      return rebuilt;
    }
  }
}

export const SAGA_THREAD_ERRORS: ErrorCarrier<CarriedError> = { carried, rethrown };
