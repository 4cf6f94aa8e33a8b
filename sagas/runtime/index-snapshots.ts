import { StreamNotFoundError } from '../../src/event-store/event-store.errors';
import type { EventStore } from '../../src/event-store/event-store.port';
import type { IndexSnapshot } from './instance-index';

/**
 * The instance index of one saga, saved now and then as an event in `sagaindex-<name>`
 * (outside the `saga-<name>-` prefix, so it is never taken for an instance). Start-up reads
 * the last one and only the saga-stream events after it: its cost follows the unfinished
 * instances and recent activity, not how many instances ever finished.
 */
export class IndexSnapshots {
  private readonly streamId: string;
  private revision: number | 'no_stream' = 'no_stream';

  constructor(
    private readonly store: EventStore,
    sagaName: string,
  ) {
    this.streamId = `sagaindex-${sagaName}`;
  }

  async load(): Promise<IndexSnapshot | undefined> {
    try {
      const [last] = await this.store.readStream(this.streamId, { direction: 'backwards', maxCount: 1 });
      this.revision = last.revision;
      return last.data as IndexSnapshot;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
  }

  async save(snapshot: IndexSnapshot): Promise<void> {
    const appended = await this.store.appendToStream(
      this.streamId,
      [{ eventId: crypto.randomUUID(), type: 'SagaIndexSnapshotTaken', data: snapshot }],
      { expectedRevision: this.revision },
    );
    this.revision = appended.nextExpectedRevision;
  }
}
