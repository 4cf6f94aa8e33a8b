import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Durability = 'full' | 'normal';

/** Per-connection settings; every connection that writes must have them. */
export function configureConnection(db: Database.Database, durability: Durability): void {
  db.pragma('journal_mode = WAL');
  // FULL syncs the WAL on every commit: an acknowledged write survives power loss.
  // NORMAL survives a process crash but may lose the last commits on power loss.
  db.pragma(`synchronous = ${durability === 'full' ? 'FULL' : 'NORMAL'}`);
  // Another connection holding the write lock is waited for, not failed.
  db.pragma('busy_timeout = 5000');
}

/** Opens (creating its folder) one of Ledgerbridge's SQLite files: event store, projections, idempotency keys. */
export function openSqlite(file: string, durability: Durability): Database.Database {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  configureConnection(db, durability);
  return db;
}
