import { StreamNotFoundError } from '../../src/event-store/event-store.errors';
import type { EventStore, GlobalPosition } from '../../src/event-store/event-store.port';

/**
 * How far a saga has read the global log, kept as events in `checkpoint-saga-<name>` so it
 * works on every store adapter. It is written after the instances recorded their steps;
 * losing the last write only replays inputs the instances already recorded and ignore.
 */
export class SagaCheckpoint {
  private readonly streamId: string;
  private revision: number | 'no_stream' = 'no_stream';

  constructor(
    private readonly store: EventStore,
    sagaName: string,
  ) {
    this.streamId = `checkpoint-saga-${sagaName}`;
  }

  /** The last position every instance has finished with; undefined: start of the log. */
  async load(): Promise<GlobalPosition | undefined> {
    try {
      const [last] = await this.store.readStream(this.streamId, { direction: 'backwards', maxCount: 1 });
      this.revision = last.revision;
      return BigInt((last.data as { position: string }).position);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
  }

  async save(position: GlobalPosition): Promise<void> {
    const appended = await this.store.appendToStream(
      this.streamId,
      [{ eventId: crypto.randomUUID(), type: 'SagaCheckpointReached', data: { position: position.toString() } }],
      { expectedRevision: this.revision },
    );
    this.revision = appended.nextExpectedRevision;
  }
}
