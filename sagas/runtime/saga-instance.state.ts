import type { DomainEvent } from '../../src/runtime/decider';
import type { SagaDefinition, SagaInput } from './saga-definition';

/**
 * What the runtime itself records in an instance's stream. The stream is the instance's whole
 * memory: state, handled inputs, timers and parking. A step is one `SagaStepTaken` (with the
 * saga's own events inside it), followed by `SagaCompleted` when it completes the instance.
 */
export type SagaRuntimeEvent =
  /** One input taken: what the saga decided and the runtime did (parts left out when empty). */
  | { type: 'SagaStepTaken'; data: SagaStep }
  | { type: 'SagaCompleted'; data: Record<string, never> }
  | { type: 'SagaParked'; data: { reason: string; attempts: number; input: SagaInput; at?: string } }
  /** An input that arrived while parked: kept, in order, for when an operator retries. */
  | { type: 'InputQueued'; data: { input: SagaInput } }
  | { type: 'SagaResumed'; data: Record<string, never> }
  | StepRecord;

/**
 * A step's parts. Streams recorded before a step was one event hold them as events of their own
 * (each step `InputHandled`, then the others, in this order); `SagaStepTaken` folds as they did.
 */
export type StepRecord =
  /** The first part of a step recorded before a step was one event. `at`: the saga's time when it took the input (absent in streams recorded before it was kept). */
  | { type: 'InputHandled'; data: { inputId: string; at?: string } }
  | { type: 'CommandIssued'; data: IssuedCommand }
  /** `correlationId`, `traceparent`: of the input that scheduled it, for the step it fires (absent in streams recorded before they were kept). */
  | { type: 'TimerScheduled'; data: ScheduledTimer }
  | { type: 'TimerCancelled'; data: { timerId: string } }
  | { type: 'TimerFired'; data: { timerId: string; dueAt: string } }
  /** The saga's own label for where the instance stands (`SagaDefinition.status`), recorded when it changes. */
  | { type: 'SagaStatusChanged'; data: { status: string } };

/** A command a step issued, with the refusal it accepted, if any. */
export interface IssuedCommand {
  commandId: string;
  aggregate: string;
  streamId: string;
  kind: string;
  refused?: string;
}

export type ScheduledTimer = { timerId: string; dueAt: string } & InputTrace;

/** One input taken, as `SagaStepTaken` records it. */
export interface SagaStep {
  inputId: string;
  /** The saga's time when it took the input. */
  at: string;
  /** The timer the input was, when it was one. */
  timerFired?: { timerId: string; dueAt: string };
  /** The saga's own events (its `evolve` folds them), in order. */
  events?: DomainEvent[];
  /** In the order they were issued. */
  commands?: IssuedCommand[];
  cancelledTimers?: string[];
  scheduledTimers?: ScheduledTimer[];
  /** The saga's new label for the instance, when the step changed it. */
  status?: string;
}

const RUNTIME_TYPES: ReadonlySet<string> = new Set([
  'SagaStepTaken',
  'InputHandled',
  'CommandIssued',
  'TimerScheduled',
  'TimerCancelled',
  'TimerFired',
  'SagaCompleted',
  'SagaParked',
  'InputQueued',
  'SagaResumed',
  'SagaStatusChanged',
]);

/** Where an input came from, as the commands and records of its step carry it on. */
export interface InputTrace {
  correlationId?: string;
  traceparent?: string;
}

export const isRuntimeEvent = (event: DomainEvent): event is SagaRuntimeEvent => RUNTIME_TYPES.has(event.type);

export interface ParkedFailure {
  reason: string;
  attempts: number;
  /** The input that failed; those that arrived after it wait behind it. */
  input: SagaInput;
  /** When it was parked (saga time), if recorded. */
  at?: string;
}

/** What the runtime and operators need to know about an instance without loading it. */
export interface SagaInstanceSummary {
  /** Pending timers: id -> due time (ISO 8601). */
  timers: Map<string, string>;
  parked?: ParkedFailure;
  completed: boolean;
  /** The saga's own label (e.g. `awaiting-payment`, `stuck`), when it defines one. */
  status?: string;
  /** When the instance last took an input (saga time). */
  lastStepAt?: string;
}

