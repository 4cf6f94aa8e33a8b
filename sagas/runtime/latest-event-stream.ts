import { StreamNotFoundError, WrongExpectedRevisionError } from '../../src/event-store/event-store.errors';
import type { EventStore } from '../../src/event-store/event-store.port';

/** Saves between two truncations: the stream keeps at most this many older values. */
const TRUNCATE_EVERY = 100;

/**
 * One value kept as the last event of its own stream, so it works on every store adapter:
 * `load` reads the last event, `save` appends a new one at the revision last seen. One writer
 * per stream: a save that finds another writer's value after its own (a node that ran the sagas
 * before a take-over, saving late) puts its value after that one, so the writer in charge now
 * has the last word. Older values are dropped every TRUNCATE_EVERY saves, so the stream does not
 * grow with every save.
 */
export class LatestEventStream<T> {
  private revision: number | 'no_stream' = 'no_stream';

  constructor(
    private readonly store: EventStore,
    private readonly streamId: string,
    private readonly eventType: string,
  ) {}

  /** The last saved value; undefined while the stream does not exist. */
  async load(): Promise<T | undefined> {
    try {
      const [last] = await this.store.readStream(this.streamId, { direction: 'backwards', maxCount: 1 });
      this.revision = last.revision;
      return last.data as T;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
  }

  async save(value: T): Promise<void> {
    const append = () => this.store.appendToStream(this.streamId, [{ eventId: crypto.randomUUID(), type: this.eventType, data: value }], { expectedRevision: this.revision });
    let appended;
    try {
      appended = await append();
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      this.revision = error.actual;
      appended = await append();
    }
    this.revision = appended.nextExpectedRevision;
    if (this.revision % TRUNCATE_EVERY === 0) await this.store.truncateStream?.(this.streamId, this.revision);
  }
}
