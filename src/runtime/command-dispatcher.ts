import { performance } from 'node:perf_hooks';
import type { EventStore, GlobalPosition } from '../event-store/event-store.port';
import { endSpan, startSpan, traceparentOfSpan } from '../observability/tracing/trace-context';
import { ActorOverloadedError } from './actor-overloaded.error';
import { ActorSystem, type ActorSystemOptions } from './actor-system';
import { AggregateActor, type CommandEnvelope, type CommandOutcome, ConcurrencyRetriesExhaustedError } from './aggregate-actor';
import { BusinessRuleRefusal } from './business-rule-refusal';
import type { AggregateType, DomainEvent } from './decider';
import { type ChangeWaitEnd, StreamChanges } from './stream-changes';
import { type LogFollowObserver, StreamLogFollower } from './stream-log-follower';

/**
 * How a command ended: it recorded events, decided nothing, repeated a command id already
 * handled, was refused by the rules, found the actor's mailbox full, kept meeting other
 * writers, or failed otherwise.
 */
export type CommandResult = 'recorded' | 'unchanged' | 'duplicate' | 'refused' | 'overloaded' | 'conflict' | 'failed';

/** Told about every command the dispatcher handles (metrics). */
export interface CommandObserver {
  /** `seconds` from dispatch to answer, waiting in the mailbox included. */
  commandHandled(aggregate: string, command: string, result: CommandResult, seconds: number): void;
}

export interface CommandDispatcherOptions extends ActorSystemOptions {
  /** Reload-and-retry attempts when another writer moved the stream between load and append. */
  maxConflictRetries: number;
  /**
   * Other processes write the same streams (EventStoreDB with several nodes): actors catch up
   * before deciding or answering, and readers waiting for a stream to change are also woken by
   * other processes' appends, followed through a subscription to the log.
   */
  followOtherWriters?: boolean;
  /** Told when following the log for other processes' appends fails (it is retried). */
  reportFollowFailure?(error: Error): void;
  /** Told how following the log goes, per aggregate category (metrics). */
  followObserver?: LogFollowObserver;
  observer?: CommandObserver;
  /** Readers waiting for a stream to change at once (MAX_CHANGE_WAITERS by default); past it a wait ends at once, `full`. */
  maxChangeWaiters?: number;
}

// The system hosts every aggregate kind; each actor is typed by its own aggregate at spawn.
type AnyAggregateActor = AggregateActor<unknown, DomainEvent, unknown>;