export interface SagaInstanceState<State> extends SagaInstanceSummary {
  state: State;
  handled: Set<string>;
  /** The parked input and those queued behind it, in arrival order. */
  waiting: SagaInput[];
  /** Pending timers' origin: the correlation id and trace of the input that scheduled each, by timer id. */
  timerTraces: Map<string, InputTrace>;
}

export const emptySummary = (): SagaInstanceSummary => ({ timers: new Map(), completed: false });

/** A step as the records it stood for, in the order streams recorded before held them: one fold for both. */
export function stepRecords(step: SagaStep): DomainEvent[] {
  return [
    { type: 'InputHandled', data: { inputId: step.inputId, at: step.at } },
    ...(step.timerFired ? [{ type: 'TimerFired', data: step.timerFired } as const] : []),
    ...(step.events ?? []),
    ...(step.commands ?? []).map((command) => ({ type: 'CommandIssued', data: command }) as const),
    ...(step.cancelledTimers ?? []).map((timerId) => ({ type: 'TimerCancelled', data: { timerId } }) as const),
    ...(step.scheduledTimers ?? []).map((timer) => ({ type: 'TimerScheduled', data: timer }) as const),
    ...(step.status === undefined ? [] : [{ type: 'SagaStatusChanged', data: { status: step.status } } as const]),
  ];
}

export function evolveSummary(summary: SagaInstanceSummary, event: SagaRuntimeEvent): void {
  switch (event.type) {
    case 'SagaStepTaken':
      for (const record of stepRecords(event.data)) if (isRuntimeEvent(record)) evolveSummary(summary, record);
      return;
    case 'TimerScheduled':
      summary.timers.set(event.data.timerId, event.data.dueAt);
      return;
    case 'TimerCancelled':
      summary.timers.delete(event.data.timerId);
      return;
    case 'TimerFired':
      if (summary.timers.get(event.data.timerId) === event.data.dueAt) summary.timers.delete(event.data.timerId);
      return;
    case 'SagaCompleted':
      summary.completed = true;
      summary.timers.clear();
      return;
    case 'SagaParked':
      summary.parked = { reason: event.data.reason, attempts: event.data.attempts, input: event.data.input, ...(event.data.at ? { at: event.data.at } : {}) };
      return;
    case 'SagaResumed':
      delete summary.parked;
      return;
    case 'InputHandled':
      if (event.data.at) summary.lastStepAt = event.data.at;
      return;
    case 'SagaStatusChanged':
      summary.status = event.data.status;
      return;
  }
}

export function initialInstanceState<State>(definition: SagaDefinition<State, DomainEvent>): SagaInstanceState<State> {
  return { ...emptySummary(), state: definition.initialState(), handled: new Set(), waiting: [], timerTraces: new Map() };
}

/** Folds one recorded event into the instance; mutates, as the state is private to one actor. */
export function evolveInstance<State, Event extends DomainEvent>(definition: SagaDefinition<State, Event>, instance: SagaInstanceState<State>, event: DomainEvent): void {
  if (!isRuntimeEvent(event)) {
    instance.state = definition.evolve(instance.state, event as Event);
    return;
  }
  if (event.type === 'SagaStepTaken') {
    for (const record of stepRecords(event.data)) evolveInstance(definition, instance, record);
    return;
  }
  evolveSummary(instance, event);
  switch (event.type) {
    case 'InputHandled':
      instance.handled.add(event.data.inputId);
      instance.waiting = instance.waiting.filter((input) => input.inputId !== event.data.inputId);
      return;
    case 'SagaParked':
      if (!instance.waiting.some((input) => input.inputId === event.data.input.inputId)) instance.waiting.unshift(event.data.input);
      return;
    case 'InputQueued':
      instance.waiting.push(event.data.input);
      return;
    case 'TimerScheduled': {
      const { correlationId, traceparent } = event.data;
      instance.timerTraces.set(event.data.timerId, { ...(correlationId && { correlationId }), ...(traceparent && { traceparent }) });
      return;
    }
    case 'TimerCancelled':
    case 'TimerFired':
      if (!instance.timers.has(event.data.timerId)) instance.timerTraces.delete(event.data.timerId);
      return;
  }
}
