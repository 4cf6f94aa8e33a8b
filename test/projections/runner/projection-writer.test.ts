import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { Projection, Row } from '../../../projections/runner/projection';
import { ProjectionDatabase } from '../../../projections/runner/projection-database';
import { tempDir } from '../../support/temp-dir';

/** Two tables: lines keyed by (entry, line), and one setting a projection reads for nearly every event. */
const projection: Projection = {
  name: 'writer_check',
  version: 1,
  tables: [
    { name: 'lines', columns: { entry: 'INTEGER NOT NULL', line: 'INTEGER NOT NULL', amount: 'INTEGER NOT NULL', note: 'TEXT' }, primaryKey: ['entry', 'line'] },
    { name: 'settings', columns: { name: 'TEXT NOT NULL', value: 'TEXT NOT NULL' }, primaryKey: ['name'] },
  ],
  handle() {},
};

const linesOf = (entry: number, count: number): Row[] => Array.from({ length: count }, (_, i) => ({ entry, line: i + 1, amount: 100 * entry + i, note: i % 2 ? null : `n${i}` }));

describe('projection writer', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: ProjectionDatabase;
  let generation: number;
  const inTransaction = <T>(work: () => T): T => db.db.transaction(work)();

  beforeEach(() => {
    dir = tempDir('projection-writer');
    db = new ProjectionDatabase(join(dir.path, 'projections.sqlite'));
    generation = db.createGeneration(projection, true).generation;
  });
  afterEach(() => {
    db.close();
    dir.remove();
  });

  it('inserts many rows at once exactly as one by one, past the rows one statement takes', () => {
    const rows = [...linesOf(1, 1), ...linesOf(2, 40), ...linesOf(3, 17)];
    inTransaction(() => db.writer(projection, generation).insertAll('lines', rows));
    const other = db.createGeneration(projection, false).generation;
    inTransaction(() => {
      const writer = db.writer(projection, other);
      for (const row of rows) writer.insert('lines', row);
    });

    assert.equal(db.rows(projection, 'lines', generation).length, 58);
    assert.deepEqual(db.rows(projection, 'lines', generation), db.rows(projection, 'lines', other));
    assert.equal(db.hash(projection, generation), db.hash(projection, other));
  });

  it('adds to a count, inserting its row the first time, each key apart, written once settled, and nothing of a transaction rolled back', () => {
    const count = () => db.rows(projection, 'lines', generation).map(({ entry, line, amount }) => [entry, line, amount]);
    db.writing(projection, generation, (writer) => {
      assert.equal(writer.add('lines', { entry: 1, line: 1 }, 'amount', 5), 5);
      assert.equal(writer.add('lines', { entry: 1, line: 1 }, 'amount', 7), 12);
      assert.equal(writer.add('lines', { entry: 1, line: 2 }, 'amount', -3), -3);
    });
    db.writing(projection, generation, (writer) => {
      assert.equal(writer.add('lines', { entry: 1, line: 1 }, 'amount', 1), 13, 'a later transaction adds to what is written');
    });
    assert.throws(() =>
      inTransaction(() => {
        db.writing(projection, generation, (writer) => writer.add('lines', { entry: 1, line: 1 }, 'amount', 100));
        throw new Error('rolled back');
      }),
    );
    assert.throws(() =>
      db.writing(projection, generation, (writer) => {
        writer.add('lines', { entry: 1, line: 2 }, 'amount', 100);
        throw new Error('rolled back before it settled');
      }),
    );
    assert.deepEqual(count(), [
      [1, 1, 13],
      [1, 2, -3],
    ]);
    db.writing(projection, generation, (writer) => {
      assert.equal(writer.add('lines', { entry: 1, line: 2 }, 'amount', 1), -2, 'the next transaction forgets what a rolled-back one added');
    });
  });

  it('refuses rows of different columns in one insert, and writes none of them', () => {
    assert.throws(
      () =>
        inTransaction(() =>
          db.writer(projection, generation).insertAll('lines', [
            { entry: 1, line: 1, amount: 5, note: null },
            { entry: 1, line: 2, amount: 5 },
          ]),
        ),
      /rows of different columns/,
    );
    assert.deepEqual(db.rows(projection, 'lines', generation), []);
  });

  it('remembers what it read until the table it came from is written, and never past its transaction', () => {
    let reads = 0;
    const currency = (writer: ReturnType<ProjectionDatabase['writer']>) =>
      writer.remember('currency', ['settings'], () => {
        reads += 1;
        return writer.find('settings', { name: 'currency' })?.value;
      });

    inTransaction(() => {
      const writer = db.writer(projection, generation);
      assert.equal(currency(writer), undefined);
      writer.insertAll('lines', linesOf(1, 3));
      assert.equal(currency(writer), undefined);
      assert.equal(reads, 1, 'a write to another table keeps it');
      writer.insert('settings', { name: 'currency', value: 'EUR' });
      assert.equal(currency(writer), 'EUR');
      assert.equal(reads, 2, 'a write to its table drops it');
    });

    // A transaction that rolls back: what it remembered of its own rows must not outlive it.
    assert.throws(() =>
      inTransaction(() => {
        const writer = db.writer(projection, generation);
        writer.delete('settings', { name: 'currency' });
        writer.insert('settings', { name: 'currency', value: 'USD' });
        assert.equal(currency(writer), 'USD');
        throw new Error('power cut');
      }),
    );
    inTransaction(() => assert.equal(currency(db.writer(projection, generation)), 'EUR'));
  });
});
