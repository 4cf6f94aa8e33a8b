import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { openSqlite } from '../../src/sqlite/open-sqlite';
import { canonicalJson } from '../../src/hashing/canonical-json';
import type { GlobalPosition } from '../../src/event-store/event-store.port';
import type { CellValue, Projection, ProjectionTable, ProjectionWriter, Row } from './projection';
import type { ProjectionHalt } from './projection-halt';

/** One physical set of a projection's tables, with the checkpoint its rows correspond to. */
export interface Generation {
  projection: string;
  generation: number;
  version: number;
  live: boolean;
  /** Global position of the last event applied to this generation; null before the first. */
  checkpoint: GlobalPosition | null;
  /** recordedAt of that event (ISO), for lag in seconds. */
  checkpointRecordedAt: string | null;
}

interface HaltRow {
  projection: string;
  position: string;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  schema_version: number;
  company_code: string | null;
  error: string;
}

interface GenerationRow {
  projection: string;
  generation: number;
  version: number;
  live: number;
  checkpoint: string | null;
  checkpoint_recorded_at: string | null;
}

const NAME = /^[a-z][a-z0-9_]*$/;
/**
 * Page cache of the projections connection, in KiB. Read models index random keys (event ids,
 * stream ids), so a catch-up batch touches pages all over each index; with SQLite's 2 MiB default
 * they are evicted and re-read, and spilled to the WAL, many times per batch.
 */
const CACHE_KIB = 64 * 1024;
/** Read statements kept prepared per connection: every query of the views, with room for a rebuild's new table names. */
const PREPARED_QUERIES = 256;
/**
 * WAL pages between checkpoints (64 MiB). Every catch-up batch rewrites the same hot index pages;
 * checkpointing after each batch (the 1000-page default) copies them into the database file again
 * each time, checkpointing less often copies each once per 64 MiB of WAL.
 */
const WAL_CHECKPOINT_PAGES = 16_384;
/** Rows hashed per digest update: one update per row costs more than the hashing itself. */
const HASH_CHUNK_ROWS = 500;

export interface ProjectionDatabaseOptions {
  /**
   * `write` (the default): the connection that applies events (the projection thread, tools,
   * tests). `read`: a connection for views beside it (the service's main thread), query-only so
   * nothing on the request loop can write a read model; views read through `snapshot`.
   */
  access?: 'write' | 'read';
}

/**
 * Rows per statement of `insertAll`: one statement of several rows costs less per row than one
 * per row (binding and stepping a statement is about a third of a narrow row's insert), and
 * statements are prepared per row count, so the count is kept small.
 */
const ROWS_PER_INSERT = 16;

/**
 * A writer that can drop everything it remembers (and its unsettled counts) when its next
 * transaction starts, and write the counts it added to (`settle`) before one commits.
 */
type RememberingWriter = ProjectionWriter & { forgetAll(): void; settle(): void };

function checkedName(kind: string, name: string): string {
  if (!NAME.test(name)) throw new RangeError(`${kind} name ${JSON.stringify(name)} must match ${NAME}`);
  return name;
}

/**
 * The projections' own SQLite file, apart from the event store so it serves EventStoreDB
 * deployments too. Rows and checkpoints live here together, which is what lets one
 * transaction cover both.
 *
 * Commits are synchronous=NORMAL (WAL): a read model is derived data. Its checkpoint commits
 * with its rows and the log is the truth, so a commit lost to power loss (never to a crash of
 * the process) leaves the rows and the checkpoint as they were before it, and the events are
 * projected again. FULL would add a sync of the WAL to every commit for nothing.
 */
export class ProjectionDatabase {
  readonly db: Database.Database;
  private readonly liveQuery: Database.Statement<[string], GenerationRow>;
  private readonly generationQuery: Database.Statement<[string, number], GenerationRow>;
  private readonly checkpointUpdate: Database.Statement<[string, string, string, number]>;
  private readonly haltQuery: Database.Statement<[string], HaltRow>;
  private readonly haltPassed: Database.Statement<[string, number, string]>;
  /** Writers by projection and generation, so their prepared statements outlive one transaction. */
  private readonly writers = new Map<string, RememberingWriter>();
  /** Read statements by their text (see `prepared`). */
  private readonly queries = new Map<string, Database.Statement>();

