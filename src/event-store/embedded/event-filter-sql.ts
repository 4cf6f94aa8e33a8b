import type Database from 'better-sqlite3';
import type { EventFilter } from '../event-store.port';

const COLUMN = { eventType: 'type', streamName: 'stream_id' } as const;

/**
 * The port's prefix filter as a SQL condition, so events outside it are skipped by SQLite
 * instead of being parsed and dropped in JavaScript. `substr(x, 1, length(p)) = p` is an exact,
 * case-sensitive prefix test (LIKE would be neither), and counts characters on both sides.
 * Parameters are the prefixes, in order.
 */
export function filterCondition(filter: EventFilter | undefined): string {
  if (!filter) return '1';
  if (filter.prefixes.length === 0) return '0';
  const column = COLUMN[filter.on];
  return `(${filter.prefixes.map(() => `substr(${column}, 1, length(?)) = ?`).join(' OR ')})`;
}

/** The bound values for `filterCondition`: each prefix twice (its length, then the comparison). */
export function filterParameters(filter: EventFilter | undefined): string[] {
  return (filter?.prefixes ?? []).flatMap((prefix) => [prefix, prefix]);
}

/** Statements that differ only in their filter's shape (attribute and number of prefixes), prepared once per shape. */
export class FilteredStatements<Row> {
  private readonly prepared = new Map<string, Database.Statement<unknown[], Row>>();

  constructor(
    private readonly db: Database.Database,
    /** The SQL with `${condition}` where the filter goes. */
    private readonly sql: (condition: string) => string,
  ) {}

  for(filter: EventFilter | undefined): Database.Statement<unknown[], Row> {
    const shape = filter ? `${filter.on}/${filter.prefixes.length}` : '-';
    let statement = this.prepared.get(shape);
    if (!statement) {
      statement = this.db.prepare<unknown[], Row>(this.sql(filterCondition(filter)));
      this.prepared.set(shape, statement);
    }
    return statement;
  }
}
