import type { DomainEvent } from '../../src/runtime/decider';

/** What a saga reacts to: an event from the global log, or one of its own timers coming due. */
export type SagaInput =
  | {
      kind: 'event';
      /** The source event's id: the same event redelivered carries the same id. */
      inputId: string;
      type: string;
      streamId: string;
      data: unknown;
      /** The source event's correlation id and W3C trace context, which the step's commands carry on (absent on inputs recorded before they were kept). */
      correlationId?: string;
      traceparent?: string;
    }
  | { kind: 'timer'; inputId: string; timerId: string; dueAt: string };

/** A command for an aggregate, named by its stream category so it can be recorded as JSON. */
export interface SagaCommand {
  aggregate: string;
  streamId: string;
  command: { kind: string } & Record<string, unknown>;
  /**
   * Refusal codes that mean "nothing to do here" (e.g. releasing a promotion this service does
   * not manage): the step goes on and the refusal is recorded with the issued command, instead of
   * parking the instance.
   */
  acceptRefusals?: string[];
}

/** The due time `ms` after the `now` a saga's `decide` is given (ISO 8601), for `TimerRequest.dueAt`. */
export const later = (now: string, ms: number): string => new Date(Date.parse(now) + ms).toISOString();

export interface TimerRequest {
  /** Unique within the instance; scheduling an id again moves its due time. */
  timerId: string;
  /** ISO 8601. */
  dueAt: string;
}

/** Everything one input leads to. Commands are issued in order, each exactly once. */
export interface SagaDecision<Event extends DomainEvent> {
  /** Facts the saga learned or decided, folded into its state by `evolve`. */
  events?: Event[];
  commands?: SagaCommand[];
  schedule?: TimerRequest[];
  cancelTimers?: string[];
  /** The instance has nothing left to do: later inputs are ignored. */
  complete?: boolean;
}

/**
 * A process manager as pure functions, like an aggregate's decider: no clock (time arrives as
 * `now`), no I/O, no randomness. The runtime records the decision in the instance's stream and
 * rebuilds state from it, so `decide` may rely on every fact `evolve` folded in.
 */
export interface SagaDefinition<State, Event extends DomainEvent = DomainEvent> {
  /** Names the instance streams: `saga-<name>-<instanceId>`. */
  name: string;
  /**
   * The stream categories (name prefixes) whose events `correlate` may take. The runtime reads
   * only these from the log, with the saga's own streams: each order writes about nine events,
   * and most sagas care for two of them.
   */
  follows: readonly string[];
  initialState(this: void): State;
  /** The instance an event of a followed stream belongs to, or undefined when this saga does not care about it. */
  correlate(this: void, event: { type: string; streamId: string; data: unknown }): string | undefined;
  decide(this: void, state: State, input: SagaInput, now: string): SagaDecision<Event>;
  evolve(this: void, state: State, event: Event): State;
  /**
   * Optional label for operators of where an instance stands (`awaiting-payment`, `stuck`):
   * the ops view counts and lists instances by it. Recorded whenever it changes.
   */
  status?(this: void, state: State): string | undefined;
}