  constructor(file: string, options: ProjectionDatabaseOptions = {}) {
    const reading = options.access === 'read';
    this.db = openSqlite(file, 'normal');
    if (!reading) {
      this.db.pragma(`cache_size = -${CACHE_KIB}`);
      this.db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
    }
    this.db.exec(`CREATE TABLE IF NOT EXISTS projection_generations (
      projection TEXT NOT NULL,
      generation INTEGER NOT NULL,
      version INTEGER NOT NULL,
      live INTEGER NOT NULL,
      checkpoint TEXT,
      checkpoint_recorded_at TEXT,
      PRIMARY KEY (projection, generation)
    )`);
    // At most one halt per generation: the event its runner cannot apply (projection-halt.ts).
    this.db.exec(`CREATE TABLE IF NOT EXISTS projection_halts (
      projection TEXT NOT NULL,
      generation INTEGER NOT NULL,
      position TEXT NOT NULL,
      event_id TEXT NOT NULL,
      stream_id TEXT NOT NULL,
      revision INTEGER NOT NULL,
      type TEXT NOT NULL,
      schema_version INTEGER NOT NULL,
      company_code TEXT,
      error TEXT NOT NULL,
      PRIMARY KEY (projection, generation)
    )`);
    // Prepared once: the runner reads the live generation and moves the checkpoint on every live event.
    this.liveQuery = this.db.prepare('SELECT * FROM projection_generations WHERE projection = ? AND live = 1');
    this.generationQuery = this.db.prepare('SELECT * FROM projection_generations WHERE projection = ? AND generation = ?');
    this.checkpointUpdate = this.db.prepare('UPDATE projection_generations SET checkpoint = ?, checkpoint_recorded_at = ? WHERE projection = ? AND generation = ?');
    this.haltQuery = this.db.prepare(
      'SELECT h.* FROM projection_halts h JOIN projection_generations g ON g.projection = h.projection AND g.generation = h.generation WHERE h.projection = ? AND g.live = 1',
    );
    // Positions are decimal text: compared as integers, so position 10 is past position 9.
    this.haltPassed = this.db.prepare('DELETE FROM projection_halts WHERE projection = ? AND generation = ? AND CAST(position AS INTEGER) <= CAST(? AS INTEGER)');
    // After the tables above exist: a reader may be the first to open the file.
    if (reading) this.db.pragma('query_only = ON');
  }

  /**
   * Runs `read` in one read transaction: its queries see one committed state of rows,
   * checkpoints and live generations, whatever the projection thread commits meanwhile (a view
   * reads its table's live generation, then its rows, then its checkpoint; a rebuild's switch
   * may drop that generation in between).
   */
  snapshot<T>(read: () => T): T {
    return this.db.inTransaction ? read() : this.db.transaction(read)();
  }

