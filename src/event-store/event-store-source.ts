import type { AppConfig } from '../config/app-config';
import { SqliteEventStore } from './embedded/sqlite-event-store';
import { EsdbEventStore } from './esdb/esdb-event-store';
import type { EventStore } from './event-store.port';

/**
 * Where the service's log is, as a plain value another thread can be given (workerData): the
 * embedded store's file, or an EventStoreDB connection string.
 */
export type EventStoreSource = { kind: 'embedded'; file: string } | { kind: 'esdb'; url: string };

export function eventStoreSourceOf(config: AppConfig): EventStoreSource {
  return config.EVENTSTORE_URL ? { kind: 'esdb', url: config.EVENTSTORE_URL } : { kind: 'embedded', file: config.embeddedStoreFile };
}

/**
 * The log opened again, for reading, by a thread other than the one that appends (the projection
 * thread): the embedded file on a read-only connection of its own (WAL lets it read beside the
 * writer thread), or a client of its own to EventStoreDB.
 */
export function openEventStoreReader(source: EventStoreSource): EventStore {
  return source.kind === 'esdb' ? new EsdbEventStore(source.url) : new SqliteEventStore({ file: source.file, readOnly: true });
}