/** Routes each command to the one actor that owns its stream. Framework-free: NestJS wraps it. */
export class CommandDispatcher {
  private readonly actors: ActorSystem<AnyAggregateActor>;
  private readonly changes: StreamChanges;
  /** Only with other writers: this process's own appends are told by its actors. */
  private readonly log: StreamLogFollower | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly options: CommandDispatcherOptions,
  ) {
    this.actors = new ActorSystem(options);
    this.changes = new StreamChanges(options.maxChangeWaiters);
    if (options.followOtherWriters) {
      this.log = new StreamLogFollower(store, this.changes, { report: (error) => options.reportFollowFailure?.(error), observer: options.followObserver });
    }
  }

  /**
   * Every command of every edge, saga and runner comes through here: one span per command under
   * the caller's `traceparent` (the events then carry the command's), and one observation.
   */
  async dispatch<Command, Event extends DomainEvent, State>(aggregate: AggregateType<Command, Event, State>, envelope: CommandEnvelope<Command>): Promise<CommandOutcome> {
    const command = kindOf(envelope.command);
    const parent = typeof envelope.metadata.traceparent === 'string' ? envelope.metadata.traceparent : undefined;
    const span = startSpan(`${aggregate.category} ${command}`, {
      parent,
      attributes: { 'ledgerbridge.aggregate': aggregate.category, 'ledgerbridge.command': command, 'ledgerbridge.stream_id': envelope.streamId },
    });
    const traceparent = traceparentOfSpan(span);
    const traced = traceparent === undefined || traceparent === parent ? envelope : { ...envelope, metadata: { ...envelope.metadata, traceparent } };
    const started = performance.now();
    let result: CommandResult = 'failed';
    let failure: unknown;
    try {
      const outcome = await this.actors.send(envelope.streamId, this.actorOf(aggregate, envelope.streamId), async (actor) => {
        const handled = await actor.handle(traced);
        // Told before the actor takes its next letter, so a waiter registered by a later letter never misses it.
        if (!handled.duplicate && handled.events.length > 0) this.changes.appended(envelope.streamId, handled.revision);
        return handled;
      });
      result = outcome.duplicate ? 'duplicate' : outcome.events.length > 0 ? 'recorded' : 'unchanged';
      return outcome;
    } catch (error) {
      result = resultOf(error);
      // A refusal is the rules answering, not the service failing.
      if (result !== 'refused') failure = error;
      throw error;
    } finally {
      span.setAttribute('ledgerbridge.command.result', result);
      endSpan(span, failure);
      this.options.observer?.commandHandled(aggregate.category, command, result, (performance.now() - started) / 1000);
    }
  }

  /**
   * An aggregate's current state through its actor, so a read queued behind a command sees
   * that command's effect. `revision` -1 means the aggregate does not exist; `position` is its
   * last event's, absent then.
   */
  current<Command, Event extends DomainEvent, State>(
    aggregate: AggregateType<Command, Event, State>,
    streamId: string,
  ): Promise<{ state: State; revision: number; position?: GlobalPosition }> {
    return this.actors.send(
      streamId,
      this.actorOf(aggregate, streamId),
      // A stream's actor was built for its aggregate, so its state is that aggregate's.
      (actor) => actor.current() as Promise<{ state: State; revision: number; position?: GlobalPosition }>,
    );
  }

  /**
   * Waits until `streamId` is appended to past `revision`, for at most `ms`. The check and the
   * registration run as one letter of the stream's actor: an append sent before is seen in its
   * state (`appended` at once), one sent after is told to the waiter. With other writers, the
   * log of `aggregate`'s streams is followed from before the check, so another process's append
   * is told too, or, read from the log between check and registration, ends the wait at once.
   */
  async waitForChange<Command, Event extends DomainEvent, State>(
    aggregate: AggregateType<Command, Event, State>,
    streamId: string,
    revision: number,
    ms: number,
    signal?: AbortSignal,
  ): Promise<ChangeWaitEnd> {
    await this.log?.follow(aggregate.category);
    // Wrapped: a letter's promise is awaited by the mailbox, and the wait must not hold the actor.
    const registered = await this.actors.send(streamId, this.actorOf(aggregate, streamId), async (actor) => {
      const current = await actor.current();
      return { wait: current.revision > revision ? Promise.resolve<ChangeWaitEnd>('appended') : this.changes.waitPast(streamId, revision, ms, signal) };
    });
    return registered.wait;
  }

  /** How the actor of `streamId` is made when it is not warm. */
  private actorOf<Command, Event extends DomainEvent, State>(aggregate: AggregateType<Command, Event, State>, streamId: string): () => AnyAggregateActor {
    return () => new AggregateActor(streamId, aggregate, this.store, this.options.maxConflictRetries, this.options.followOtherWriters);
  }

  get warmActors(): number {
    return this.actors.size;
  }

  /** Readers waiting for a stream to change. */
  get changeWaiters(): number {
    return this.changes.size;
  }

  /** Subscriptions open to follow other processes' appends. */
  get logSubscriptions(): number {
    return this.log?.subscriptions ?? 0;
  }

  /** Waiting readers are answered at once (`closing`), the log no longer followed, and the actors let go. */
  stop(): void {
    this.log?.stop();
    this.changes.close();
    this.actors.stop();
  }
}

/** Commands name themselves by `kind`; one without is counted as `unknown`. */
function kindOf(command: unknown): string {
  const kind = (command as { kind?: unknown } | null)?.kind;
  return typeof kind === 'string' ? kind : 'unknown';
}

function resultOf(error: unknown): CommandResult {
  if (error instanceof BusinessRuleRefusal) return 'refused';
  if (error instanceof ActorOverloadedError) return 'overloaded';
  if (error instanceof ConcurrencyRetriesExhaustedError) return 'conflict';
  return 'failed';
}