  /**
   * Runs `work` in one transaction that takes the write lock when it begins (BEGIN IMMEDIATE;
   * inside another transaction, a savepoint of it). A transaction that reads before it writes
   * would ask for the lock only at its first write, and SQLite fails that at once with
   * "database is locked", busy timeout or not, if another connection holds it then (an
   * operator's repair in a SQLite shell, a backup tool that writes): the projection would halt.
   */
  writeTransaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  /**
   * The statement of this text, prepared once on this connection. A query's text names the live
   * tables of their generation, so a rebuild's switch-over makes new texts; past PREPARED_QUERIES
   * texts the oldest is let go, so earlier generations' statements do not pile up.
   */
  prepared<Params extends unknown[] = unknown[], Row = unknown>(sql: string): Database.Statement<Params, Row> {
    let statement = this.queries.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      if (this.queries.size >= PREPARED_QUERIES) this.queries.delete(this.queries.keys().next().value!);
      this.queries.set(sql, statement);
    }
    return statement as unknown as Database.Statement<Params, Row>;
  }

  static tableName(projection: string, table: string, generation: number): string {
    return `${checkedName('projection', projection)}__${checkedName('table', table)}__g${generation}`;
  }

  liveGeneration(projection: string): Generation | undefined {
    const row = this.liveQuery.get(projection);
    return row && asGeneration(row);
  }

  generation(projection: string, generation: number): Generation | undefined {
    const row = this.generationQuery.get(projection, generation);
    return row && asGeneration(row);
  }

  /**
   * Empty tables under the next generation number; live only when the projection has none yet.
   * `indexes: 'later'` leaves the secondary indexes to `createIndexes`: a generation projected
   * from position 0 appends its rows in key order, but an index of random text keys (event ids,
   * streams) takes each row at a random place of its B-tree, page after page; an index built
   * once over the rows sorts them instead (bench/projections.bench.ts).
   */
  createGeneration(projection: Projection, live: boolean, indexes: 'now' | 'later' = 'now'): Generation {
    return this.writeTransaction(() => {
      const last = this.db.prepare<[string], { last: number | null }>('SELECT MAX(generation) AS last FROM projection_generations WHERE projection = ?').get(projection.name)?.last;
      const generation = (last ?? 0) + 1;
      for (const table of projection.tables) this.createTable(projection.name, table, generation);
      if (indexes === 'now') this.createIndexes(projection, generation);
      this.db
        .prepare('INSERT INTO projection_generations (projection, generation, version, live, checkpoint, checkpoint_recorded_at) VALUES (?, ?, ?, ?, NULL, NULL)')
        .run(projection.name, generation, projection.version, live ? 1 : 0);
      return this.generation(projection.name, generation)!;
    });
  }

  private createTable(projection: string, table: ProjectionTable, generation: number): void {
    const name = ProjectionDatabase.tableName(projection, table.name, generation);
    const columns = Object.entries(table.columns).map(([column, type]) => `${checkedName('column', column)} ${type}`);
    this.db.exec(`CREATE TABLE ${name} (${columns.join(', ')}, PRIMARY KEY (${table.primaryKey.join(', ')}))`);
  }

  /**
   * The secondary indexes a generation's tables lack (created `indexes: 'later'`), in one
   * transaction. A table that is gone (a damaged file) is left to fail where the projection
   * writes it, so the runner halts at that event and says why.
   */
  createIndexes(projection: Projection, generation: number): void {
    this.writeTransaction(() => {
      const existing = new Set(this.db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type IN ('table', 'index')").pluck().all());
      for (const table of projection.tables) {
        const name = ProjectionDatabase.tableName(projection.name, table.name, generation);
        if (!existing.has(name)) continue;
        (table.indexes ?? []).forEach((index, i) => {
          if (existing.has(`${name}__i${i}`)) return;
          const { columns, where } = Array.isArray(index) ? { columns: index, where: undefined } : index;
          this.db.exec(`CREATE INDEX ${name}__i${i} ON ${name} (${columns.join(', ')})${where === undefined ? '' : ` WHERE ${where}`}`);
        });
      }
    });
  }

  /** Moves the checkpoint; a halt at or before it is over (its event is applied now), in the same transaction. */
  setCheckpoint(projection: string, generation: number, position: GlobalPosition, recordedAt: string): void {
    this.checkpointUpdate.run(position.toString(), recordedAt, projection, generation);
    this.haltPassed.run(projection, generation, position.toString());
  }

  /** Where the live generation is halted, if it is. */
  halt(projection: string): ProjectionHalt | undefined {
    const row = this.haltQuery.get(projection);
    return (
      row && {
        projection: row.projection,
        position: BigInt(row.position),
        eventId: row.event_id,
        streamId: row.stream_id,
        revision: row.revision,
        type: row.type,
        schemaVersion: row.schema_version,
        companyCode: row.company_code,
        error: row.error,
      }
    );
  }

  recordHalt(generation: number, halt: ProjectionHalt): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO projection_halts (projection, generation, position, event_id, stream_id, revision, type, schema_version, company_code, error)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(halt.projection, generation, halt.position.toString(), halt.eventId, halt.streamId, halt.revision, halt.type, halt.schemaVersion, halt.companyCode, halt.error);
  }

  /** Makes `generation` the one readers see and drops every other, in one transaction. */
  switchTo(projection: Projection, generation: number): void {
    this.writeTransaction(() => {
      const others = this.db
        .prepare<[string, number], { generation: number }>('SELECT generation FROM projection_generations WHERE projection = ? AND generation <> ?')
        .all(projection.name, generation);
      for (const { generation: old } of others) this.dropGeneration(projection, old);
      this.db.prepare('UPDATE projection_generations SET live = 1 WHERE projection = ? AND generation = ?').run(projection.name, generation);
    });
  }

  dropGeneration(projection: Projection, generation: number): void {
    this.writers.delete(writerKey(projection.name, generation));
    this.writeTransaction(() => {
      for (const table of projection.tables) this.db.exec(`DROP TABLE IF EXISTS ${ProjectionDatabase.tableName(projection.name, table.name, generation)}`);
      this.db.prepare('DELETE FROM projection_generations WHERE projection = ? AND generation = ?').run(projection.name, generation);
      this.db.prepare('DELETE FROM projection_halts WHERE projection = ? AND generation = ?').run(projection.name, generation);
    });
  }

  /** Every row of one table of a generation, in primary-key order. */
  rows(projection: Projection, table: string, generation: number): Row[] {
    return this.rowsStatement(projection, table, generation).all();
  }

  private rowsStatement(projection: Projection, table: string, generation: number): Database.Statement<[], Row> {
    const definition = tableOf(projection, table);
    const name = ProjectionDatabase.tableName(projection.name, table, generation);
    return this.db.prepare<[], Row>(`SELECT * FROM ${name} ORDER BY ${definition.primaryKey.join(', ')}`);
  }

  /**
   * SHA-256 of the canonical JSON of the tables (all by default) as `[{ rows, table }]`, sorted by
   * name, each table's rows in primary-key order: equal rows, equal hash. Streamed row by row, so
   * hashing a large read model never holds it in memory; the bytes hashed are exactly
   * `canonicalJson` of that array.
   */
  hash(projection: Projection, generation: number, tables: readonly string[] = projection.tables.map((t) => t.name)): string {
    const digest = createHash('sha256');
    const sorted = [...tables].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    digest.update('[');
    sorted.forEach((table, i) => {
      digest.update(`${i === 0 ? '' : ','}{"rows":[`);
      let chunk: string[] = [];
      let encode: ((row: Row) => string) | undefined;
      for (const row of this.rowsStatement(projection, table, generation).iterate()) {
        chunk.push(encode ? `,${encode(row)}` : (encode = rowJson(Object.keys(row)))(row));
        if (chunk.length === HASH_CHUNK_ROWS) {
          digest.update(chunk.join(''));
          chunk = [];
        }
      }
      digest.update(`${chunk.join('')}],"table":${JSON.stringify(table)}}`);
    });
    digest.update(']');
    return digest.digest('hex');
  }

  /**
   * `work` in one transaction with the generation's writer, whose counts (`ProjectionWriter.add`)
   * are written when `work` is done, before the transaction commits. Nested in another
   * transaction, it is a savepoint of it.
   */
  writing<T>(projection: Projection, generation: number, work: (writer: ProjectionWriter) => T): T {
    return this.writeTransaction(() => {
      const writer = this.transactionWriter(projection, generation);
      const result = work(writer);
      writer.settle();
      return result;
    });
  }

  /**
   * Writes go to the tables of one generation; statements are prepared once per table and shape.
   * Each transaction asks for its writer when it starts, which forgets what the last one
   * remembered (rows a rolled-back transaction wrote among it). A transaction that adds to counts
   * writes through `writing`, which settles them.
   */
  writer(projection: Projection, generation: number): ProjectionWriter {
    return this.transactionWriter(projection, generation);
  }

  private transactionWriter(projection: Projection, generation: number): RememberingWriter {
    const key = writerKey(projection.name, generation);
    let writer = this.writers.get(key);
    if (!writer) {
      writer = this.newWriter(projection, generation);
      this.writers.set(key, writer);
    }
    writer.forgetAll();
    return writer;
  }

  /**
   * Statements are prepared once per table and row shape, and bound by position: better-sqlite3
   * binds an object's named parameters about 1 us a row slower, a third of a narrow row's insert.
   */
  private newWriter(projection: Projection, generation: number): RememberingWriter {
    const remembered = new Map<string, unknown>();
    // Per table, the keys remembered from it: a write forgets those and nothing else.
    const readFrom = new Map<string, Set<string>>();
    const written = (table: string) => {
      const keys = readFrom.get(table);
      if (!keys?.size) return;
      for (const key of keys) remembered.delete(key);
      keys.clear();
    };
    const inserts = new Map<string, Array<{ columns: string[]; statements: Database.Statement[] }>>();
    const finds = new Map<string, { primaryKey: string[]; statement: Database.Statement }>();
    const deletes = new Map<string, { primaryKey: string[]; statement: Database.Statement }>();
    const countStatements = new Map<string, { primaryKey: string[]; read: Database.Statement; write: Database.Statement }>();
    // Counts added to in this transaction, by table, column and key: read once, written once by settle().
    const counts = new Map<string, { write: Database.Statement; key: unknown[]; value: number }>();
    // Names are checked when the table name is built, once per statement.
    const tableName = (table: string) => ProjectionDatabase.tableName(projection.name, table, generation);
    /** The statement inserting `count` rows of these columns, prepared once. */
    const insertOf = (table: string, columns: string[], count: number): Database.Statement => {
      let shapes = inserts.get(table);
      if (!shapes) inserts.set(table, (shapes = []));
      let shape = shapes.find((known) => known.columns.length === columns.length && known.columns.every((column, i) => column === columns[i]));
      if (!shape) shapes.push((shape = { columns, statements: [] }));
      return (shape.statements[count] ??= this.db.prepare(
        `INSERT INTO ${tableName(table)} (${columns.join(', ')}) VALUES ${Array(count)
          .fill(`(${columns.map(() => '?').join(', ')})`)
          .join(', ')}`,
      ));
    };
    return {
      forgetAll: () => {
        remembered.clear();
        readFrom.clear();
        counts.clear();
      },
      insert: (table, row) => {
        written(table);
        const columns = Object.keys(row);
        return Number(insertOf(table, columns, 1).run(columns.map((column) => row[column])).lastInsertRowid);
      },
      insertAll: (table, rows) => {
        if (rows.length === 0) return;
        written(table);
        const columns = Object.keys(rows[0]);
        for (let from = 0; from < rows.length; from += ROWS_PER_INSERT) {
          const to = Math.min(rows.length, from + ROWS_PER_INSERT);
          const values: CellValue[] = [];
          for (let i = from; i < to; i += 1) {
            const row = rows[i];
            for (const column of columns) {
              if (!(column in row)) throw new Error(`insertAll into ${table}: rows of different columns (one has no ${column})`);
              values.push(row[column]);
            }
          }
          insertOf(table, columns, to - from).run(values);
        }
      },
      find: (table, key) => {
        let find = finds.get(table);
        if (!find) {
          const { primaryKey } = tableOf(projection, table);
          find = { primaryKey, statement: this.db.prepare(`SELECT * FROM ${tableName(table)} WHERE ${primaryKey.map((c) => `${c} = ?`).join(' AND ')}`) };
          finds.set(table, find);
        }
        return find.statement.get(find.primaryKey.map((column) => key[column])) as Row | undefined;
      },
      delete: (table, key) => {
        written(table);
        let remove = deletes.get(table);
        if (!remove) {
          const { primaryKey } = tableOf(projection, table);
          remove = { primaryKey, statement: this.db.prepare(`DELETE FROM ${tableName(table)} WHERE ${primaryKey.map((c) => `${c} = ?`).join(' AND ')}`) };
          deletes.set(table, remove);
        }
        remove.statement.run(remove.primaryKey.map((column) => key[column]));
      },
      // An upsert per call cost 13% of the journal's catch-up (one per entry): the sum is kept here
      // and written once per key and transaction.
      add: (table, key, column, amount) => {
        written(table);
        const statementsId = `${table} ${column}`;
        let statements = countStatements.get(statementsId);
        if (!statements) {
          const { primaryKey } = tableOf(projection, table);
          const name = tableName(table);
          const counted = checkedName('column', column);
          const where = primaryKey.map((c) => `${c} = ?`).join(' AND ');
          statements = {
            primaryKey,
            read: this.db.prepare(`SELECT ${counted} FROM ${name} WHERE ${where}`).pluck(),
            write: this.db.prepare(
              `INSERT INTO ${name} (${[...primaryKey, counted].join(', ')}) VALUES (${[...primaryKey, counted].map(() => '?').join(', ')})
               ON CONFLICT (${primaryKey.join(', ')}) DO UPDATE SET ${counted} = excluded.${counted}`,
            ),
          };
          countStatements.set(statementsId, statements);
        }
        const keyValues = statements.primaryKey.map((c) => key[c]);
        const id = `${statementsId}\u0000${keyValues.join('\u0000')}`;
        let count = counts.get(id);
        if (!count) {
          count = { write: statements.write, key: keyValues, value: (statements.read.get(keyValues) as number | undefined) ?? 0 };
          counts.set(id, count);
        }
        count.value += amount;
        return count.value;
      },
      settle: () => {
        for (const count of counts.values()) count.write.run([...count.key, count.value]);
        counts.clear();
      },
      remember: <T>(key: string, tables: readonly string[], derive: () => T): T => {
        const known = remembered.get(key);
        if (known !== undefined || remembered.has(key)) return known as T;
        const value = derive();
        remembered.set(key, value);
        for (const table of tables) {
          let keys = readFrom.get(table);
          if (!keys) readFrom.set(table, (keys = new Set()));
          keys.add(key);
        }
        return value;
      },
    };
  }

  close(): void {
    this.db.close();
  }
}

