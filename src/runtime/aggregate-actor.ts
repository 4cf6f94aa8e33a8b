import { StreamNotFoundError, WrongExpectedRevisionError } from '../event-store/event-store.errors';
import type { EventMetadata, EventStore, GlobalPosition, NewEvent, RecordedEvent, StreamId, StreamRevision } from '../event-store/event-store.port';
import type { AggregateType, DomainEvent } from './decider';
import { eventIdFor } from './event-ids';

export interface CommandEnvelope<Command = unknown> {
  /** Unique per business command; a retry carries the same id. */
  commandId: string;
  streamId: StreamId;
  command: Command;
  metadata: Omit<EventMetadata, 'commandId'>;
}

export interface CommandOutcome {
  streamId: StreamId;
  /** The events this command recorded, in order, as stored. */
  events: Array<NewEvent & { revision: StreamRevision }>;
  /** Stream revision after the command (-1: the stream still does not exist). */
  revision: StreamRevision;
  /** Global position of the last recorded event, when the command recorded any. */
  position?: GlobalPosition;
  /** True when this command id had already been handled: the original outcome is returned. */
  duplicate: boolean;
}

/** The command could not be applied because other writers kept moving the stream. */
export class ConcurrencyRetriesExhaustedError extends Error {
  override readonly name = 'ConcurrencyRetriesExhaustedError';
  constructor(
    readonly streamId: StreamId,
    readonly attempts: number,
  ) {
    super(`stream ${streamId} changed under ${attempts} consecutive attempts`);
  }
}

const NO_STREAM = -1;

/**
 * One aggregate instance: loads its stream once, keeps state warm, and turns each command
 * into events with the pure decider. Only its mailbox calls it, so calls never overlap.
 */
export class AggregateActor<Command, Event extends DomainEvent, State> {
  private state: State;
  private revision: StreamRevision = NO_STREAM;
  /** Global position of the stream's last event, absent while the stream does not exist. */
  private position: GlobalPosition | undefined;
  private loaded = false;
  /**
   * Outcomes by command id, rebuilt from event metadata, so a retried command is answered, not
   * re-decided. For a state loaded from the last event: that event's command only (see AggregateType).
   */
  private readonly handled = new Map<string, CommandOutcome>();

  constructor(
    private readonly streamId: StreamId,
    private readonly aggregate: AggregateType<Command, Event, State>,
    private readonly store: EventStore,
    private readonly maxConflictRetries: number,
    /**
     * Other processes append to this stream too (several nodes on EventStoreDB): warm state is
     * brought up to date before each decision and read. An append on stale state would only
     * conflict and retry, but a refusal, a decision to do nothing, or a read would answer from
     * the past (an authorization recorded by another node, a capture by the saga node).
     */
    private readonly followOtherWriters = false,
  ) {
    this.state = aggregate.decider.initialState();
  }

  /**
   * The current state and revision (-1: the stream does not exist), as the next command would see
   * them, and the position of the last event, which a reader waits for a read model to reach.
   */
  async current(): Promise<{ state: State; revision: StreamRevision; position?: GlobalPosition }> {
    await this.refresh();
    return { state: this.state, revision: this.revision, ...(this.position !== undefined && { position: this.position }) };
  }

  async handle(envelope: CommandEnvelope<Command>): Promise<CommandOutcome> {
    for (let attempt = 0; ; attempt++) {
      await this.refresh();
      const previous = this.handled.get(envelope.commandId);
      if (previous) return { ...previous, duplicate: true };

      const decided = this.aggregate.decider.decide(envelope.command, this.state);
      if (decided.length === 0) return { streamId: this.streamId, events: [], revision: this.revision, duplicate: false };
      const events = decided.map((event, i) => ({
        eventId: eventIdFor(envelope.commandId, i),
        type: event.type,
        schemaVersion: event.schemaVersion ?? 1,
        data: event.data,
        metadata: { ...envelope.metadata, commandId: envelope.commandId },
      }));
      try {
        const appended = await this.store.appendToStream(this.streamId, events, {
          expectedRevision: this.revision === NO_STREAM ? 'no_stream' : this.revision,
        });
        const first = appended.nextExpectedRevision - events.length + 1;
        const outcome: CommandOutcome = {
          streamId: this.streamId,
          events: events.map((event, i) => ({ ...event, revision: first + i })),
          revision: appended.nextExpectedRevision,
          position: appended.position,
          duplicate: false,
        };
        this.state = decided.reduce(this.aggregate.decider.evolve, this.state);
        this.revision = appended.nextExpectedRevision;
        this.position = appended.position;
        // Warm as after a reload: only the last event's command, and no pile of large events in memory.
        if (this.aggregate.stateFromLastEvent) this.handled.clear();
        this.handled.set(envelope.commandId, outcome);
        return outcome;
      } catch (error) {
        // Whatever happened, the warm state may be stale now: rebuild it before the next decision.
        this.loaded = false;
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (attempt >= this.maxConflictRetries) throw new ConcurrencyRetriesExhaustedError(this.streamId, attempt + 1);
      }
    }
  }

  /** Loads the stream if it is not warm; with other writers, also takes what they appended since. */
  private async refresh(): Promise<void> {
    if (!this.loaded) return this.load();
    if (!this.followOtherWriters) return;
    let newer: RecordedEvent[];
    try {
      newer = await this.store.readStream(this.streamId, { fromRevision: this.revision + 1 });
    } catch (error) {
      if (error instanceof StreamNotFoundError) return;
      throw error;
    }
    if (newer.length === 0) return;
    // Such a state is rebuilt from the last event alone.
    if (this.aggregate.stateFromLastEvent) return this.load();
    for (const recorded of newer) {
      this.state = this.aggregate.decider.evolve(this.state, { type: recorded.type, data: recorded.data, schemaVersion: recorded.schemaVersion } as Event);
      this.revision = recorded.revision;
      this.position = recorded.globalPosition;
      this.remember(recorded);
    }
  }

  private async load(): Promise<void> {
    const { decider } = this.aggregate;
    let state = decider.initialState();
    let revision: StreamRevision = NO_STREAM;
    let position: GlobalPosition | undefined;
    this.handled.clear();
    try {
      const history = this.aggregate.stateFromLastEvent
        ? await this.store.readStream(this.streamId, { direction: 'backwards', maxCount: 1 })
        : await this.store.readStream(this.streamId);
      for (const recorded of history) {
        state = decider.evolve(state, { type: recorded.type, data: recorded.data, schemaVersion: recorded.schemaVersion } as Event);
        revision = recorded.revision;
        position = recorded.globalPosition;
        this.remember(recorded);
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    this.state = state;
    this.revision = revision;
    this.position = position;
    this.loaded = true;
  }

  private remember(recorded: RecordedEvent): void {
    const commandId = recorded.metadata.commandId;
    if (typeof commandId !== 'string') return;
    const outcome = this.handled.get(commandId) ?? { streamId: this.streamId, events: [], revision: recorded.revision, duplicate: false };
    const { eventId, type, schemaVersion, data, metadata, revision } = recorded;
    outcome.events.push({ eventId, type, schemaVersion, data, metadata, revision });
    outcome.revision = revision;
    outcome.position = recorded.globalPosition;
    this.handled.set(commandId, outcome);
  }
}
