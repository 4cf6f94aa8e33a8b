import type { RecordedEvent } from '../../src/event-store/event-store.port';
import { canonicalJson } from '../../src/hashing/canonical-json';
import type { Projection, ProjectionWriter } from '../runner/projection';
import { POSTING_BATCH_CLOSED, POSTING_BATCH_STREAM_PREFIX, type PostingBatchClosedData } from '../../src/ledger/posting-batch/posting-batch';
import { BATCH_ENTRIES, BATCHES } from './posting-batches.tables';

/** Closed posting batches and which entries they hold, from PostingBatchClosed events. */
export const postingBatchesProjection: Projection = {
  name: 'posting_batches',
  // 2: an entry moved out of a closed fiscal period keeps its business date (batch_entries.business_date).
  version: 2,
  tables: [BATCHES, BATCH_ENTRIES],
  filter: { on: 'streamName', prefixes: [POSTING_BATCH_STREAM_PREFIX] },
  handle(event: RecordedEvent, writer: ProjectionWriter): void {
    if (event.type !== POSTING_BATCH_CLOSED) return;
    const batch = event.data as PostingBatchClosedData;
    writer.insert('batches', {
      batch_id: batch.batchId,
      company_code: batch.companyCode,
      posting_date: batch.postingDate,
      sequence: batch.sequence,
      chain_index: event.revision,
      entry_count: batch.entries.length,
      totals: canonicalJson(batch.totals),
      previous_batch_id: batch.previousBatchId,
      previous_hash: batch.previousHash,
      hash: batch.hash,
      closed_at: event.recordedAt.toISOString(),
      event_id: event.eventId,
      global_position: event.globalPosition.toString(),
    });
    batch.entries.forEach((entry, index) =>
      writer.insert('batch_entries', {
        entry_id: entry.entryId,
        batch_id: batch.batchId,
        position: index + 1,
        kind: entry.kind,
        source_type: entry.sourceType,
        source_id: entry.sourceId,
        business_date: entry.businessDate ?? null,
        hash: entry.hash,
      }),
    );
  },
};