/**
 * `canonicalJson` for the flat rows of one table, with the key order and key text worked out once
 * rather than sorted again for every row: the same bytes (the runner's hash test holds it to that).
 */
function rowJson(columns: string[]): (row: Row) => string {
  const keys = [...columns].sort().map((column) => ({ column, prefix: `${JSON.stringify(column)}:` }));
  return (row) => {
    let text = '{';
    keys.forEach(({ column, prefix }, i) => {
      text += `${i === 0 ? '' : ','}${prefix}${cellJson(row[column])}`;
    });
    return `${text}}`;
  };
}

function cellJson(value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value)) return JSON.stringify(value);
  if (typeof value === 'string' || value === null) return JSON.stringify(value);
  // Anything unusual (a blob, a non-finite number) gets canonicalJson's own answer, or its error.
  return canonicalJson(value);
}

const writerKey = (projection: string, generation: number) => `${projection}#${generation}`;

function tableOf(projection: Projection, table: string): ProjectionTable {
  const definition = projection.tables.find((t) => t.name === table);
  if (!definition) throw new RangeError(`projection ${projection.name} has no table ${table}`);
  return definition;
}

function asGeneration(row: GenerationRow): Generation {
  return {
    projection: row.projection,
    generation: row.generation,
    version: row.version,
    live: row.live === 1,
    checkpoint: row.checkpoint === null ? null : BigInt(row.checkpoint),
    checkpointRecordedAt: row.checkpoint_recorded_at,
  };
}
