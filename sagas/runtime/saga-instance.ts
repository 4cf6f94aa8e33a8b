import { EventStoreUnavailableError, StreamNotFoundError } from '../../src/event-store/event-store.errors';
import type { EventMetadata, EventStore, GlobalPosition, NewEvent } from '../../src/event-store/event-store.port';
import { endSpan, startSpan, traceparentOfSpan } from '../../src/observability/tracing/trace-context';
import { BusinessRuleRefusal } from '../../src/runtime/business-rule-refusal';
import type { CommandEnvelope } from '../../src/runtime/aggregate-actor';
import type { AggregateType, DomainEvent } from '../../src/runtime/decider';
import type { SagaDecision, SagaDefinition, SagaInput } from './saga-definition';
import type { SagaEffect } from './saga-effect';
import { sagaCommandId, sagaEventId, sagaStreamId } from './saga-ids';
import {
  evolveInstance,
  initialInstanceState,
  type InputTrace,
  type IssuedCommand,
  type SagaInstanceState,
  type SagaInstanceSummary,
  type SagaRuntimeEvent,
  type SagaStep,
} from './saga-instance.state';
import { backoffMs, type RetryPolicy } from './retry-policy';

/** Where the runtime writes what instances do (a Nest Logger in the service; tests may leave it out). */
export interface SagaLog {
  /** Info lines, one per step among them; absent where none would be written (its fields are then not built). */
  log?(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

/**
 * Where a saga's aggregate commands go: the service's actors (`CommandDispatcher`), on the same
 * thread or, from the saga thread, by message to the main thread's.
 */
export interface SagaCommandSink {
  dispatch(aggregate: AggregateType, envelope: CommandEnvelope): Promise<unknown>;
}

export interface SagaInstanceContext<State, Event extends DomainEvent> {
  definition: SagaDefinition<State, Event>;
  store: EventStore;
  dispatcher: SagaCommandSink;
  aggregates: ReadonlyMap<string, AggregateType>;
  /** Command targets outside the store (payment provider ...), by the name sagas address them with. */
  effects: ReadonlyMap<string, SagaEffect>;
  now(): number;
  retry: RetryPolicy;
  /** Told after every append (with the stream's revision and the append's global position), so the runtime's index stays current. */
  recorded(instanceId: string, summary: SagaInstanceSummary, revision: number, position: GlobalPosition): void;
  /** True once the runtime is stopping: a failing step is then left for the next start instead of retried. */
  stopping(): boolean;
  log?: SagaLog;
}

const NO_STREAM = -1;

/** What an operator's retry did: `parked-again` when a waiting input failed once more. */
export type ResumeOutcome = 'resumed' | 'parked-again' | 'not-parked' | 'not-found';

/**
 * One saga instance as an actor: only its mailbox calls it. A step is
 * decide -> dispatch the commands -> record the decision. A crash after dispatching and
 * before recording replays the input later; the replay decides the same command ids, which
 * the aggregates answer with their first outcome, so nothing is done twice.
 */
export class SagaInstance<State, Event extends DomainEvent> {
  private instance: SagaInstanceState<State>;
  private revision: number = NO_STREAM;
  private loaded = false;
  private readonly streamId: string;

  constructor(
    private readonly context: SagaInstanceContext<State, Event>,
    readonly instanceId: string,
  ) {
    this.streamId = sagaStreamId(context.definition.name, instanceId);
    this.instance = initialInstanceState(context.definition);
  }

  /**
   * Takes one input. The store away (EventStoreDB restarting, a leader change) is no fault of the
   * input, and parking it could not be recorded either: the input is taken again from the stream
   * as it stands, waiting longer each time (up to the retry policy's longest delay), until the
   * store is back; only stopping leaves it unrecorded, for the next start.
   */
  async handle(input: SagaInput): Promise<void> {
    for (let tries = 1; ; tries++) {
      try {
        return await this.take(input);
      } catch (error) {
        if (!(error instanceof EventStoreUnavailableError) || this.context.stopping()) throw error;
        this.loaded = false;
        const delayMs = backoffMs(this.context.retry, tries);
        this.context.log?.warn({ ...this.logFields(input, this.traceOf(input)), tries, error: String(error), retryInMs: delayMs }, 'saga step waits for the event store');
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  }

  private async take(input: SagaInput): Promise<void> {
    await this.ensureLoaded();
    if (this.instance.completed || this.instance.handled.has(input.inputId)) return;
    if (this.instance.parked) {
      if (!this.instance.waiting.some((waiting) => waiting.inputId === input.inputId)) {
        await this.record(input.inputId, [{ type: 'InputQueued', data: { input } }], this.traceOf(input));
      }
      return;
    }
    await this.attempt(input);
  }

  /**
   * Operator retry: un-park, then take the waiting inputs in arrival order until one fails
   * again. Once one completes the instance, the rest are ignored as they would have been live.
   */
  async resume(): Promise<ResumeOutcome> {
    await this.ensureLoaded();
    if (this.revision === NO_STREAM) return 'not-found';
    if (!this.instance.parked) return 'not-parked';
    await this.record('resume', [{ type: 'SagaResumed', data: {} }]);
    this.context.log?.log?.({ saga: this.context.definition.name, instanceId: this.instanceId, waiting: this.instance.waiting.length }, 'saga instance resumed by an operator');
    for (const input of [...this.instance.waiting]) {
      if (this.instance.completed) break;
      await this.attempt(input);
      if (this.instance.parked) return 'parked-again';
    }
    return 'resumed';
  }

  /** Completed as far as this actor knows: later inputs are ignored, so nothing in it needs to stay in memory. */
  get finished(): boolean {
    return this.loaded && this.instance.completed;
  }

  /** The instance as its next input would see it. */
  async inspect(): Promise<SagaInstanceState<State>> {
    await this.ensureLoaded();
    return this.instance;
  }

  private async attempt(input: SagaInput): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.step(input);
      } catch (error) {
        // Whatever failed, the warm state may be behind the stream now.
        this.loaded = false;
        if (error instanceof EventStoreUnavailableError) throw error;
        // A rule refusal answers the same way every time: waiting would only delay the operator.
        if (error instanceof BusinessRuleRefusal || attempt >= this.context.retry.maxAttempts) {
          await this.ensureLoaded();
          const reason = error instanceof BusinessRuleRefusal ? `${error.code}: ${error.message}` : String(error);
          const at = new Date(this.context.now()).toISOString();
          const trace = this.traceOf(input);
          await this.record(input.inputId, [{ type: 'SagaParked', data: { reason, attempts: attempt, input, at } }], trace);
          this.context.log?.warn({ ...this.logFields(input, trace), attempts: attempt, reason }, 'saga instance parked: it waits for an operator (retry)');
          return;
        }
        // Left unrecorded, as a crash would leave it: the next start takes the input again.
        if (this.context.stopping()) throw error;
        const delayMs = backoffMs(this.context.retry, attempt);
        this.context.log?.warn({ ...this.logFields(input, this.traceOf(input)), attempt, error: String(error), retryInMs: delayMs }, 'saga step failed; trying again');
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        await this.ensureLoaded();
        if (this.instance.handled.has(input.inputId)) return;
      }
    }
  }

  /**
   * One input, one span (under the input's trace), one log line. The step's commands and records
   * carry the input's correlation id, the step's trace context and the input id as causation,
   * and the timers it schedules keep them for the step that fires them.
   */
  private async step(input: SagaInput): Promise<void> {
    if (input.kind === 'timer' && this.instance.timers.get(input.timerId) !== input.dueAt) return;
    const { definition } = this.context;
    const now = new Date(this.context.now()).toISOString();
    const decision = definition.decide(this.instance.state, input, now);
    const empty = isEmpty(decision) && input.kind === 'event';
    // An input that changes nothing for an instance that never started leaves no stream behind.
    if (empty && this.revision === NO_STREAM) return;
    const inputTrace = this.traceOf(input);
    const span = startSpan(`saga ${definition.name} ${input.kind === 'timer' ? `timer ${input.timerId}` : input.type}`, {
      parent: inputTrace.traceparent,
      attributes: { 'ledgerbridge.saga': definition.name, 'ledgerbridge.saga.instance_id': this.instanceId, 'ledgerbridge.saga.input_id': input.inputId },
    });
    const trace: InputTrace = { ...inputTrace, ...(traceparentOfSpan(span) && { traceparent: traceparentOfSpan(span) }) };
    try {
      const commands = await this.dispatch(input, decision, trace);
      const status = this.statusChange(decision);
      const step: SagaStep = {
        inputId: input.inputId,
        at: now,
        ...(input.kind === 'timer' && { timerFired: { timerId: input.timerId, dueAt: input.dueAt } }),
        ...(decision.events?.length && { events: decision.events }),
        ...(commands.length > 0 && { commands }),
        ...(decision.cancelTimers?.length && { cancelledTimers: decision.cancelTimers }),
        ...(decision.schedule?.length && { scheduledTimers: decision.schedule.map((timer) => ({ ...timer, ...trace })) }),
        ...(status !== undefined && { status }),
      };
      const events: SagaRuntimeEvent[] = [{ type: 'SagaStepTaken', data: step }, ...(decision.complete ? [{ type: 'SagaCompleted', data: {} } as const] : [])];
      await this.record(input.inputId, events, trace);
      endSpan(span);
    } catch (error) {
      endSpan(span, error);
      throw error;
    }
    this.context.log?.log?.(
      {
        ...this.logFields(input, inputTrace),
        events: (decision.events ?? []).map((event) => event.type),
        commands: (decision.commands ?? []).map((command) => command.command.kind),
        ...(decision.schedule?.length ? { scheduled: decision.schedule.map((timer) => timer.timerId) } : {}),
        ...(decision.complete ? { completed: true } : {}),
      },
      input.kind === 'timer' ? 'saga timer fired' : 'saga step',
    );
  }

  /** The input's correlation id and trace: the source event's, or for a timer those of the input that scheduled it. */
  private traceOf(input: SagaInput): InputTrace {
    if (input.kind === 'timer') return this.instance.timerTraces.get(input.timerId) ?? {};
    return { ...(input.correlationId && { correlationId: input.correlationId }), ...(input.traceparent && { traceparent: input.traceparent }) };
  }

  private logFields(input: SagaInput, trace: InputTrace): Record<string, unknown> {
    return {
      saga: this.context.definition.name,
      instanceId: this.instanceId,
      // The instance's own id when the input carries none (inputs recorded before correlation ids were kept).
      correlationId: trace.correlationId ?? this.instanceId,
      input:
        input.kind === 'timer'
          ? { kind: 'timer', timerId: input.timerId, dueAt: input.dueAt }
          : { kind: 'event', type: input.type, eventId: input.inputId, streamId: input.streamId },
    };
  }

  /** The saga's label for the instance after this decision's events, when it differs from the one recorded. */
  private statusChange(decision: SagaDecision<Event>): string | undefined {
    const { definition } = this.context;
    if (!definition.status) return undefined;
    const next = (decision.events ?? []).reduce((state, event) => definition.evolve(state, event), this.instance.state);
    const status = definition.status(next);
    return status !== this.instance.status ? status : undefined;
  }

  /** Issues the commands in order; each id is fixed by the instance, the input and the index. */
  private async dispatch(input: SagaInput, decision: SagaDecision<Event>, trace: InputTrace): Promise<IssuedCommand[]> {
    const { definition, dispatcher, aggregates, effects } = this.context;
    const issued: IssuedCommand[] = [];
    for (const [index, { aggregate, streamId, command, acceptRefusals }] of (decision.commands ?? []).entries()) {
      const commandId = sagaCommandId(definition.name, this.instanceId, input.inputId, index);
      const effect = effects.get(aggregate);
      const type = aggregates.get(aggregate);
      if (!effect && !type) throw new Error(`saga ${definition.name} issued a command to unknown aggregate ${aggregate}`);
      let refused: string | undefined;
      try {
        if (effect) await effect.execute(commandId, command);
        else
          await dispatcher.dispatch(type!, {
            commandId,
            streamId,
            command,
            metadata: { ...this.metadataFor(input.inputId, trace), channel: `saga:${definition.name}`, principal: `saga:${definition.name}` },
          });
      } catch (error) {
        if (!(error instanceof BusinessRuleRefusal && acceptRefusals?.includes(error.code))) throw error;
        refused = error.code;
      }
      issued.push({ commandId, aggregate, streamId, kind: command.kind, ...(refused ? { refused } : {}) });
    }
    return issued;
  }

  /** Caused by the input, correlated as it is (the instance's id for an input that carries none), under the step's trace. */
  private metadataFor(inputId: string, trace: InputTrace): EventMetadata {
    return { correlationId: trace.correlationId ?? this.instanceId, causationId: inputId, ...(trace.traceparent && { traceparent: trace.traceparent }) };
  }

  private async record(inputId: string, events: DomainEvent[], trace: InputTrace = {}): Promise<void> {
    const metadata = this.metadataFor(inputId, trace);
    const stored: NewEvent[] = events.map((event, i) => ({
      eventId: sagaEventId(this.streamId, inputId, this.revision, i),
      type: event.type,
      data: event.data,
      metadata,
    }));
    const appended = await this.context.store.appendToStream(this.streamId, stored, {
      expectedRevision: this.revision === NO_STREAM ? 'no_stream' : this.revision,
    });
    for (const event of events) evolveInstance(this.context.definition, this.instance, event);
    this.revision = appended.nextExpectedRevision;
    this.context.recorded(this.instanceId, this.instance, this.revision, appended.position);
  }

  private async ensureLoaded(): Promise<void> {
    if (this.loaded) return;
    const instance = initialInstanceState(this.context.definition);
    let revision = NO_STREAM;
    try {
      for (const event of await this.context.store.readStream(this.streamId)) {
        evolveInstance(this.context.definition, instance, event);
        revision = event.revision;
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    this.instance = instance;
    this.revision = revision;
    this.loaded = true;
  }
}

/** A decision that records nothing: for an instance that never started, the input leaves no stream behind. */
export function isEmpty(decision: SagaDecision<DomainEvent>): boolean {
  return !decision.events?.length && !decision.commands?.length && !decision.schedule?.length && !decision.cancelTimers?.length && !decision.complete;
}
