import { Counter, Histogram } from 'prom-client';
import type { EventStore } from '../../event-store/event-store.port';
import type { MetricsRegistry } from './metrics-registry';

/** Appends per group commit: one when quiet, hundreds under load. */
const GROUP_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];
/** Seconds per commit: an fsync takes from well under a millisecond (NVMe) to tens (network disks). */
const COMMIT_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

/**
 * The event store's commits as it reports them (`observeCommits`): how many appends each group
 * commit took and how long it took on the writer thread (on EventStoreDB every append is its own
 * commit), and how many events were appended.
 */
export class StoreMetrics {
  constructor(metrics: MetricsRegistry, store: EventStore) {
    observeCommits(metrics, store);
  }
}

function observeCommits(metrics: MetricsRegistry, store: EventStore): void {
  const registers = [metrics.registry];
  const appends = new Histogram({
    name: 'ledgerbridge_store_commit_appends',
    help: 'Appends committed together in one commit (the embedded store groups concurrent appends; EventStoreDB: 1)',
    buckets: GROUP_BUCKETS,
    registers,
  });
  const duration = new Histogram({
    name: 'ledgerbridge_store_commit_duration_seconds',
    help: "Time a commit took: the embedded store's writer thread, fsync included; EventStoreDB: request to answer",
    buckets: COMMIT_BUCKETS,
    registers,
  });
  const events = new Counter({ name: 'ledgerbridge_events_appended_total', help: 'Events appended to the event store', registers });
  store.observeCommits?.((commit) => {
    appends.observe(commit.appends);
    duration.observe(commit.seconds);
    events.inc(commit.events);
  });
}
