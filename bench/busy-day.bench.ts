import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { journalProjection } from '../projections/journal/journal.projection';
import { DAY_ENTRIES, ENTRIES, EVENTS } from '../projections/journal/journal.tables';
import { entryRowOf, eventRowOf } from '../projections/journal/journal-rows';
import { postingBatchesProjection } from '../projections/posting-batches/posting-batches.projection';
import { PostingBatchQueries } from '../projections/posting-batches/posting-batches.queries';
import { ProjectionDatabase } from '../projections/runner/projection-database';
import type { ProjectionWriter } from '../projections/runner/projection';
import { entryIdOf, type JournalEntry, type Lineage } from '../src/ledger/posting/journal-entry';
import { tempDir } from '../test/support/temp-dir';

const COMPANY = 'US01';
const DAY = '2026-11-28';
const KIND = 'payment-captured';
/** Open when measured: fewer than a batch, as between two size-triggered closes. */
const OPEN = 300;
const BATCH = 500;

/** One journal entry of the day, written as the journal writes one: its event's lineage, its count in the day, its row. */
function writeEntry(writer: ProjectionWriter, i: number): string {
  const lineage: Lineage = { eventId: `event-${i}`, streamId: `order-${i}`, revision: 2, eventType: 'PaymentCaptured', globalPosition: String(1_000 + i), channel: 'web' };
  const entry: JournalEntry = {
    entryId: entryIdOf(lineage.eventId, KIND),
    kind: KIND,
    sourceType: 'order',
    sourceId: `o-${i}`,
    companyCode: COMPANY,
    currency: 'USD',
    postingDate: DAY,
    lines: [],
    lineage,
  };
  const eventKey = writer.insert(EVENTS.name, eventRowOf(lineage, null));
  const daySeq = writer.add(DAY_ENTRIES.name, { company_code: COMPANY, posting_date: DAY }, 'entries', 1);
  writer.insert(ENTRIES.name, entryRowOf(eventKey, entry, daySeq));
  return entry.entryId;
}

/** A closed batch of these entries, as the posting-batches read model records one. */
function writeBatch(writer: ProjectionWriter, sequence: number, entryIds: readonly string[]): void {
  const batchId = `${COMPANY}-${DAY}-${sequence}`;
  writer.insert('batches', {
    batch_id: batchId,
    company_code: COMPANY,
    posting_date: DAY,
    sequence,
    chain_index: sequence - 1,
    entry_count: entryIds.length,
    totals: '[]',
    previous_batch_id: null,
    previous_hash: '',
    hash: `hash-${sequence}`,
    closed_at: '2026-11-28T23:00:00.000Z',
    event_id: `batch-event-${sequence}`,
    global_position: String(sequence),
  });
  writer.insertAll(
    'batch_entries',
    entryIds.map((entryId, index) => ({
      entry_id: entryId,
      batch_id: batchId,
      position: index + 1,
      kind: KIND,
      source_type: 'order',
      source_id: entryId,
      business_date: null,
      hash: 'h',
    })),
  );
}

const msOf = (work: () => unknown): number => {
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e6;
};

/**
 * What a busy day costs the back office's batch checks as it fills: the size watcher's check of
 * a day (`openCount`, asked after nearly every journal commit under load) and a close's read of
 * the open entries (`openBatch`: first on a fresh reader, again, and after a close and 500 more
 * entries, as the size-triggered closes go on), at days of 10,000 to 400,000 journal entries with
 * 300 open. Rows are written through the real projection writer into the real tables; the reads
 * are PostingBatchQueries' own on a read connection, as the projection thread reads.
 */
export async function busyDayBench(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { sizes: { type: 'string', default: '10000,50000,100000,200000,400000' } } });
  const sizes = values.sizes.split(',').map(Number);
  const results: Array<{ entries: number; openCountMs: number; firstOpenBatchMs: number; openBatchMs: number; afterCloseMs: number }> = [];
  for (const size of sizes) {
    const dir = tempDir('bench-busy-day');
    const file = join(dir.path, 'projections.sqlite');
    const db = new ProjectionDatabase(file);
    let readConnection: ProjectionDatabase | undefined;
    try {
      const journal = db.createGeneration(journalProjection, true).generation;
      const batches = db.createGeneration(postingBatchesProjection, true).generation;
      const ids: string[] = [];
      const fill = (from: number, to: number, batchedTo: number) =>
        db.writing(journalProjection, journal, (writer) => {
          for (let i = from; i < to; i += 1) ids.push(writeEntry(writer, i));
          const batchWriter = db.writer(postingBatchesProjection, batches);
          for (let first = from; first < batchedTo; first += BATCH) writeBatch(batchWriter, first / BATCH + 1, ids.slice(first, Math.min(first + BATCH, batchedTo)));
        });
      // Batched in batches of 500 from the start, the last 300 (and then some) open.
      const batchedTo = Math.floor((size - OPEN) / BATCH) * BATCH;
      fill(0, size, batchedTo);
      readConnection = new ProjectionDatabase(file, { access: 'read' });
      const reads = new PostingBatchQueries(readConnection);
      const openCountMs = msOf(() => reads.openCount(COMPANY, DAY));
      const firstOpenBatchMs = msOf(() => reads.openBatch(COMPANY, DAY, BATCH));
      const openBatchMs = msOf(() => reads.openBatch(COMPANY, DAY, BATCH));
      db.db.transaction(() => writeBatch(db.writer(postingBatchesProjection, batches), batchedTo / BATCH + 1, ids.slice(batchedTo, batchedTo + BATCH)))();
      fill(size, size + BATCH, size);
      const afterCloseMs = msOf(() => reads.openBatch(COMPANY, DAY, BATCH));
      const round = (ms: number) => Math.round(ms * 100) / 100;
      results.push({
        entries: size,
        openCountMs: round(openCountMs),
        firstOpenBatchMs: round(firstOpenBatchMs),
        openBatchMs: round(openBatchMs),
        afterCloseMs: round(afterCloseMs),
      });
      console.log(
        `busy day of ${size} entries: openCount ${round(openCountMs)} ms; openBatch first ${round(firstOpenBatchMs)} ms, again ${round(openBatchMs)} ms, after a close and ${BATCH} more ${round(afterCloseMs)} ms`,
      );
    } finally {
      readConnection?.close();
      db.close();
      dir.remove();
    }
  }
  console.log(JSON.stringify({ bench: 'busy-day', results }));
}
