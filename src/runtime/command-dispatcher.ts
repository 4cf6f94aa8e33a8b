import type { EventStore, GlobalPosition } from '../event-store/event-store.port';
import { ActorSystem, type ActorSystemOptions } from './actor-system';
import { AggregateActor, type CommandEnvelope, type CommandOutcome } from './aggregate-actor';
import type { AggregateType, DomainEvent } from './decider';

export interface CommandDispatcherOptions extends ActorSystemOptions {
  /** Reload-and-retry attempts when another writer moved the stream between load and append. */
  maxConflictRetries: number;
  /** Other processes write the same streams (EventStoreDB with several nodes): actors catch up before deciding or answering. */
  followOtherWriters?: boolean;
}

// The system hosts every aggregate kind; each actor is typed by its own aggregate at spawn.
type AnyAggregateActor = AggregateActor<any, any, any>;

/** Routes each command to the one actor that owns its stream. Framework-free: NestJS wraps it. */
export class CommandDispatcher {
  private readonly actors: ActorSystem<AnyAggregateActor>;

  constructor(
    private readonly store: EventStore,
    private readonly options: CommandDispatcherOptions,
  ) {
    this.actors = new ActorSystem(options);
  }

  dispatch<Command, Event extends DomainEvent, State>(
    aggregate: AggregateType<Command, Event, State>,
    envelope: CommandEnvelope<Command>,
  ): Promise<CommandOutcome> {
    return this.actors.send(
      envelope.streamId,
      () => new AggregateActor(envelope.streamId, aggregate, this.store, this.options.maxConflictRetries, this.options.followOtherWriters),
      (actor) => actor.handle(envelope),
    );
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
      () => new AggregateActor(streamId, aggregate, this.store, this.options.maxConflictRetries, this.options.followOtherWriters),
      (actor) => actor.current(),
    );
  }

  get warmActors(): number {
    return this.actors.size;
  }

  stop(): void {
    this.actors.stop();
  }
}
