/**
 * KurrentDB (EventStoreDB renamed, from 25.0) documents its connection strings as
 * `kurrentdb://` and `kurrentdb+discover://`; @eventstore/db-client reads the very same string
 * under `esdb://` and `esdb+discover://` (same hosts, options and credentials), and the server
 * speaks the same gRPC protocol to both. So either spelling reaches the store.
 */
export function esdbClientConnectionString(connectionString: string): string {
  return connectionString.replace(/^kurrentdb(\+discover)?:\/\//i, (_, discover: string | undefined) => `esdb${discover ?? ''}://`);
}
