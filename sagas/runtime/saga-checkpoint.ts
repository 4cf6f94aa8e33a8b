import type { EventStore, GlobalPosition } from '../../src/event-store/event-store.port';
import { LatestEventStream } from './latest-event-stream';

/**
 * How far a saga has read the global log, kept as events in `checkpoint-saga-<name>` so it
 * works on every store adapter. It is written after the instances recorded their steps;
 * losing the last write only replays inputs the instances already recorded and ignore.
 */
export class SagaCheckpoint {
  private readonly stream: LatestEventStream<{ position: string }>;

  constructor(store: EventStore, sagaName: string) {
    this.stream = new LatestEventStream(store, `checkpoint-saga-${sagaName}`, 'SagaCheckpointReached');
  }

  /** The last position every instance has finished with; undefined: start of the log. */
  async load(): Promise<GlobalPosition | undefined> {
    const last = await this.stream.load();
    return last === undefined ? undefined : BigInt(last.position);
  }

  save(position: GlobalPosition): Promise<void> {
    return this.stream.save({ position: position.toString() });
  }
}
