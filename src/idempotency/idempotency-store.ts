import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { openSqlite } from '../sqlite/open-sqlite';
import type { IdempotencyKeys } from './idempotency-keys.port';
import type { KeyClaim, StoredAnswer } from './stored-answer';

const DAY_MS = 24 * 60 * 60 * 1000;

interface Row {
  fingerprint: string;
  owner: string;
  answer: string | null;
  created_at: number;
}

/**
 * Idempotency keys and first answers in a SQLite file of their own (WAL), beside the embedded
 * store: one process serves every request, so a key it finds in flight under another owner was
 * left by a crash, and is taken over at once. synchronous=NORMAL is enough: an answer lost to
 * power failure is rebuilt on retry, because the retried command has the same id and the
 * aggregate dedupes it. Each call runs to its end without yielding, so claims never interleave.
 */
export class IdempotencyStore implements IdempotencyKeys {
  private readonly db: Database.Database;
  /** This process: a key left in flight by an earlier process was cut off by a crash, not still running. */
  private readonly owner = randomUUID();
  private readonly saveAnswer: Database.Statement;
  private readonly releaseKey: Database.Statement;
  private readonly purge: Database.Statement;
  private readonly claimTx: (principal: string, key: string, fingerprint: string, now: number) => KeyClaim;

  constructor(
    file: string,
    private readonly retentionDays: number,
  ) {
    this.db = openSqlite(file, 'normal');
    this.db.exec(`CREATE TABLE IF NOT EXISTS idempotency_keys (
      principal TEXT NOT NULL,
      key TEXT NOT NULL,
      fingerprint TEXT NOT NULL,
      owner TEXT NOT NULL,
      answer TEXT,
      created_at INTEGER NOT NULL,
      PRIMARY KEY (principal, key)
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS idempotency_keys_by_age ON idempotency_keys (created_at);`);
    // Prepared once: answer() and release() run on every idempotent request.
    this.saveAnswer = this.db.prepare('UPDATE idempotency_keys SET answer = ? WHERE principal = ? AND key = ? AND owner = ?');
    this.releaseKey = this.db.prepare('DELETE FROM idempotency_keys WHERE principal = ? AND key = ? AND owner = ? AND answer IS NULL');
    this.purge = this.db.prepare('DELETE FROM idempotency_keys WHERE created_at < ?');
    const select = this.db.prepare<[string, string], Row>('SELECT fingerprint, owner, answer, created_at FROM idempotency_keys WHERE principal = ? AND key = ?');
    const upsert = this.db.prepare(
      `INSERT INTO idempotency_keys (principal, key, fingerprint, owner, answer, created_at) VALUES (?, ?, ?, ?, NULL, ?)
       ON CONFLICT (principal, key) DO UPDATE SET fingerprint = excluded.fingerprint, owner = excluded.owner, answer = NULL, created_at = excluded.created_at`,
    );
    const takeOver = this.db.prepare('UPDATE idempotency_keys SET owner = ? WHERE principal = ? AND key = ?');
    this.claimTx = this.db.transaction((principal: string, key: string, fingerprint: string, now: number): KeyClaim => {
      const row = select.get(principal, key);
      if (!row || row.created_at < now - this.retentionMs) {
        upsert.run(principal, key, fingerprint, this.owner, now);
        return { outcome: 'claimed' };
      }
      if (row.fingerprint !== fingerprint) return { outcome: 'reused' };
      if (row.answer !== null) return { outcome: 'answered', answer: JSON.parse(row.answer) as StoredAnswer };
      if (row.owner === this.owner) return { outcome: 'in-flight' };
      takeOver.run(this.owner, principal, key);
      return { outcome: 'claimed' };
    });
  }

  private get retentionMs(): number {
    return this.retentionDays * DAY_MS;
  }

  async claim(principal: string, key: string, fingerprint: string, now = Date.now()): Promise<KeyClaim> {
    return this.claimTx(principal, key, fingerprint, now);
  }

  async answer(principal: string, key: string, answer: StoredAnswer): Promise<void> {
    this.saveAnswer.run(JSON.stringify(answer), principal, key, this.owner);
  }

  async release(principal: string, key: string): Promise<void> {
    this.releaseKey.run(principal, key, this.owner);
  }

  /** Forgets keys older than the retention period; returns how many. */
  purgeExpired(now = Date.now()): number {
    return this.purge.run(now - this.retentionMs).changes;
  }

  close(): void {
    this.db.close();
  }
}
