import type { EventFilter, RecordedEvent } from '../../src/event-store/event-store.port';

export type CellValue = string | number | null;
export type Row = Record<string, CellValue>;

/**
 * A read-model table as the projection names it. The runner gives each generation its own
 * physical copy, so a rebuild never touches the rows finance is reading.
 */
export interface ProjectionTable {
  name: string;
  /** Column name -> SQLite type and constraints, e.g. `'TEXT NOT NULL'`. */
  columns: Record<string, string>;
  /** Also the order rows are hashed in, so the hash does not depend on insertion order. */
  primaryKey: string[];
  /** Secondary lookups, each a list of columns, or columns over the rows where a condition holds. */
  indexes?: ProjectionIndex[];
}

/**
 * A secondary index: its columns, or its columns over only the rows `where` holds (SQLite's
 * partial index), for a column most rows leave null and that is looked up by value (`x = ?`
 * implies `x IS NOT NULL`, so such a look-up uses it).
 */
export type ProjectionIndex = string[] | { columns: string[]; where: string };

/** What a projection may do inside the runner's transaction: write its rows, read them back. */
export interface ProjectionWriter {
  /**
   * Inserts `row` and answers its rowid: for a table keyed by one INTEGER column left out of
   * `row`, the key SQLite gave it, one more than the largest so far. The same inserts in the same
   * order give the same keys, so a rebuild reproduces them and rows can join on them.
   */
  insert(table: string, row: Row): number;
  /** Inserts `rows`, all with the same columns in the same order, in as few statements as it can: the many lines of one event. */
  insertAll(table: string, rows: readonly Row[]): void;
  /** The row with these primary-key values, if any. */
  find(table: string, key: Row): Row | undefined;
  /** Deletes the row with these primary-key values, if any: for state that ends (a refused entry that posts at last). */
  delete(table: string, key: Row): void;
  /**
   * Adds `amount` to `column` of the row with these primary-key values, inserting the row with
   * `amount` when there is none, and answers the sum: a count kept as rows are written, read in
   * one look-up instead of counting rows (which costs as many steps as there are rows). The row
   * is written once its transaction's events are applied: `find` sees it as it was before.
   */
  add(table: string, key: Row, column: string, amount: number): number;
  /**
   * `derive()`, kept under `key` until one of `tables` is written or the transaction ends: for
   * what nearly every event reads from rows that rarely change (a company's fiscal calendar, the
   * kinds of reference data), read once per batch instead of once per event.
   */
  remember<T>(key: string, tables: readonly string[], derive: () => T): T;
}

/**
 * A read model built from the global log. `handle` must depend on the event and on rows it
 * wrote earlier only: no clock, no randomness, no iteration order the events do not define,
 * so a rebuild from position 0 reproduces the live rows exactly. Bump `version` whenever
 * `handle` or `tables` change meaning: the runner then rebuilds before following live.
 */
export interface Projection {
  name: string;
  version: number;
  tables: ProjectionTable[];
  /** Narrows what the store sends; events outside it still move nothing. */
  filter?: EventFilter;
  handle(event: RecordedEvent, writer: ProjectionWriter): void;
  /**
   * The company whose books `event` touches, read from the event or rows written before it; by
   * default the event's own `companyCode`. Said when the projection halts at the event, so work
   * for other companies (closing their batches) goes on. Undefined: unknown, the halt concerns all.
   */
  companyCodeOf?(event: RecordedEvent, rows: ProjectionWriter): string | undefined;
}
