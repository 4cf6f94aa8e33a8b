import { StreamNotFoundError } from '../../src/event-store/event-store.errors';
import type { EventStore, RecordedEvent, SubscriptionMessage } from '../../src/event-store/event-store.port';

/**
 * Operators' corrections of events the read side cannot apply. Stored events are never
 * rewritten: a correction is itself an event, `EventCorrected` in this one stream, and says
 * which data projections and auditors' rebuilds take for the event it names. The event keeps
 * its id, stream, revision and position (lineage still points at it); only its data is read
 * from the correction. The latest correction of an event wins.
 */
export const EVENT_CORRECTIONS_STREAM = 'event-corrections';
export const EVENT_CORRECTED = 'EventCorrected';

export interface EventCorrectedData {
  eventId: string;
  streamId: string;
  revision: number;
  type: string;
  /** What the read side takes as the event's data from now on, rebuilds from position 0 included. */
  data: unknown;
  reason: string;
  /** The projection that was halted at the event, and why: what made the correction necessary. */
  haltedProjection: string;
  error: string;
}

/** The corrections recorded so far, by the id of the event each corrects. */
export class EventCorrections {
  static readonly NONE = new EventCorrections(new Map());

  private constructor(private readonly byEventId: ReadonlyMap<string, EventCorrectedData>) {}

  /** One read of one stream: there are few corrections, and none on a healthy log. */
  static async load(store: EventStore): Promise<EventCorrections> {
    let recorded: RecordedEvent[];
    try {
      recorded = await store.readStream(EVENT_CORRECTIONS_STREAM);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return EventCorrections.NONE;
      throw error;
    }
    const byEventId = new Map<string, EventCorrectedData>();
    for (const { type, data } of recorded) if (type === EVENT_CORRECTED) byEventId.set((data as EventCorrectedData).eventId, data as EventCorrectedData);
    return new EventCorrections(byEventId);
  }

  get size(): number {
    return this.byEventId.size;
  }

  /** The event as the read side takes it: with the corrected data when a correction names it. */
  readonly apply = (event: RecordedEvent): RecordedEvent => {
    if (this.byEventId.size === 0) return event;
    const correction = this.byEventId.get(event.eventId);
    return correction && correction.streamId === event.streamId && correction.revision === event.revision ? { ...event, data: correction.data } : event;
  };
}

/**
 * The store as the read side reads history (projection runners, rebuilds, auditors' rebuilds):
 * events a correction names come with the corrected data. Appends pass through unchanged.
 */
export function correctedHistory(store: EventStore, corrections: EventCorrections): EventStore {
  if (corrections.size === 0) return store;
  return {
    appendToStream: (streamId, events, options) => store.appendToStream(streamId, events, options),
    readStream: async (streamId, options) => (await store.readStream(streamId, options)).map(corrections.apply),
    readAll: async (options) => (await store.readAll(options)).map(corrections.apply),
    ...(store.countAll ? { countAll: store.countAll.bind(store) } : {}),
    subscribeToAll: (options) => {
      const subscription = store.subscribeToAll(options);
      return {
        close: () => subscription.close(),
        async *[Symbol.asyncIterator]() {
          for await (const message of subscription)
            yield (message.kind === 'event' ? { kind: 'event', event: corrections.apply(message.event) } : message) satisfies SubscriptionMessage;
        },
      };
    },
    ping: () => store.ping(),
    close: () => store.close(),
  };
}
