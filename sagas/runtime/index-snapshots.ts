import type { EventStore } from '../../src/event-store/event-store.port';
import type { IndexSnapshot } from './instance-index';
import { LatestEventStream } from './latest-event-stream';

/**
 * The instance index of one saga, saved now and then as an event in `sagaindex-<name>`
 * (outside the `saga-<name>-` prefix, so it is never taken for an instance). Start-up reads
 * the last one and only the saga-stream events after it: its cost follows the unfinished
 * instances and recent activity, not how many instances ever finished.
 */
export class IndexSnapshots extends LatestEventStream<IndexSnapshot> {
  constructor(store: EventStore, sagaName: string) {
    super(store, `sagaindex-${sagaName}`, 'SagaIndexSnapshotTaken');
  }
}
