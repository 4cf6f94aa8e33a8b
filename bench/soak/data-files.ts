import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface DataFiles {
  /** The event store: events.sqlite with its -wal and -shm. */
  storeBytes: number;
  /** Everything in the data folder (read models, idempotency keys, the store). */
  totalBytes: number;
}

/** Sizes of the app's data folder (the embedded store's files and the derived ones beside them). */
export function dataFiles(dataDir: string): DataFiles {
  let storeBytes = 0;
  let totalBytes = 0;
  for (const name of readdirSync(dataDir)) {
    const stats = statSync(join(dataDir, name));
    if (!stats.isFile()) continue;
    totalBytes += stats.size;
    if (name.startsWith('events.sqlite')) storeBytes += stats.size;
  }
  return { storeBytes, totalBytes };
}
